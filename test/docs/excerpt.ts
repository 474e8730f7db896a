/**
 * YAML excerpts of the docs, read as patterns and matched against synthesized objects.
 *
 * An excerpt is a fragment of an output object, at any depth, indented as in the output. A line
 * `# ...` marks what is left out of the mapping or list it sits in (by its indentation): a mapping
 * with such a line may have more keys, a list more items (the excerpt's items in the same order);
 * without one, the mapping has exactly the excerpt's keys and the list exactly its items. The
 * excerpt's top level is a fragment, always partial. In a block scalar (`key: |`) a `# ...` line
 * leaves out lines of the text: the pieces between such lines appear in the output's text, in order.
 * Documents separated by `---` are excerpts of different objects.
 */
import { parse } from 'yaml';

/** What an excerpt says about one node of the output. */
export type Pattern =
  | { readonly kind: 'map'; readonly entries: Array<[string, Pattern]>; readonly partial: boolean }
  | { readonly kind: 'seq'; readonly items: Pattern[]; readonly partial: boolean }
  | { readonly kind: 'scalar'; readonly value: unknown };

const OMITTED_KEY = '__omitted__';
const OMISSION = /^\s*# \.\.\.\s*$/;

/** The excerpt's documents (separated by `---`), each as a pattern; throws when one is not YAML. */
export function excerptPatterns(text: string): Pattern[] {
  return text.split(/^---\s*$/m).filter(doc => doc.trim() !== '').map(excerptPattern);
}

/** One document of an excerpt as a pattern; throws when it is not YAML. */
export function excerptPattern(text: string): Pattern {
  const yaml = dedent(markOmissions(text.split('\n')));
  const pattern = toPattern(parse(yaml));
  // The top level is a fragment of an object: the keys or items around it are left out.
  return pattern.kind === 'scalar' ? pattern : { ...pattern, partial: true } as Pattern;
}

/** Replaces each `# ...` line with a key or item the parser keeps, by the collection it is in. */
function markOmissions(lines: string[]): string[] {
  const content = lines.map((l, i) => ({ i, indent: l.length - l.trimStart().length, dash: /^\s*-( |$)/.test(l), skip: l.trim() === '' || l.trim().startsWith('#') }));
  const inBlock = blockScalarLines(lines);
  let n = 0;
  return lines.map((line, i) => {
    if (!OMISSION.test(line) || inBlock.has(i)) return line;
    const column = line.length - line.trimStart().length;
    const next = content.slice(i + 1).find(c => !c.skip && !inBlock.has(c.i));
    const before = content.slice(0, i).reverse().filter(c => !c.skip && !inBlock.has(c.i));
    const enclosing = (c: typeof next) => c!.indent === column || (c!.dash && c!.indent + 2 === column) || c!.indent < column;
    const sibling = next && next.indent === column ? next : before.find(enclosing);
    const seq = sibling !== undefined && sibling.dash && sibling.indent === column;
    return seq ? `${' '.repeat(column)}- ${OMITTED_KEY}` : `${' '.repeat(column)}${OMITTED_KEY}${n++}: true`;
  });
}

/** The lines inside block scalars (`key: |`, `- >-`), which are text, not YAML. */
function blockScalarLines(lines: string[]): Set<number> {
  const inside = new Set<number>();
  let owner: number | undefined;
  lines.forEach((line, i) => {
    const indent = line.length - line.trimStart().length;
    if (owner !== undefined && (line.trim() === '' || indent > owner)) {
      inside.add(i);
      return;
    }
    owner = /(:|^\s*-)\s+[|>][-+0-9]*\s*$/.test(line) ? indent : undefined;
  });
  return inside;
}

function dedent(lines: string[]): string {
  const indents = lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length);
  const cut = Math.min(...indents);
  return lines.map(l => l.slice(Math.min(cut, l.length - l.trimStart().length))).join('\n');
}

function toPattern(value: unknown): Pattern {
  if (Array.isArray(value)) {
    const items = value.filter(v => v !== OMITTED_KEY);
    return { kind: 'seq', items: items.map(toPattern), partial: items.length !== value.length };
  }
  if (value !== null && typeof value === 'object') {
    const all = Object.entries(value as object);
    const entries = all.filter(([k]) => !k.startsWith(OMITTED_KEY));
    return { kind: 'map', entries: entries.map(([k, v]) => [k, toPattern(v)]), partial: entries.length !== all.length };
  }
  return { kind: 'scalar', value };
}

/** Whether `node` is what the pattern describes. */
export function matches(pattern: Pattern, node: unknown): boolean {
  return mismatch(pattern, node, '') === undefined;
}

/** Where and how `node` differs from the pattern (a path and a reason), or undefined when it matches. */
export function mismatch(pattern: Pattern, node: unknown, path: string): string | undefined {
  if (pattern.kind === 'scalar') return scalarMismatch(pattern.value, node, path);
  if (pattern.kind === 'seq') return seqMismatch(pattern, node, path);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return `${path || '.'}: the output has ${JSON.stringify(node)}, not a mapping`;
  const object = node as Record<string, unknown>;
  for (const [key, value] of pattern.entries) {
    if (!(key in object)) return `${path}.${key}: not in the output`;
    const inner = mismatch(value, object[key], `${path}.${key}`);
    if (inner) return inner;
  }
  const extra = Object.keys(object).filter(k => !pattern.entries.some(([key]) => key === k));
  return !pattern.partial && extra.length > 0 ? `${path || '.'}: the output also has ${extra.join(', ')} (mark them with "# ...")` : undefined;
}

function seqMismatch(pattern: Extract<Pattern, { kind: 'seq' }>, node: unknown, path: string): string | undefined {
  if (!Array.isArray(node)) return `${path}: the output has ${JSON.stringify(node)}, not a list`;
  if (!pattern.partial) {
    if (node.length !== pattern.items.length) return `${path}: the output has ${node.length} items, the excerpt ${pattern.items.length} (mark left-out items with "# ...")`;
    for (let i = 0; i < node.length; i++) {
      const inner = mismatch(pattern.items[i], node[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  // Each item of the excerpt matches a later item of the output than the one before.
  let at = 0;
  for (const [i, item] of pattern.items.entries()) {
    while (at < node.length && !matches(item, node[at])) at++;
    if (at === node.length) {
      const reasons = node.map((n, j) => mismatch(item, n, `${path}[${j}]`));
      return `${path}: no item of the output (after the ones before it) matches item ${i} of the excerpt: ${reasons.find(r => r) ?? 'the list is shorter'}`;
    }
    at++;
  }
  return undefined;
}

function scalarMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (typeof expected === 'string' && typeof actual === 'string' && expected.split('\n').some(l => OMISSION.test(l))) {
    // A text with lines left out: each piece appears, in order.
    let from = 0;
    for (const piece of expected.split(/^\s*# \.\.\.\s*$\n?/m).map(p => p.replace(/\n$/, '')).filter(p => p !== '')) {
      const at = actual.indexOf(piece, from);
      if (at < 0) return `${path}: the output's text has no ${JSON.stringify(piece.split('\n')[0])}... at that place`;
      from = at + piece.length;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path}: the output has ${JSON.stringify(actual)}, the excerpt ${JSON.stringify(expected)}`;
}

/** Every node of a tree: where an excerpt's top level may sit. */
export function* nodesOf(value: unknown): Generator<unknown> {
  yield value;
  if (Array.isArray(value)) for (const v of value) yield* nodesOf(v);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) yield* nodesOf(v);
}

/** How many of the pattern's scalars the node has where the pattern says: to find the nearest miss. */
export function likeness(pattern: Pattern, node: unknown): number {
  if (pattern.kind === 'scalar') return pattern.value === node ? 1 : 0;
  if (pattern.kind === 'seq') {
    if (!Array.isArray(node)) return 0;
    return pattern.items.reduce((sum, item) => sum + Math.max(0, ...node.map(n => likeness(item, n))), 0);
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return 0;
  const object = node as Record<string, unknown>;
  return pattern.entries.reduce((sum, [k, v]) => sum + (k in object ? 1 + likeness(v, object[k]) : 0), 0);
}
