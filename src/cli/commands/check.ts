import { readFileSync, statSync } from 'fs';
import { resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { Prerequisites, PrerequisiteStatus } from '../../outputs';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliError, CliIo, printWarnings, show } from '../io';
import { checkCounts, checkLines } from '../prerequisites';

/**
 * `check`: the prerequisites of the application a compose file converts to, compared with what a
 * cluster has (`kubectl get ... -o json` output saved to a file); exit code 1 when something is
 * missing.
 */
export function addCheckCommand(program: Command, io: CliIo, exit: (code: number) => void): void {
  withComposeOptions(program.command('check'))
    .description('compare what the application a compose file converts to needs of the cluster (its GatewayClass, StorageClasses, '
      + 'Secrets and their keys, ConfigMaps, CRDs) with a cluster\'s kubectl get output; exit code 1 when something is missing')
    .argument('<cluster-file>', `the output of:\n${Prerequisites.CHECK_COMMAND}`)
    .action(async (clusterFile: string, opts: any) => {
      const text = readClusterFile(resolve(io.cwd, clusterFile), io);
      const { options } = composeOptions(opts, io);
      const stack = composeStack(new App(), options, opts.name);
      printWarnings(io, stack.warnings);
      const checks = Prerequisites.of(stack).check(text);
      for (const line of checkLines(checks)) io.stdout(`${line}\n`);
      io.stderr(`${show(io.cwd, resolve(io.cwd, clusterFile))}: ${checkCounts(checks)}\n`);
      if (checks.some(c => c.status === PrerequisiteStatus.MISSING)) exit(1);
    });
}

/** The saved kubectl output, or a message that says how to make it. */
function readClusterFile(file: string, io: CliIo): string {
  const how = `save the cluster's objects with: ${oneLine(Prerequisites.CHECK_COMMAND)}`;
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new CliError(`${show(io.cwd, file)} does not exist; ${how}`);
  }
  if (!isFile) throw new CliError(`${show(io.cwd, file)} is not a file; ${how}`);
  return readFileSync(file, 'utf-8');
}

/** A shell command continued over lines (` \\` and a newline), on one line. */
function oneLine(command: string): string {
  return command.replace(/ \\\n\s*/g, ' ');
}
