import { Alias, Composer, CST, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, Pair, Parser, YAMLError } from 'yaml';
import { DEFAULT_LIMITS, expansionBudget, InputLimits } from './limits';
import { ComposeProblem, composeError, keyPath, Where } from '../diagnostics';

/** A parsed YAML file: its data (aliases shared, not copied), and the document to find positions in. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  readonly data: unknown;
}

/**
 * Parses YAML as compose reads it (YAML 1.2 core schema, YAML 1.1 merge keys `<<`), within
 * {@link InputLimits}, and with unique keys in every mapping. Errors name the file, line and
 * column, never the text of the file.
 */
export function parseYaml(path: string, text: string, limits: InputLimits = DEFAULT_LIMITS): ParsedYaml {
  const lineCounter = new LineCounter();
  const where = (offset: number): Where => ({ file: path, ...linePos(lineCounter, offset) });
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const budget = expansionBudget(limits, text.length);
  checkTokens(tokens, limits.maxDepth, budget, where);
  // uniqueKeys off: yaml checks them in quadratic time; the reader below checks them in linear time.
  const docs = Array.from(new Composer({ merge: true, uniqueKeys: false }).compose(tokens, true, text.length));
  const doc = docs[0] as Document;
  const error = doc.errors[0] ?? (docs.length > 1 ? { pos: [docs[1].range[0]], message: 'Source contains multiple documents' } : undefined);
  if (error) {
    throw composeError(where(error.pos[0]), {
      key: 'file',
      rule: `is not valid YAML: ${yamlMessage(error)}`,
      fix: docs.length > 1 && !doc.errors[0] ? 'keep one document per file (no "---" between two)' : 'fix the YAML at that line (indentation, quotes, brackets)',
    });
  }
  const data = new YamlReader(budget, where).read(doc.contents);
  return { doc, lineCounter, data };
}

function linePos(lineCounter: LineCounter, offset: number): { line: number; col: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/**
 * The first line of a YAML error, without the parts of the file it quotes (a tag, an escape, a
 * block header, an alias name): messages name places, never contents.
 */
export function yamlMessage(error: Pick<YAMLError, 'message'>): string {
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first
    .replace(/^(Plain value cannot start with|Invalid escape sequence|Unknown directive|Unsupported YAML version|Unresolved tag|Not a valid tag|Could not resolve tag)\b.*$/, '$1')
    .replace(/^The .* tag has no suffix$/, 'A tag has no suffix')
    .replace(/^Verbatim tags aren't resolved.*$/, 'Verbatim tags are not resolved')
    .replace(/^.* used for .* collection, but expects .*$/, 'A tag does not fit its mapping or list')
    .replace(/:\s.*$/, '');
}

/**
 * Checks the shape of the parsed tokens before the (recursive, allocating) composer sees them:
 * nesting no deeper than `maxDepth`, and an estimate of the expanded size (each alias counts the
 * size of its anchor's node) within `budget`, so an alias bomb fails before it is composed. The
 * reader below counts exactly; this only fails early.
 */
function checkTokens(tokens: CST.Token[], maxDepth: number, budget: number, where: (offset: number) => Where): void {
  const anchors = new Map<string, number>();
  let pending: string[] = [];
  let expanded = 0;
  // Each entry: a token to enter, or the closing of an entered node ([token, depth, anchors, size so far]).
  type Frame = { token: CST.Token; depth: number; names?: string[]; size: number; parent?: Frame; open: boolean };
  const stack: Array<Frame | CST.SourceToken[]> = tokens.map(token => ({ token, depth: 0, size: 0, open: false })).reverse();
  const close = (f: Frame) => {
    for (const name of f.names ?? []) anchors.set(name, f.size);
    if (f.parent) f.parent.size += f.size;
  };
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (Array.isArray(top)) {
      for (const t of top) if (t.type === 'anchor') pending.push(t.source.slice(1));
      continue;
    }
    if (top.open) {
      close(top);
      continue;
    }
    const { token, depth } = top;
    if (token.type === 'alias' || token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar' || token.type === 'block-scalar') {
      const size = token.type === 'alias' ? anchors.get(token.source.slice(1)) ?? 1 : 1 + token.source.length;
      expanded += size;
      if (expanded > budget) throw expansionError(where(token.offset), budget);
      top.size = size;
      top.names = pending;
      pending = [];
      close(top);
      continue;
    }
    if (token.type !== 'document' && token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const inner = token.type === 'document' ? depth : depth + 1;
    if (inner > maxDepth) {
      throw composeError(where(token.offset), { key: 'file', rule: `nests mappings and lists more than ${maxDepth} levels deep`, fix: 'flatten the file: compose files need fewer than ten levels' });
    }
    top.names = pending;
    pending = [];
    top.size = 1;
    top.open = true;
    stack.push(top);
    const children: Array<Frame | CST.SourceToken[]> = [];
    const child = (t: CST.Token | null | undefined) => t && children.push({ token: t, depth: inner, size: 0, parent: top, open: false });
    if (token.type === 'document') {
      children.push(token.start);
      child(token.value);
    } else {
      for (const item of token.items as CST.CollectionItem[]) {
        children.push(item.start);
        child(item.key);
        if (item.sep) children.push(item.sep);
        child(item.value);
      }
    }
    // A loop, not push(...children): a mapping can have more entries than a call has arguments.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function expansionError(where: Where, budget: number): Error {
  return composeError(where, {
    key: 'file',
    rule: `expands its aliases (*) and merges (<<) to more than ${budget} characters`,
    fix: 'write repeated parts out, or nest aliases less: the file looks like an alias bomb',
  });
}

/** An anchor's value and the size of its expansion; `pending` while the anchored node is read. */
interface Anchor {
  readonly value?: unknown;
  readonly size: number;
  readonly pending: boolean;
}

/**
 * Turns a composed YAML document into plain data in one pass: aliases share their anchor's value
 * (no copy), merge keys copy the merged entries, and every step adds to the size of the expanded
 * document, which must stay within the budget. Duplicate keys are found with one set per mapping.
 */
class YamlReader {
  private readonly anchors = new Map<string, Anchor>();
  /** The expanded size of every mapping and list read, for merges to count what they copy. */
  private readonly sizes = new WeakMap<object, number>();
  private expanded = 0;

  constructor(private readonly budget: number, private readonly where: (offset: number) => Where) {}

  public read(node: unknown): unknown {
    if (node === null || node === undefined) return {};
    return this.node(node as Node, []).value;
  }

  /** A node's value and the size of its expansion. */
  private node(node: Node, path: Array<string | number>): { value: unknown; size: number } {
    if (isAlias(node)) return this.alias(node);
    const anchor = node.anchor;
    if (anchor) this.anchors.set(anchor, { size: 0, pending: true });
    let result: { value: unknown; size: number };
    if (isMap(node)) result = this.map(node.items as Pair[], node, path);
    else if (isSeq(node)) result = this.seq(node.items as Node[], path);
    else if (isScalar(node)) result = this.scalar(node.value);
    else throw this.problem(node, { key: keyPath(path), rule: 'is a YAML node compose does not read', fix: 'write a mapping, a list or a plain value' });
    if (anchor) this.anchors.set(anchor, { value: result.value, size: result.size, pending: false });
    if (result.value !== null && typeof result.value === 'object') this.sizes.set(result.value, result.size);
    return result;
  }

  private scalar(value: unknown): { value: unknown; size: number } {
    const size = scalarSize(value);
    this.grow(size, undefined);
    return { value: typeof value === 'symbol' ? value.description : value, size };
  }

  private alias(node: Alias): { value: unknown; size: number } {
    const anchor = this.anchors.get(node.source);
    if (!anchor || anchor.pending) {
      throw this.problem(node, {
        key: 'file',
        rule: anchor ? 'has an alias (*) inside the node of its own anchor (&)' : 'has an alias (*) whose anchor (&) is not defined before it',
        fix: 'define each anchor (&name) before its aliases (*name), outside of them',
      });
    }
    this.grow(anchor.size, node);
    return { value: anchor.value, size: anchor.size };
  }

  private seq(items: Node[], path: Array<string | number>): { value: unknown[]; size: number } {
    this.grow(1, undefined);
    const value: unknown[] = [];
    let size = 1;
    items.forEach((item, i) => {
      const r = item === null ? this.scalar(null) : this.node(item, [...path, i]);
      value.push(r.value);
      size += r.size;
    });
    return { value, size };
  }

  private map(pairs: Pair[], node: Node, path: Array<string | number>): { value: { [key: string]: unknown }; size: number } {
    this.grow(1, undefined);
    const value: { [key: string]: unknown } = {};
    const explicit = new Set<string>();
    const sizes = new Map<string, number>();
    for (const pair of pairs) {
      if (isMergeKey(pair.key)) {
        this.merge(pair.value as Node | null, value, sizes, node);
        continue;
      }
      const key = this.key(pair.key as Node | null, node, path);
      if (explicit.has(key)) {
        throw this.problem((pair.key as Node | null) ?? node, { key: keyPath([...path, key]), rule: 'is written twice in one mapping', fix: 'keep one of them' });
      }
      explicit.add(key);
      const r = pair.value === null || pair.value === undefined ? this.scalar(null) : this.node(pair.value as Node, [...path, key]);
      setOwn(value, key, r.value);
      sizes.set(key, key.length + r.size);
    }
    let size = 1;
    for (const s of sizes.values()) size += s;
    return { value, size };
  }

  /** `<<: *defaults` or `<<: [*a, *b]`: copies the entries the mapping does not have yet. */
  private merge(source: Node | null, into: { [key: string]: unknown }, sizes: Map<string, number>, at: Node): void {
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const s of sources) {
      const target = this.mergeSource(s);
      if (!isPlainObject(target)) {
        throw this.problem(s ?? at, { key: 'file', rule: 'merges (<<) something that is not a mapping', fix: 'merge a mapping, an alias of a mapping (<<: *name) or a list of them' });
      }
      for (const [k, v] of Object.entries(target)) {
        if (Object.prototype.hasOwnProperty.call(into, k)) continue;
        const size = k.length + (v !== null && typeof v === 'object' ? this.sizes.get(v) ?? 1 : scalarSize(v));
        this.grow(size, s ?? at);
        setOwn(into, k, v);
        sizes.set(k, size);
      }
    }
  }

  /** The mapping a `<<` entry names: an alias of a mapping, or a mapping written in place. */
  private mergeSource(s: Node | null): unknown {
    if (s !== null && isAlias(s)) {
      const anchor = this.anchors.get(s.source);
      return anchor && !anchor.pending ? anchor.value : undefined;
    }
    return s !== null && isMap(s) ? this.node(s, []).value : undefined;
  }

  private key(key: Node | null, at: Node, path: Array<string | number>): string {
    if (key === null || key === undefined) return '';
    if (isScalar(key)) return key.value === null ? '' : String(key.value);
    if (isAlias(key)) {
      const v = this.alias(key).value;
      if (v === null || typeof v !== 'object') return v === null ? '' : String(v);
    }
    throw this.problem(key ?? at, { key: keyPath(path), rule: 'has a key that is a mapping or a list', fix: 'write each key as a plain word' });
  }

  /** Adds to the expanded size; fails, naming the place, once it is over the budget. */
  private grow(size: number, at: Node | undefined): void {
    this.expanded += size;
    if (this.expanded > this.budget) throw expansionError(at?.range ? this.where(at.range[0]) : this.where(0), this.budget);
  }

  private problem(node: Node, problem: ComposeProblem): Error {
    return composeError(node.range ? this.where(node.range[0]) : this.where(0), problem);
  }
}

function scalarSize(value: unknown): number {
  return 1 + (typeof value === 'string' ? value.length : 8);
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets a member, also one named `__proto__` (which `obj[key] = v` would turn into the prototype). */
export function setOwn(obj: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
