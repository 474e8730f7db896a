import { join, resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliIo, printWarnings, show } from '../io';

/** `convert`: the Kubernetes YAML of a compose application, and the warnings for what is not mapped. */
export function addConvertCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('convert'))
    .description('write the Kubernetes YAML of a compose application, and the warnings for what is not mapped')
    .option('-o, --output <dir>', 'folder to write <name>.k8s.yaml to', 'dist')
    .action(async (opts: any) => {
      const { files, options } = composeOptions(opts, io);
      const outdir = resolve(io.cwd, opts.output);
      const app = new App({ outdir });
      const stack = composeStack(app, options, opts.name);
      const warnings = stack.warnings;
      app.synth();
      const file = join(outdir, `${stack.node.id}.k8s.yaml`);
      const objects = stack.toJson().length;
      printWarnings(io, warnings);
      const from = files.map(f => show(io.cwd, f)).join(', ');
      io.stdout(`wrote ${show(io.cwd, file)} (${objects} objects) from ${from}${warnings.length > 0 ? `, with ${warnings.length} warnings` : ''}\n`);
    });
}
