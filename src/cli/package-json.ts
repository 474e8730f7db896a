import { readFileSync } from 'fs';
import { join } from 'path';

/** What the tool reads of its own package.json. */
export interface PackageJson {
  readonly version: string;
  readonly peerDependencies: { [name: string]: string };
  readonly devDependencies: { [name: string]: string };
}

/** The library's package.json. */
export function packageJson(): PackageJson {
  // src/cli and lib/cli are both two folders below the package root.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8'));
}
