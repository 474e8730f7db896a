/**
 * Node's `fs`, as much of it as the library and cdk8s use, on the page's disk (./disk). The
 * bundle aliases `fs` to this module; nothing here reaches a real disk or the network.
 */
import { Buffer } from 'buffer';
import * as disk from './disk';

/** The error Node throws for a missing path, with its code. */
function missing(op: string, path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${path}'`), { code: 'ENOENT' });
}

/** Node's Stats, for files (mode 0644) and folders. */
class Stats {
  public readonly mode: number;
  public constructor(private readonly what: 'file' | 'folder', public readonly size: number) {
    this.mode = what === 'file' ? 0o100644 : 0o40755;
  }
  public isFile(): boolean {
    return this.what === 'file';
  }
  public isDirectory(): boolean {
    return this.what === 'folder';
  }
  public isSymbolicLink(): boolean {
    return false;
  }
}

export function existsSync(path: string): boolean {
  return disk.kind(path) !== undefined;
}

export function statSync(path: string): Stats {
  const what = disk.kind(path);
  if (what === undefined) throw missing('stat', path);
  return new Stats(what, disk.read(path)?.length ?? 0);
}

export const lstatSync = statSync;

export function readFileSync(path: string, options?: string | { encoding?: string }): string | Buffer {
  const bytes = disk.read(path);
  if (bytes === undefined) throw missing('open', path);
  const encoding = typeof options === 'string' ? options : options?.encoding;
  const buffer = Buffer.from(bytes);
  return encoding ? buffer.toString(encoding as BufferEncoding) : buffer;
}

export function writeFileSync(path: string, data: string | Uint8Array): void {
  disk.write(path, data);
}

export function mkdirSync(path: string): void {
  disk.addFolder(path);
}

/** Node's Dirent: an entry of a folder, as `readdirSync(path, { withFileTypes: true })` gives it. */
class Dirent {
  public constructor(public readonly name: string, private readonly what: 'file' | 'folder') {}
  public isFile(): boolean {
    return this.what === 'file';
  }
  public isDirectory(): boolean {
    return this.what === 'folder';
  }
  public isSymbolicLink(): boolean {
    return false;
  }
}

export function readdirSync(path: string, options?: { recursive?: boolean; withFileTypes?: boolean }): Array<string | Dirent> {
  if (disk.kind(path) !== 'folder') throw missing('scandir', path);
  if (options?.withFileTypes) return disk.list(path).map(name => new Dirent(name, disk.kind(`${disk.normal(path)}/${name}`)!));
  return options?.recursive ? disk.filesUnder(path) : disk.list(path);
}

export function realpathSync(path: string): string {
  if (disk.kind(path) === undefined) throw missing('realpath', path);
  return disk.normal(path);
}
realpathSync.native = realpathSync;

export default { existsSync, statSync, lstatSync, readFileSync, writeFileSync, mkdirSync, readdirSync, realpathSync };
