import { resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { Prerequisites } from '../../outputs';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliIo, printWarnings, show } from '../io';
import { OutputFolder } from '../output-folder';
import { prerequisitesSummary } from '../prerequisites';

/**
 * `convert`: the Kubernetes YAML of a compose application and, beside it, what the cluster must
 * provide; the warnings for what is not mapped.
 */
export function addConvertCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('convert'))
    .description('write the Kubernetes YAML of a compose application (<name>.k8s.yaml) and what the cluster must provide for it '
      + '(<name>.prerequisites.md), and print the warnings for what is not mapped')
    .option('-o, --output <dir>', 'folder to write <name>.k8s.yaml and <name>.prerequisites.md to', 'dist')
    .option('--force', 'replace symlinks in the output folder that lead out of it (the links, never their targets)')
    .action(async (opts: any) => {
      const { files, options } = composeOptions(opts, io);
      const out = new OutputFolder(resolve(io.cwd, opts.output), { cwd: io.cwd, flag: '-o', force: opts.force });
      const app = new App({ outdir: out.path });
      const stack = composeStack(app, options, opts.name);
      // Synthesized in memory and written here, so no write follows a symlink out of the folder.
      const yaml = app.synthYaml();
      const prerequisites = Prerequisites.of(stack);
      const file = out.write(`${stack.node.id}.k8s.yaml`, yaml);
      const listed = out.write(prerequisites.fileName, prerequisites.toMarkdown());
      const warnings = stack.warnings;
      printWarnings(io, warnings);
      const from = files.map(f => show(io.cwd, f)).join(', ');
      const objects = stack.toJson().length;
      io.stdout(`wrote ${show(io.cwd, file)} (${objects} objects) from ${from}${warnings.length > 0 ? `, with ${warnings.length} warnings` : ''}\n`);
      io.stdout(prerequisitesSummary(prerequisites, show(io.cwd, listed)));
    });
}
