import { existsSync, readFileSync, statSync } from 'fs';
import { Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { composeError, Where } from '../diagnostics';

/**
 * One parsed compose file: its data, and the YAML document to find lines and columns in.
 */
export class SourceFile {
  /** Reads and parses a compose file, failing with the line and column of a YAML error. */
  public static read(path: string): SourceFile {
    if (!existsSync(path) || !statSync(path).isFile()) {
      throw composeError({ file: path }, {
        key: 'file',
        rule: 'does not exist',
        value: path,
        fix: 'pass the path of a compose file (-f docker-compose.yml)',
      });
    }
    return SourceFile.parse(path, readFileSync(path, 'utf-8'));
  }

  /** Parses compose YAML text; `path` names it in messages. */
  public static parse(path: string, text: string): SourceFile {
    const lineCounter = new LineCounter();
    // YAML 1.1 merge keys (`<<: *defaults`) are part of the compose language.
    const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true });
    const yamlError = doc.errors[0];
    if (yamlError) {
      const pos = yamlError.linePos?.[0];
      throw composeError({ file: path, line: pos?.line, col: pos?.col }, {
        key: 'file',
        rule: `is not valid YAML: ${yamlError.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        fix: 'fix the YAML at that line (indentation, quotes, brackets)',
      });
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 10000 });
    } catch (e: any) {
      throw composeError({ file: path }, { key: 'file', rule: `is not valid YAML: ${String(e?.message ?? e)}`, fix: 'define each anchor (&name) before its alias (*name)' });
    }
    if (data === null || data === undefined) data = {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw composeError({ file: path, line: 1, col: 1 }, { key: 'file', rule: 'must be a YAML mapping with a services key', value: data, fix: 'start the file with "services:"' });
    }
    return new SourceFile(path, doc, lineCounter, data as { [key: string]: any });
  }

  private constructor(
    public readonly path: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    public readonly data: { [key: string]: any },
  ) {}

  /** The same file with other data (the interpolated values), for locating keys. */
  public withData(data: { [key: string]: any }): SourceFile {
    return new SourceFile(this.path, this.doc, this.lineCounter, data);
  }

  /**
   * Where a key path is written: the node itself, or its nearest ancestor written in this file
   * (keys that come from a `<<:` merge are found at the merging mapping).
   */
  public locate(segments: ReadonlyArray<string | number>): Where {
    for (let n = segments.length; n >= 0; n--) {
      const node = this.nodeAt(segments.slice(0, n));
      if (node?.range) {
        const pos = this.lineCounter.linePos(node.range[0]);
        return { file: this.path, line: pos.line, col: pos.col };
      }
    }
    return { file: this.path };
  }

  /** The node of a key path; for a mapping key, the key node (so a message points at "image:"). */
  private nodeAt(segments: ReadonlyArray<string | number>): { range?: [number, number, number] } | undefined {
    let node: any = this.doc.contents;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (isMap(node)) {
        const pair: any = node.items.find((p: any) => (p.key?.value ?? p.key) === s);
        if (!pair) return undefined;
        if (i === segments.length - 1 && pair.key?.range) return pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof s === 'number') {
        node = node.items[s];
      } else {
        return undefined;
      }
    }
    return node ?? undefined;
  }
}
