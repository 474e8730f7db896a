import { resolve } from 'path';
import { App } from 'cdk8s';
import { Command } from 'commander';
import { StackDiagram } from '../../outputs';
import { composeOptions, composeStack, withComposeOptions } from '../compose-flags';
import { CliIo, printWarnings } from '../io';

/** `diagram`: a Mermaid diagram of the application a compose file converts to. */
export function addDiagramCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('diagram'))
    .description('write a Mermaid diagram (Markdown) of the application a compose file converts to')
    .option('-o, --output <file>', 'Markdown file to write (default: standard output)')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const stack = composeStack(new App(), options, opts.name);
      printWarnings(io, stack.warnings);
      const diagram = StackDiagram.of(stack);
      if (opts.output) {
        diagram.writeTo(resolve(io.cwd, opts.output));
        io.stdout(`wrote ${opts.output}\n`);
      } else {
        io.stdout(diagram.toMarkdown());
      }
    });
}
