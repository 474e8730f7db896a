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

/** A link of a Markdown document, outside its code blocks. */
export interface Link {
  readonly file: string;
  /** The line of the link (1-based). */
  readonly line: number;
  readonly target: string;
}

/** Every `[text](target)` link of a document, outside fenced code blocks and code spans. */
export function linksOf(file: string, text = readFileSync(join(ROOT, file), 'utf-8')): Link[] {
  const out: Link[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence !== undefined) return;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) out.push({ file, line: i + 1, target: m[1] });
  });
  return out;
}

/** The anchors GitHub (and npm) give a document's headings: lowercase, punctuation dropped, `-` for spaces, `-1` for a repeat. */
export function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    const heading = fence ? undefined : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}
