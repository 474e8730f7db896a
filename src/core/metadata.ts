/**
 * Object metadata helpers shared by the constructs that create API objects themselves.
 */

/** `{ name }` when there is a name: an explicit `name: undefined` would hide the name cdk8s generates. */
export function nameOnly(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}
