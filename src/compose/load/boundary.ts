import { basename, dirname, isAbsolute, relative, resolve, sep } from 'path';
import { IComposeFileSystem } from './file-system';

/**
 * The project folder as the limit of what a compose import reads: a path is read only when its
 * real path (every symlink resolved) lies inside the project directory. Compose files and the
 * `--env-file` the user names are read wherever they are; what the compose files name
 * (`env_file`, `extends.file`, config and secret files, build contexts, bind mounts, Dockerfiles)
 * is read only inside.
 */
export class ProjectBoundary {
  /** The real path of the project directory. */
  public readonly root: string;

  public constructor(private readonly fs: IComposeFileSystem, directory: string) {
    this.root = realPathOrParents(fs, resolve(directory));
  }

  /**
   * The real path of `path` when it lies inside the project directory, else undefined. A path
   * that does not exist yet is placed by its nearest existing folder (a bind-mounted data folder
   * that docker would create). A path in a home folder (`~/...`) is never inside.
   */
  public inside(path: string): string | undefined {
    if (path.startsWith('~')) return undefined;
    const real = realPathOrParents(this.fs, resolve(this.root, path));
    return isWithin(this.root, real) ? real : undefined;
  }
}

/** Whether `path` is `folder` or lies under it. */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** The real path, or for a path that does not exist, the real path of its nearest existing folder joined with the rest. */
function realPathOrParents(fs: IComposeFileSystem, path: string): string {
  const missing: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    const real = fs.realPath(current);
    if (real !== undefined) return missing.length === 0 ? real : resolve(real, ...missing.reverse());
    if (dirname(current) === current) return path;
    missing.push(basename(current));
  }
}
