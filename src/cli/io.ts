import { relative } from 'path';

/** Where the command-line tool reads and writes; the process's by default, a test's in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: { [name: string]: string | undefined };
}

/** The process's standard streams, directory and environment. */
export function processIo(): CliIo {
  return {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A failure to report as `error: <message>` with exit code 1, without a stack trace. */
export class CliError extends Error {}

/** The warnings of a conversion, on standard error: the library keeps them, the tool prints them. */
export function printWarnings(io: CliIo, warnings: string[]): void {
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
}

/** A file as the user names it: relative to the working directory when it is below it. */
export function show(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? '.' : rel.startsWith('..') ? file : rel;
}
