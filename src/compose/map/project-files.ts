import { join, relative } from 'path';
import { ProjectFiles } from './context';
import { ProjectBoundary } from '../load/boundary';
import { IComposeFileSystem } from '../load/file-system';

/** Above this many entries a folder is not walked further (the mappers refuse folders of more than 500 files). */
const MAX_ENTRIES = 5000;

/**
 * The project folder as the mappers read it: through the loader's file system, and only inside
 * its boundary (real paths, symlinks resolved).
 *
 * A folder lists what a mount of it reads: its files, nested folders' files, and symlinks to
 * files inside the project (symlinks to folders are not followed, as the stack's folder mounts
 * do not follow them). A symlink that leads outside the project, or nowhere, is one of the
 * folder's `links`: the mappers do not mount such a folder.
 */
export function projectFiles(fs: IComposeFileSystem, boundary: ProjectBoundary): ProjectFiles {
  return {
    inside: path => boundary.inside(path),
    stat: real => {
      const s = boundary.inside(real) === real ? fs.stat(real) : undefined;
      return s === undefined ? undefined : { kind: s.isDirectory ? 'directory' : 'file', size: s.size };
    },
    list: realDir => walk(fs, boundary, realDir).files,
    links: realDir => walk(fs, boundary, realDir).links,
    readText: real => {
      const s = boundary.inside(real) === real ? fs.stat(real) : undefined;
      return s?.isFile ? fs.readText(real) : undefined;
    },
  };
}

interface Walked {
  readonly files: string[];
  readonly links: string[];
}

/** The files and the escaping links under a folder, relative, sorted; iterative, so deep trees cannot overflow the stack. */
function walk(fs: IComposeFileSystem, boundary: ProjectBoundary, root: string): Walked {
  const files: string[] = [];
  const links: string[] = [];
  const pending = [root];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const dir = pending.pop()!;
    let names: string[];
    try {
      names = fs.readDir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > MAX_ENTRIES) break;
      const path = join(dir, name);
      const real = fs.realPath(path);
      const rel = relative(root, path).split('\\').join('/');
      const stat = real === undefined ? undefined : fs.stat(real);
      if (real === undefined || stat === undefined || boundary.inside(real) !== real) {
        links.push(rel);
      } else if (real !== path) {
        // A symlink inside the project: a file is read through it, a folder is not followed.
        if (stat.isFile) files.push(rel);
      } else if (stat.isDirectory) {
        pending.push(path);
      } else if (stat.isFile) {
        files.push(rel);
      }
    }
  }
  return { files: files.sort(), links: links.sort() };
}
