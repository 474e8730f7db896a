import { dirname, resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { Skaffold } from '../../outputs';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliIo, printWarnings, show } from '../io';
import { writeOutputFile } from '../output-folder';

/** `skaffold`: a skaffold.yaml for the application a compose file converts to. */
export function addSkaffoldCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('skaffold'))
    .description('write a skaffold.yaml for the application a compose file converts to: '
      + 'one artifact per service with a build, the cdk8s output as manifests')
    .option('-o, --output <file>', 'file to write (default: standard output); build contexts are written relative to it')
    .option('--force', 'replace a symlink at that file that leads out of its folder (the link, never its target)')
    .option('--manifests <dir>', 'where cdk8s synth writes the manifests, relative to the Skaffold file', 'dist')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const file = opts.output ? resolve(io.cwd, opts.output) : undefined;
      const stack = composeStack(new App(), { ...options, buildContextRoot: file ? dirname(file) : io.cwd }, opts.name);
      printWarnings(io, stack.warnings);
      const skaffold = Skaffold.forStack(stack, { manifestsDir: opts.manifests });
      if (file) {
        const written = writeOutputFile(file, skaffold.toYaml(), { cwd: io.cwd, flag: '-o', example: 'skaffold.yaml', force: opts.force });
        io.stdout(`wrote ${show(io.cwd, written)}\n`);
      } else {
        io.stdout(skaffold.toYaml());
      }
    });
}
