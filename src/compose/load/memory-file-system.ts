import { posix } from 'path';
import { ComposeFileStat, IComposeFileSystem } from './file-system';

/** Props of {@link InMemoryFileSystem}. */
export interface InMemoryFileSystemProps {
  /**
   * Files by absolute POSIX path (`/app/docker-compose.yml`), with their text. Their folders
   * exist implicitly.
   *
   * @default - no files
   */
  readonly files?: { [path: string]: string };

  /**
   * Symlinks by absolute POSIX path, with their target: absolute, or relative to the link's
   * folder, as `ln -s` writes it.
   *
   * @default - no symlinks
   */
  readonly symlinks?: { [path: string]: string };

  /**
   * Empty folders, by absolute POSIX path.
   *
   * @default - only the folders of files and symlinks
   */
  readonly directories?: string[];
}

/** How many symlinks one path may pass through, as Linux allows (ELOOP beyond). */
const MAX_LINK_HOPS = 40;

/**
 * Files held in memory, for tests and for a compose import that runs without a disk (a
 * playground in the browser). Paths are POSIX.
 */
export class InMemoryFileSystem implements IComposeFileSystem {
  private readonly files = new Map<string, string>();
  private readonly links = new Map<string, string>();
  private readonly dirs = new Set<string>(['/']);

  public constructor(props: InMemoryFileSystemProps = {}) {
    for (const [path, text] of Object.entries(props.files ?? {})) this.files.set(this.addParents(path), text);
    for (const [path, target] of Object.entries(props.symlinks ?? {})) this.links.set(this.addParents(path), target);
    for (const path of props.directories ?? []) this.dirs.add(this.addParents(path));
  }

  public readText(path: string): string {
    const real = this.realPath(path);
    const text = real === undefined ? undefined : this.files.get(real);
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return text;
  }

  public realPath(path: string): string | undefined {
    const pending = posix.resolve('/', path).split('/').filter(s => s !== '');
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const segment = pending.shift()!;
      const next = segment === '..' ? posix.dirname(current) : posix.join(current, segment);
      const target = this.links.get(next);
      if (target !== undefined) {
        if (++hops > MAX_LINK_HOPS) return undefined;
        // Resolve the target from the root again, then go on with what is left of the path.
        pending.unshift(...posix.resolve(current, target).split('/').filter(s => s !== ''));
        current = '/';
      } else if (this.files.has(next) || this.dirs.has(next)) {
        if (this.files.has(next) && pending.length > 0) return undefined;
        current = next;
      } else {
        return undefined;
      }
    }
    return current;
  }

  public stat(path: string): ComposeFileStat | undefined {
    const real = this.realPath(path);
    if (real === undefined) return undefined;
    const text = this.files.get(real);
    if (text !== undefined) return { isFile: true, isDirectory: false, size: new TextEncoder().encode(text).length };
    return { isFile: false, isDirectory: true, size: 0 };
  }

  public readDir(path: string): string[] {
    const real = this.realPath(path);
    if (real === undefined || !this.dirs.has(real)) throw new Error(`ENOTDIR: not a folder, scandir '${path}'`);
    const names = new Set<string>();
    for (const entries of [this.files.keys(), this.links.keys(), this.dirs.values()]) {
      for (const p of entries) if (p !== '/' && posix.dirname(p) === real) names.add(posix.basename(p));
    }
    return [...names].sort();
  }

  /** Normalizes an absolute path and records its folders. */
  private addParents(path: string): string {
    const normal = posix.resolve('/', path);
    for (let dir = posix.dirname(normal); !this.dirs.has(dir); dir = posix.dirname(dir)) this.dirs.add(dir);
    return normal;
  }
}
