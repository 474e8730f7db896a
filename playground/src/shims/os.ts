/** Node's `os`, for the few calls the library makes: a home folder nothing lives in. */
export function homedir(): string {
  return '/home/student';
}

export function tmpdir(): string {
  return '/tmp';
}

export const EOL = '\n';

export default { homedir, tmpdir, EOL };
