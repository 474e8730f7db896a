/**
 * The page's disk: the files of the compose project the user edits, and what `App.synth()`
 * writes. Node's `fs` is aliased to ./fs in the bundle, so the library code that still reads or
 * writes through `fs` (cdk8s' synth, mounted files) works on this map instead of a real disk.
 */
import { posix } from 'path';

const files = new Map<string, Uint8Array>();
const folders = new Set<string>(['/']);

/** Normalizes a path against the page's working directory. */
export function normal(path: string): string {
  return posix.resolve(String(path));
}

/** Forgets every file and folder: each conversion starts from the editor's files alone. */
export function clear(): void {
  files.clear();
  folders.clear();
  folders.add('/');
}

/** Adds a folder and its parents. */
export function addFolder(path: string): void {
  for (let dir = normal(path); !folders.has(dir); dir = posix.dirname(dir)) folders.add(dir);
}

/** Writes a file (UTF-8 text or bytes), creating its folders. */
export function write(path: string, data: string | Uint8Array): void {
  const p = normal(path);
  addFolder(posix.dirname(p));
  files.set(p, typeof data === 'string' ? new TextEncoder().encode(data) : data);
}

/** The bytes of a file, or undefined. */
export function read(path: string): Uint8Array | undefined {
  return files.get(normal(path));
}

/** Whether the path is a file, a folder, or nothing. */
export function kind(path: string): 'file' | 'folder' | undefined {
  const p = normal(path);
  if (files.has(p)) return 'file';
  return folders.has(p) ? 'folder' : undefined;
}

/** The names directly inside a folder, sorted. */
export function list(path: string): string[] {
  const dir = normal(path);
  const names = new Set<string>();
  for (const p of [...files.keys(), ...folders]) if (p !== '/' && posix.dirname(p) === dir) names.add(posix.basename(p));
  return [...names].sort();
}

/** Every file under a folder, as paths relative to it, sorted. */
export function filesUnder(path: string): string[] {
  const dir = normal(path);
  return [...files.keys()].filter(p => p.startsWith(`${dir}/`)).map(p => p.slice(dir.length + 1)).sort();
}
