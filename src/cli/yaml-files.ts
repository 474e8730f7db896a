import { Dirent, existsSync, readdirSync, realpathSync, statSync } from 'fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'path';
import { CliError, show } from './io';

/** The YAML files of `lint`'s arguments, each once, and what was left out. */
export interface YamlFiles {
  /** Each file: its path as given or found, for messages, and the path to read. */
  readonly files: Array<{ readonly shown: string; readonly path: string }>;
  /** Symlinks not followed, with the reason, for the user. */
  readonly skipped: string[];
}

const YAML = /\.ya?ml$/;

/**
 * Files named, folders (their YAML files, nested folders included) and simple globs (`dist/*.yaml`,
 * for shells that do not expand them). Inside a folder or a glob's folder, a symlink is followed
 * only when its target lies in that folder, and each folder is walked once, so `-> ..` or a loop
 * reads nothing twice and nothing outside; a file named outright is read wherever it is. Each file
 * is read once, however many names lead to it.
 */
export function yamlFiles(patterns: string[], cwd: string): YamlFiles {
  const found = new Found(cwd);
  for (const p of patterns) {
    const path = resolve(cwd, p);
    if (/[*?]/.test(basename(path))) {
      const matched = glob(path, found);
      if (matched === 0) throw new CliError(`${p} matches no file; pass the YAML files to check, such as dist/*.yaml`);
    } else if (existsSync(path) && statSync(path).isDirectory()) {
      const yaml = walk(path, { real: realpathSync(path), shown: p }, found, new Set());
      if (yaml === 0) throw new CliError(`${p} has no .yaml files; pass the YAML files to check, such as dist/*.yaml`);
    } else if (existsSync(path)) {
      found.add(path);
    } else {
      throw new CliError(`${p} does not exist; pass the YAML files to check, such as dist/*.yaml`);
    }
  }
  return { files: found.files, skipped: found.skipped };
}

/** The files found so far, by identity (device and inode), and the links left out. */
class Found {
  public readonly files: Array<{ shown: string; path: string }> = [];
  public readonly skipped: string[] = [];
  private readonly ids = new Map<string, string>();

  constructor(public readonly cwd: string) {}

  public add(path: string): void {
    const stat = statSync(path);
    const id = `${stat.dev}:${stat.ino}`;
    if (this.ids.has(id)) return;
    this.ids.set(id, path);
    this.files.push({ shown: show(this.cwd, path), path });
  }

  public skip(path: string, why: string): void {
    const line = `${show(this.cwd, path)}: ${why}, not followed`;
    if (!this.skipped.includes(line)) this.skipped.push(line);
  }
}

/** The folder given: its real path, and its name as given. */
interface Root {
  readonly real: string;
  readonly shown: string;
}

/**
 * The YAML files of a folder, nested ones included, in name order; each real folder is walked
 * once. Returns how many YAML files it met, those already found through another name included.
 */
function walk(dir: string, root: Root, found: Found, walked: Set<string>): number {
  const real = realpathSync(dir);
  if (walked.has(real)) return 0;
  walked.add(real);
  let yaml = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    const path = join(dir, entry.name);
    const kind = kindOf(entry, path, root, found);
    if (kind === 'folder') {
      yaml += walk(path, root, found, walked);
    } else if (kind === 'file' && YAML.test(entry.name)) {
      found.add(path);
      yaml++;
    }
  }
  return yaml;
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The files of a glob's folder whose names match, each through the same rules; returns how many matched. */
function glob(pattern: string, found: Found): number {
  const dir = dirname(pattern);
  const re = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  if (!existsSync(dir)) return 0;
  const root = { real: realpathSync(dir), shown: show(found.cwd, dir) };
  const names = readdirSync(dir, { withFileTypes: true }).filter(e => re.test(e.name)).sort(byName);
  for (const entry of names) {
    if (kindOf(entry, join(dir, entry.name), root, found) === 'file') found.add(join(dir, entry.name));
  }
  return names.length;
}

/** A folder entry as lint sees it; a symlink counts only when it leads inside `root`. */
function kindOf(entry: Dirent, path: string, root: Root, found: Found): 'file' | 'folder' | 'other' {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    found.skip(path, 'a symlink to nothing (or a loop)');
    return 'other';
  }
  const rel = relative(root.real, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    found.skip(path, `a symlink to a place outside ${root.shown}`);
    return 'other';
  }
  const stat = statSync(real);
  return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
}
