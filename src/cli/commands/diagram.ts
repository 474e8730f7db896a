import { resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { StackDiagram } from '../../outputs';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliIo, printWarnings, show } from '../io';
import { writeOutputFile } from '../output-folder';

/** `diagram`: a Mermaid diagram of the application a compose file converts to. */
export function addDiagramCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('diagram'))
    .description('write a Mermaid diagram (Markdown) of the application a compose file converts to')
    .option('-o, --output <file>', 'Markdown file to write (default: standard output)')
    .option('--force', 'replace a symlink at that file that leads out of its folder (the link, never its target)')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const stack = composeStack(new App(), options, opts.name);
      printWarnings(io, stack.warnings);
      const diagram = StackDiagram.of(stack);
      if (opts.output) {
        const file = writeOutputFile(resolve(io.cwd, opts.output), diagram.toMarkdown(), { cwd: io.cwd, flag: '-o', example: 'diagram.md', force: opts.force });
        io.stdout(`wrote ${show(io.cwd, file)}\n`);
      } else {
        io.stdout(diagram.toMarkdown());
      }
    });
}
