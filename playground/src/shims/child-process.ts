/**
 * Node's `child_process`: cdk8s runs helm and loads YAML from URLs through it, which the page
 * never does. Every call fails with a message that says so.
 */
function unavailable(): never {
  throw new Error('running programs is not available in the playground');
}

export const execFileSync = unavailable;
export const spawnSync = unavailable;
export const execSync = unavailable;

export default { execFileSync, spawnSync, execSync };
