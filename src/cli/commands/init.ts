import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { Command } from 'commander';
import { ComposeImport } from '../../compose';
import { composeOptions, withComposeOptions } from '../compose-flags';
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
      const files: Array<[string, string]> = [
        ['main.ts', code],
        ['cdk8s.yaml', 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n'],
        ['package.json', `${JSON.stringify(appPackageJson(stackId), undefined, 2)}\n`],
        ['tsconfig.json', `${JSON.stringify(APP_TSCONFIG, undefined, 2)}\n`],
      ];
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

/** The package.json of an app written by init: the library's own versions of its peers and of TypeScript. */
function appPackageJson(id: string): object {
  const pkg = packageJson();
  const dev = pkg.devDependencies;
  return {
    name: `${id}-k8s`,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s synth',
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      'cdk8s': pkg.peerDependencies.cdk8s,
      'cdk8s-plus-28': pkg.peerDependencies['cdk8s-plus-28'],
      'constructs': pkg.peerDependencies.constructs,
      'k8s-course-constructs': pkg.version === '0.0.0' ? 'latest' : `^${pkg.version}`,
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20',
      'cdk8s-cli': '^2',
      'ts-node': dev['ts-node'] ?? '^10.9.2',
      'typescript': dev.typescript ?? '~6.0.3',
    },
  };
}

/** ts-node needs a tsconfig with TypeScript 6: its built-in defaults use options TypeScript 6 refuses. */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    lib: ['es2022'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['*.ts'],
};
