import { closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, realpathSync, Stats, statSync, unlinkSync, writeSync } from 'fs';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'path';
import { CliError, show } from './io';

/** How an {@link OutputFolder} treats what is already there. */
export interface OutputFolderOptions {
  /** The working directory, for messages. */
  readonly cwd: string;
  /** The option that named the folder, for messages (`-o`). */
  readonly flag: string;
  /** Replace symlinks that lead out of the folder (the link itself, never its target). */
  readonly force?: boolean;
}

/**
 * A folder the tool writes into. A write never goes through a symlink that leads out of the
 * folder (or that leads nowhere): it fails with the link's place, or with `force` replaces the
 * link itself by a plain file or folder; its target is never touched. A symlink that stays inside
 * the folder is written through. The folder itself may be a symlink: the user named it.
 */
export class OutputFolder {
  /** The folder as the user named it, absolute. */
  public readonly path: string;
  private root?: string;

  constructor(path: string, private readonly options: OutputFolderOptions) {
    this.path = path;
  }

  /**
   * Whether `file` (relative to the folder) is taken: a file, a folder or a symlink, dangling or
   * not. A folder on its way that is a symlink leading out is an error (as {@link write} would
   * throw), never looked through; with `force` the file is free, as the link will be replaced.
   */
  public has(file: string): boolean {
    const parts = checkRelative(file).split(/[\\/]/);
    let path = this.path;
    for (const part of parts.slice(0, -1)) {
      path = join(path, part);
      const stat = lstatOrUndefined(path);
      if (!stat) return false;
      if (stat.isSymbolicLink()) {
        const real = realOrUndefined(path);
        if (!real || !this.inside(real)) {
          this.refuseLink(path, real);
          return false;
        }
      }
    }
    return lstatOrUndefined(join(path, parts[parts.length - 1])) !== undefined;
  }

  /**
   * Writes `data` to `file` (relative to the folder, `/`-separated) and returns the absolute path
   * written. A `mode` is given to the file even when it was there (a new file without one is 0644
   * less the umask).
   */
  public write(file: string, data: string | Uint8Array, mode?: number): string {
    const parts = checkRelative(file).split(/[\\/]/);
    let dir = this.realRoot();
    for (const part of parts.slice(0, -1)) dir = this.folder(join(dir, part));
    const target = this.file(join(dir, parts[parts.length - 1]));
    writeNoFollow(target, data, mode, () => this.shown(target));
    return join(this.path, ...parts);
  }

  /** The folder's real path, created when missing. */
  private realRoot(): string {
    if (this.root) return this.root;
    const stat = statOrUndefined(this.path);
    if (stat && !stat.isDirectory()) {
      throw new CliError(`${this.options.flag} ${show(this.options.cwd, this.path)} is a file; ${this.options.flag} names the folder to write into`);
    }
    if (!stat) {
      if (lstatOrUndefined(this.path)?.isSymbolicLink()) throw new CliError(`${this.options.flag} ${show(this.options.cwd, this.path)} is a symlink to nothing; remove it or choose another folder`);
      this.create();
    }
    this.root = realpathSync(this.path);
    return this.root;
  }

  /** Creates the folder; a file on its way is named, not reported as ENOTDIR. */
  private create(): void {
    try {
      mkdirSync(this.path, { recursive: true });
    } catch (e) {
      let up = dirname(this.path);
      while (dirname(up) !== up && !statOrUndefined(up)) up = dirname(up);
      if (statOrUndefined(up)?.isFile()) {
        throw new CliError(`${this.options.flag} ${show(this.options.cwd, this.path)} cannot be created: ${show(this.options.cwd, up)} is a file; choose another folder`);
      }
      throw new CliError(`${this.options.flag} ${show(this.options.cwd, this.path)} cannot be created (${(e as NodeJS.ErrnoException).code}); choose another folder`);
    }
  }

  /** A folder on the way to a file: created, or checked to stay inside. */
  private folder(path: string): string {
    const stat = lstatOrUndefined(path);
    if (!stat) {
      mkdirSync(path);
      return path;
    }
    if (stat.isSymbolicLink()) {
      const real = realOrUndefined(path);
      if (real && this.inside(real) && statSync(real).isDirectory()) return real;
      return this.replaceLink(path, real, () => mkdirSync(path));
    }
    if (!stat.isDirectory()) throw new CliError(`${this.shown(path)} is a file where a folder is needed; move it away`);
    return path;
  }

  /** The path to write a file at: itself, the inside target of its symlink, or the link replaced. */
  private file(path: string): string {
    const stat = lstatOrUndefined(path);
    if (stat?.isDirectory()) throw new CliError(`${this.shown(path)} is a folder where a file is written; move it away`);
    if (!stat?.isSymbolicLink()) return path;
    const real = realOrUndefined(path);
    if (real && this.inside(real)) {
      if (statSync(real).isDirectory()) throw new CliError(`${this.shown(path)} is a symlink to a folder where a file is written; move it away`);
      return real;
    }
    return this.replaceLink(path, real, () => undefined);
  }

  /** With --force, the link goes (never its target); without, a message that names the link. */
  private replaceLink(path: string, real: string | undefined, recreate: () => void): string {
    this.refuseLink(path, real);
    unlinkSync(path);
    recreate();
    return path;
  }

  /** Without --force, a message that names a link leading out (or nowhere). */
  private refuseLink(path: string, real: string | undefined): void {
    if (this.options.force) return;
    const where = real ? 'a place outside' : 'nothing inside';
    throw new CliError(`${this.shown(path)} is a symlink to ${where} ${this.shown(this.path)}, so it is not written through; `
      + 'pass --force to replace the link itself (its target is left alone), or remove it');
  }

  private inside(real: string): boolean {
    const rel = relative(this.realRoot(), real);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  }

  private shown(path: string): string {
    const root = this.realRoot();
    const rel = relative(root, path);
    const named = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : join(this.path, rel);
    return show(this.options.cwd, named);
  }
}

/**
 * Writes the file an option names (`-o diagram.md`): a folder there is an error that says what the
 * option takes, and the file's folder is an {@link OutputFolder}.
 */
export function writeOutputFile(path: string, data: string, options: OutputFolderOptions & { readonly example: string }): string {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // not there yet: written below
  }
  if (folder) {
    const shown = show(options.cwd, path);
    throw new CliError(`${options.flag} ${shown} is a folder; ${options.flag} names the file to write, such as ${options.flag} ${show(options.cwd, join(path, options.example))}`);
  }
  return new OutputFolder(dirname(path), options).write(basename(path), data);
}

/** open(2) flags: write, create, truncate, and fail on a symlink (O_NOFOLLOW is undefined on Windows). */
// eslint-disable-next-line no-bitwise
const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** open(2) flags: read, and fail on a symlink. */
// eslint-disable-next-line no-bitwise
export const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Writes a file without following a symlink put in its place since it was checked. */
function writeNoFollow(path: string, data: string | Uint8Array, mode: number | undefined, shown: () => string): void {
  let fd: number;
  try {
    fd = openSync(path, WRITE_NO_FOLLOW, mode ?? 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new CliError(`${shown()} became a symlink while writing; it is not written through`);
    throw e;
  }
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf-8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
}

/** A relative, normalised path inside the folder, or an error (a caller's mistake, not the user's). */
function checkRelative(file: string): string {
  const normal = normalize(file);
  if (file === '' || isAbsolute(file) || normal === '..' || normal.startsWith(`..${sep}`) || normal.split(/[\\/]/).includes('..')) {
    throw new CliError(`cannot write ${JSON.stringify(file)}: files are written inside the output folder, by a relative path`);
  }
  return normal;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The real path of a link's target, or undefined for a dangling link (or a loop). */
function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
