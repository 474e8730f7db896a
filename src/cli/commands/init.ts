import { closeSync, fstatSync, openSync, readFileSync } from 'fs';
import { basename, dirname, join, relative, resolve } from 'path';
import { Command } from 'commander';
import { ComposeAppFile, ComposeImport } from '../../compose';
import { appFiles } from '../app-files';
import { inFolder, placesRelativeTo } from '../app-places';
import { composeOptions, hasComposeFile, withComposeOptions } from '../compose-flags';
import { CliError, CliIo, printWarnings, show } from '../io';
import { OutputFolder, READ_NO_FOLLOW } from '../output-folder';
import { platformCode, platformOf } from '../platform-flags';
import { starterCode } from '../starter';

/** A file of the new app: its path in the app folder, its content and its mode. */
interface AppFile {
  readonly path: string;
  readonly data: string | Buffer;
  readonly mode?: number;
}

/** What init writes, and what it has to say about it. */
interface NewApp {
  readonly files: AppFile[];
  readonly warnings: string[];
}

/** The options that only mean something for a compose file, and how the user writes them. */
const COMPOSE_ONLY: Array<[string, string]> = [
  ['envFile', '--env-file'], ['profile', '--profile'], ['route', '--route'], ['backing', '--backing'],
  ['external', '--external'], ['imageTag', '--image-tag'],
];

/**
 * `init`: a TypeScript cdk8s app to edit and own: from a compose file, the app that builds what
 * `convert` writes; without one, a starter app with one service.
 */
export function addInitCommand(program: Command, io: CliIo): void {
  withComposeOptions(program.command('init'))
    .description('write a TypeScript cdk8s app (main.ts, package.json, tsconfig.json, cdk8s.yaml) to edit and own: from a compose file, '
      + 'the app that builds what convert writes; without one, a starter app with one service')
    .option('-o, --output <dir>', 'folder of the new app (default: k8s when converting a compose file, else the working folder)')
    .option('--force', 'overwrite files that exist, and replace symlinks in the way (the links, never their targets)')
    .action(async (opts: any) => {
      const compose = hasComposeFile(opts, io);
      const outDir = resolve(io.cwd, opts.output ?? (compose ? 'k8s' : '.'));
      const out = new OutputFolder(outDir, { cwd: io.cwd, flag: '-o', force: opts.force });
      const app = compose ? composeApp(opts, io, outDir) : starterApp(opts, outDir);
      refuseExisting(out, app.files, opts.force, io);
      const written = app.files.map(f => out.write(f.path, f.data, f.mode));
      printWarnings(io, app.warnings);
      const shown = written.slice(0, 6).map(f => show(io.cwd, f));
      const more = written.length > shown.length ? ` and ${written.length - shown.length} files it mounts` : '';
      io.stdout(`wrote ${shown.join(', ')}${more}\n`);
      const cd = relative(io.cwd, outDir) === '' ? '' : `cd ${show(io.cwd, outDir)} && `;
      io.stdout(`next: ${cd}npm install && npm run synth\n`);
    });
}

/** The app of a compose file: its main.ts (places relative to the app folder) and the project files it mounts. */
function composeApp(opts: any, io: CliIo, outDir: string): NewApp {
  const { files, options } = composeOptions(opts, io);
  const projectDir = options.projectDirectory ?? dirname(files[0]);
  // The compose layer writes places relative to the working directory: make that the project's.
  const result = inFolder(projectDir, () => ComposeImport.toTypeScript({ ...options, buildContextRoot: outDir }, outDir, opts.name));
  // The project files main.ts reads from its own folder (files/...), copied with their modes.
  const copied = result.files.map(f => copyOf(f, io));
  return {
    files: [
      { path: 'main.ts', data: placesRelativeTo(result.code, outDir, projectDir) },
      ...appFiles(result.stackId).map(([path, data]) => ({ path, data })),
      ...copied,
    ],
    warnings: result.warnings.map(w => placesRelativeTo(w, io.cwd, projectDir)),
  };
}

/** A starter app: a stack with one service, named after the app folder unless --name says otherwise. */
function starterApp(opts: any, outDir: string): NewApp {
  for (const [key, flag] of COMPOSE_ONLY) {
    if (opts[key] !== undefined) throw new CliError(`${flag} reads a compose file, and there is none: pass it with -f, or leave ${flag} out for a starter app`);
  }
  const id = opts.name ?? (dnsLabel(basename(outDir)) || 'app');
  const namespace = opts.namespace ?? id;
  for (const [flag, value] of [['--name', id], ['-n', namespace]]) {
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
      throw new CliError(`${flag} must be a DNS label: lowercase letters, digits and "-", starting with a letter, at most 63 (got "${value}"); such as ${flag} shop`);
    }
  }
  platformOf(opts);
  const code = starterCode({ id, namespace, platform: platformCode(opts), imageRegistry: opts.imageRegistry });
  return { files: [{ path: 'main.ts', data: code }, ...appFiles(id).map(([path, data]) => ({ path, data }))], warnings: [] };
}

/** Without --force, no file (nor symlink, dangling or not) is overwritten. */
function refuseExisting(out: OutputFolder, files: AppFile[], force: boolean | undefined, io: CliIo): void {
  if (force) return;
  const existing = files.filter(f => out.has(f.path)).map(f => show(io.cwd, join(out.path, f.path)));
  if (existing.length === 0) return;
  const names = existing.length > 10 ? `${existing.slice(0, 10).join(', ')} and ${existing.length - 10} more` : existing.join(', ');
  throw new CliError(`${names} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another folder with -o`);
}

/** A project file's bytes and permissions (an executable script stays executable), read without following a symlink. */
function copyOf(file: ComposeAppFile, io: CliIo): AppFile {
  let fd: number;
  try {
    fd = openSync(file.sourcePath, READ_NO_FOLLOW);
  } catch {
    throw new CliError(`${show(io.cwd, file.sourcePath)} cannot be read (a symlink, or gone); the app mounts it as ${file.path}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CliError(`${show(io.cwd, file.sourcePath)} is not a file; the app mounts it as ${file.path}`);
    // The permission bits only (no set-user-id, set-group-id or sticky bit).
    // eslint-disable-next-line no-bitwise
    return { path: file.path, data: readFileSync(fd), mode: stat.mode & 0o777 };
  } finally {
    closeSync(fd);
  }
}

/** A folder name as a DNS label: `My Shop` → `my-shop`. */
function dnsLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63).replace(/-+$/, '');
}
