/**
 * The files of a file or folder mount: read from disk when the program runs, keyed for a
 * ConfigMap or Secret, and split into objects that each stay under Kubernetes' 1 MiB limit.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { basename, join, relative, sep } from 'path';
import { MAX_DATA_BYTES } from '../../validation/rules/object-size';

/** One file as a ConfigMap or Secret holds it. */
export interface FileEntry {
  /** The key in the ConfigMap or Secret. */
  readonly key: string;
  /** Where it appears in the mounted folder, relative (`conf.d/default.conf`). */
  readonly path: string;
  /** The content, as text when it is UTF-8, else as base64 for `binaryData`. */
  readonly text?: string;
  readonly base64?: string;
  /** Whether the file is executable (a script), so the mount keeps it executable. */
  readonly executable: boolean;
  /** Its size in the object: key and content bytes. */
  readonly bytes: number;
}

/** What went wrong reading a source, for the caller's error. */
export class SourceProblem {
  public constructor(public readonly rule: string, public readonly fix: string) {}
}

const KEY_CHARS = /[^-._a-zA-Z0-9]+/g;

/** A ConfigMap key made from a file name or relative path (`conf.d/a b.conf` to `conf.d_a_b.conf`). */
export function toKey(value: string): string {
  const key = value.replace(/[\\/]/g, '_').replace(KEY_CHARS, '_').slice(0, 253);
  return key === '' || key === '.' || key === '..' ? `file${key}` : key;
}

/** Reads one file; throws a SourceProblem when it cannot. */
export function readFileEntry(sourcePath: string, key?: string): FileEntry {
  let stat;
  try {
    stat = statSync(sourcePath);
  } catch {
    throw new SourceProblem('must be a file that exists (relative to the working directory, or absolute)', 'fix the path, or run the program from the folder the path is relative to');
  }
  if (!stat.isFile()) throw new SourceProblem('must be a file, not a folder', 'use ServiceMount.directory for a folder');
  return entry(key ?? toKey(basename(sourcePath)), basename(sourcePath), readFileSync(sourcePath), isExecutable(stat.mode));
}

/**
 * Reads every file under a folder, nested folders included, in a stable order. Keys are made
 * unique (a `-2` suffix) when two paths give the same key.
 */
export function readDirectoryEntries(sourceDir: string): FileEntry[] {
  let stat;
  try {
    stat = statSync(sourceDir);
  } catch {
    throw new SourceProblem('must be a folder that exists (relative to the working directory, or absolute)', 'fix the path, or run the program from the folder the path is relative to');
  }
  if (!stat.isDirectory()) throw new SourceProblem('must be a folder, not a file', 'use ServiceMount.file for one file');
  const files = listFiles(sourceDir).sort();
  const used = new Set<string>();
  return files.map(file => {
    const path = relative(sourceDir, file).split(sep).join('/');
    let key = toKey(path);
    for (let i = 2; used.has(key); i++) key = `${toKey(path)}-${i}`;
    used.add(key);
    return entry(key, path, readFileSync(file), isExecutable(statSync(file).mode));
  });
}

/**
 * The entries in groups, in order, each group's keys and contents under the 1 MiB limit; an entry
 * larger than the limit alone makes a group of its own (the size check at synth then names it).
 */
export function chunkEntries(entries: FileEntry[], limit: number = MAX_DATA_BYTES): FileEntry[][] {
  const chunks: FileEntry[][] = [];
  let current: FileEntry[] = [];
  let size = 0;
  for (const e of entries) {
    if (current.length > 0 && size + e.bytes > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += e.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Whether a file mode has an execute bit (user, group or other). */
function isExecutable(mode: number): boolean {
  // eslint-disable-next-line no-bitwise
  return (mode & 0o111) !== 0;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(d => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return listFiles(full);
    return d.isFile() || (d.isSymbolicLink() && statSync(full).isFile()) ? [full] : [];
  });
}

function entry(key: string, path: string, content: Buffer, executable: boolean): FileEntry {
  const text = utf8(content);
  const bytes = Buffer.byteLength(key) + content.length;
  return text !== undefined ? { key, path, text, executable, bytes } : { key, path, base64: content.toString('base64'), executable, bytes };
}

/** The content as text, or undefined when it is not valid UTF-8. */
function utf8(content: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
}
