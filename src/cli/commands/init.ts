import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { Command } from 'commander';
import { ComposeImport } from '../../compose';
import { composeOptions, withComposeOptions } from '../compose-flags';
import { initAppFiles } from '../init-app';
import { CliError, CliIo, printWarnings, show } from '../io';
import { packageJson } from '../package-json';

/** `init`: a TypeScript cdk8s app that builds what `convert` writes, to edit and own. */
export function addInitCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('init'))
    .description('write a TypeScript cdk8s app (main.ts, cdk8s.yaml, package.json, tsconfig.json) that builds what convert writes, to edit and own')
    .option('-o, --output <dir>', 'folder of the new app', 'k8s')
    .option('--force', 'overwrite files that exist')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const outDir = resolve(io.cwd, opts.output);
      const { code, stackId, warnings } = ComposeImport.toTypeScript({ ...options, buildContextRoot: outDir }, outDir, opts.name);
      const files = initAppFiles(code, stackId, packageJson());
      const existing = files.map(([f]) => join(outDir, f)).filter(f => existsSync(f));
      if (existing.length > 0 && !opts.force) {
        const names = existing.map(f => show(io.cwd, f)).join(', ');
        throw new CliError(`${names} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another folder with -o`);
      }
      mkdirSync(outDir, { recursive: true });
      for (const [f, text] of files) writeFileSync(join(outDir, f), text);
      printWarnings(io, warnings);
      io.stdout(`wrote ${files.map(([f]) => show(io.cwd, join(outDir, f))).join(', ')}\n`);
      io.stdout(`next: cd ${show(io.cwd, outDir)} && npm install && npx cdk8s synth\n`);
    });
}
