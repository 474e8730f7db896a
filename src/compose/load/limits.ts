import { IComposeFileSystem } from './file-system';
import { composeError, Where } from '../diagnostics';

/**
 * Limits that keep hostile input from running away. Each is checked in time linear in the size
 * of the input, and a file that passes them loads in time linear in its size.
 */
export interface InputLimits {
  /** The largest file the loader reads (compose, `.env`, `env_file`, `extends` files). */
  readonly maxFileBytes: number;
  /** Most levels of nested mappings and lists. Compose files need fewer than ten. */
  readonly maxDepth: number;
  /**
   * A document expanded (every alias replaced by a copy of its anchor, every `<<` merge written
   * out, every `${VAR}` replaced by its value) may be this many times the size of its file...
   */
  readonly maxExpansion: number;
  /** ...or this many characters, whichever is more. */
  readonly minExpandedSize: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDepth: 100,
  maxExpansion: 10,
  minExpandedSize: 4 * 1024 * 1024,
};

/** How large a document read from `textLength` characters may grow once expanded. */
export function expansionBudget(limits: InputLimits, textLength: number): number {
  return Math.max(limits.minExpandedSize, limits.maxExpansion * textLength);
}

/**
 * The text of a file the loader has decided to read, unless it is larger than the limit (a
 * file of gigabytes, or a device that never ends, named as a compose or env file).
 */
export function readLimited(fs: IComposeFileSystem, path: string, limits: InputLimits, where: Where, key: string): string {
  const size = fs.stat(path)?.size ?? 0;
  if (size > limits.maxFileBytes) {
    const rule = `${key === 'file' ? 'is' : 'names a file of'} ${size} bytes, more than the ${limits.maxFileBytes} the import reads`;
    throw composeError(where, { key, rule, fix: 'name the compose or variables file itself, not a data file' });
  }
  return fs.readText(path);
}
