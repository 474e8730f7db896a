import { Document, isMap, isScalar, isSeq, LineCounter, Pair, YAMLMap } from 'yaml';
import { IComposeFileSystem } from './file-system';
import { DEFAULT_LIMITS, InputLimits, readLimited } from './limits';
import { parseYaml } from './yaml';
import { composeError, Where } from '../diagnostics';

/** A YAML node with its position in the file. */
type Ranged = { range?: [number, number, number] | null };

/**
 * One parsed compose file: its data, and the YAML document to find lines and columns in.
 */
export class SourceFile {
  /**
   * Reads and parses a compose file through `fs`, failing with the line and column of a YAML
   * error. The caller has decided that the file may be read (the user named it, or it lies
   * inside the project).
   */
  public static read(fs: IComposeFileSystem, path: string, limits: InputLimits = DEFAULT_LIMITS): SourceFile {
    if (!fs.stat(path)?.isFile) {
      const isFolder = fs.stat(path)?.isDirectory === true;
      throw composeError({ file: path }, {
        key: 'file',
        rule: isFolder ? 'is a folder, not a compose file' : 'does not exist',
        value: path,
        fix: isFolder ? 'pass the compose file inside it (-f <folder>/docker-compose.yml)' : 'pass the path of a compose file (-f docker-compose.yml)',
      });
    }
    return SourceFile.parse(path, readLimited(fs, path, limits, { file: path }, 'file'), limits);
  }

  /** Parses compose YAML text; `path` names it in messages. */
  public static parse(path: string, text: string, limits: InputLimits = DEFAULT_LIMITS): SourceFile {
    const { doc, lineCounter, data } = parseYaml(path, text, limits);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      // The type, not the value: the file may be anything (a token, /etc/shadow) that was named as YAML.
      throw composeError({ file: path, line: 1, col: 1 }, {
        key: 'file',
        rule: `must be a YAML mapping with a services key, not ${Array.isArray(data) ? 'a list' : `a ${data === null ? 'null' : typeof data} value`}`,
        fix: 'start the file with "services:"',
      });
    }
    return new SourceFile(path, doc, lineCounter, data as { [key: string]: any });
  }

  /** Lookup tables of the mappings searched so far: one pass over a mapping, then constant time. */
  private readonly index = new WeakMap<YAMLMap, Map<unknown, Pair>>();

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
    const nodes = this.nodesAlong(segments);
    for (let n = nodes.length - 1; n >= 0; n--) {
      const range = nodes[n]?.range;
      if (range) {
        const pos = this.lineCounter.linePos(range[0]);
        return { file: this.path, line: pos.line, col: pos.col };
      }
    }
    return { file: this.path };
  }

  /**
   * The nodes along a key path, from the document down as far as the path is written: for a
   * mapping key, the key node (so a message points at "image:"), for a list index, the item.
   */
  private nodesAlong(segments: ReadonlyArray<string | number>): Ranged[] {
    const out: Ranged[] = [this.doc.contents ?? {}];
    let node: unknown = this.doc.contents;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (isMap(node)) {
        const pair = this.pairOf(node, s);
        if (!pair) break;
        out.push((pair.key as Ranged)?.range ? pair.key as Ranged : (pair.value as Ranged) ?? {});
        node = pair.value;
      } else if (isSeq(node) && typeof s === 'number' && node.items[s]) {
        node = node.items[s];
        out.push(node as Ranged);
      } else {
        break;
      }
    }
    return out;
  }

  private pairOf(map: YAMLMap, key: string | number): Pair | undefined {
    let byKey = this.index.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items as Pair[]) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        // The first of duplicate keys, as before (duplicates are refused when reading).
        if (!byKey.has(String(k))) byKey.set(String(k), pair);
      }
      this.index.set(map, byKey);
    }
    return byKey.get(String(key));
  }
}
