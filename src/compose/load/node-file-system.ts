import { readdirSync, readFileSync, realpathSync, statSync } from 'fs';
import { ComposeFileStat, IComposeFileSystem } from './file-system';

/**
 * The local disk, through Node's `fs`: the only file of the compose import that touches it.
 */
export class NodeFileSystem implements IComposeFileSystem {
  public readText(path: string): string {
    return readFileSync(path, 'utf-8');
  }

  public realPath(path: string): string | undefined {
    try {
      return realpathSync.native(path);
    } catch {
      return undefined;
    }
  }

  public stat(path: string): ComposeFileStat | undefined {
    try {
      const s = statSync(path);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
    } catch {
      return undefined;
    }
  }

  public readDir(path: string): string[] {
    return readdirSync(path).sort();
  }
}
