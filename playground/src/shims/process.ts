/**
 * Node's `process`, as a global for the bundle: the working directory is the project folder of
 * the page's disk (so file names print as the command line prints them, run in that folder),
 * and the environment is empty (the command line's variables come from the `.env` tab).
 */
export const PROJECT_DIR = '/project';

export const process = {
  env: {} as { [name: string]: string | undefined },
  argv: [] as string[],
  platform: 'linux',
  version: 'v20.0.0',
  versions: {} as { [name: string]: string },
  cwd: (): string => PROJECT_DIR,
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]): void => {
    void Promise.resolve().then(() => fn(...args));
  },
  emitWarning: (): void => undefined,
};
