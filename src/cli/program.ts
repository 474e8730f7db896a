import { Command, CommanderError } from 'commander';
import { addCheckCommand } from './commands/check';
import { addConvertCommand } from './commands/convert';
import { addDiagramCommand } from './commands/diagram';
import { addInitCommand } from './commands/init';
import { addLintCommand } from './commands/lint';
import { addSkaffoldCommand } from './commands/skaffold';
import { CliIo, processIo } from './io';
import { packageJson } from './package-json';

/**
 * Runs the command-line tool with `argv` (without `node` and the script). Returns the exit code:
 * 0 on success, 1 on errors (and on lint findings).
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, c => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`error: ${message.split('\n').join('\nerror: ')}\n`);
    if (io.env.K8S_COURSE_CONSTRUCTS_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command('k8s-course-constructs')
    .description('Convert docker-compose applications to Kubernetes with the course\'s defaults, and check Kubernetes YAML.')
    .version(packageJson().version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  addConvertCommand(program, io);
  addInitCommand(program, io);
  addLintCommand(program, io, exit);
  addDiagramCommand(program, io);
  addSkaffoldCommand(program, io);
  addCheckCommand(program, io, exit);
  for (const c of program.commands) {
    c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(add --help for usage)');
  }
  return program;
}
