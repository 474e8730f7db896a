import { chmodSync, copyFileSync, mkdirSync, statSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { writeProject } from './support';
import { ComposeTypeScript } from '../../src';

/**
 * Writes the app `init` would write, into a new folder: its main.ts, and each project file it
 * mounts copied to its place under files/ with its mode (what the command-line tool does).
 * Returns the folder.
 */
export function copyAppFiles(ts: ComposeTypeScript): string {
  const dir = writeProject({});
  writeFileSync(join(dir, 'main.ts'), ts.code);
  for (const f of ts.files) {
    const to = join(dir, f.path);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f.sourcePath, to);
    chmodSync(to, statSync(f.sourcePath).mode);
  }
  return dir;
}
