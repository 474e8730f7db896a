import { readFileSync } from 'fs';
import { join } from 'path';

/** The repository's root folder. */
export const ROOT = join(__dirname, '..', '..');

/** The documents whose excerpts and snippets are checked against the code. */
export const DOCUMENTS = ['README.md', 'docs/course-guide.md', 'docs/guia-del-curso.md'];

/** A fenced code block of a Markdown document. */
export interface Fence {
  /** The document, relative to the repository root. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  /** The info string after the fence: `yaml`, `ts`, `sh`. */
  readonly info: string;
  /** The block's text, without the fence's own indentation. */
  readonly text: string;
}

/** Every fenced code block of a document, in order. */
export function fences(file: string): Fence[] {
  const lines = readFileSync(join(ROOT, file), 'utf-8').split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*).*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, marker, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^\\s*${marker}\\s*$`).test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    out.push({ file, line: i + 1, info, text: body.join('\n') });
    i = j;
  }
  return out;
}

/** Where a block is, for a test name: `README.md:42`. */
export function where(fence: Fence): string {
  return `${fence.file}:${fence.line}`;
}
