/**
 * Parsers for the short and long forms of compose values. Each returns a normalized value, or
 * a string saying what is wrong (the caller adds the file, service and key).
 */

/** A port of a service, from `"8080:80/tcp"`, `80`, or `{ target, published, protocol }`. */
export interface PortForm {
  readonly target: number;
  /** The first published host port, if published. */
  readonly published?: number;
  readonly protocol: string;
  readonly hostIp?: string;
  readonly mode?: string;
  readonly name?: string;
  readonly appProtocol?: string;
}

/** A port, or what is wrong with it. */
export function parsePort(entry: unknown): PortForm | string {
  if (typeof entry === 'number') return portNumber(String(entry), 'target') ?? { target: entry, protocol: 'tcp' };
  if (typeof entry === 'string') {
    const [body, protocol = 'tcp'] = splitOnce(entry, '/');
    const parts = splitColons(body);
    if (parts.length > 3 || parts.length === 0) return 'must be [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]';
    const target = parts[parts.length - 1];
    const published = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    const hostIp = parts.length === 3 ? parts[0].replace(/^\[|\]$/g, '') : undefined;
    const t = range(target, 'target');
    if (typeof t === 'string') return t;
    let p: number | undefined;
    if (published !== undefined && published !== '') {
      const r = range(published, 'published');
      if (typeof r === 'string') return r;
      p = r;
    }
    return { target: t, published: p, protocol: protocol.toLowerCase(), hostIp: hostIp || undefined };
  }
  if (entry && typeof entry === 'object') {
    const o = entry as any;
    const t = range(String(o.target), 'target');
    if (typeof t === 'string') return t;
    let p: number | undefined;
    if (o.published !== undefined && o.published !== '') {
      const r = range(String(o.published), 'published');
      if (typeof r === 'string') return r;
      p = r;
    }
    return { target: t, published: p, protocol: String(o.protocol ?? 'tcp').toLowerCase(), hostIp: o.host_ip, mode: o.mode, name: o.name, appProtocol: o.app_protocol };
  }
  return 'must be a port number, a "PUBLISHED:TARGET" string or a mapping with target';
}

function range(text: string, what: string): number | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return `has a ${what} port that is not a number`;
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  if (end !== start) return `has the ${what} port range ${start}-${end}, which a Kubernetes Service cannot express`;
  return portNumber(String(start), what) ?? start;
}

function portNumber(text: string, what: string): string | undefined {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return `has the ${what} port ${text}, outside 1-65535`;
  return undefined;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.lastIndexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

/** Splits on ':' outside IPv6 brackets. */
function splitColons(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}

/** A mount of a service, from `"data:/var/lib/x:ro"` or the long form. */
export interface MountForm {
  readonly type: string;
  /** A volume name, a host path, or nothing (an anonymous volume). */
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly subPath?: string;
  /** tmpfs size in bytes. */
  readonly tmpfsSize?: number;
  /** Options of the short form or sub-keys of the long form that have no meaning in Kubernetes. */
  readonly ignored: string[];
}

/** A mount, or what is wrong with it. */
export function parseMount(entry: unknown): MountForm | string {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    // C:\path on Windows: keep the drive letter with its path.
    const merged: string[] = [];
    for (const p of parts) {
      if (merged.length > 0 && /^[A-Za-z]$/.test(merged[merged.length - 1]) && /^[\\/]/.test(p)) merged[merged.length - 1] += `:${p}`;
      else merged.push(p);
    }
    if (merged.length === 1) return { type: 'volume', target: merged[0], readOnly: false, ignored: [] };
    if (merged.length > 3) return 'must be [SOURCE:]TARGET[:MODE]';
    const [source, target, mode = ''] = merged;
    const opts = mode.split(',').filter(o => o !== '');
    const ignored = opts.filter(o => !['ro', 'rw'].includes(o));
    if (!target.startsWith('/')) return 'must have an absolute container path';
    return { type: isHostPath(source) ? 'bind' : 'volume', source, target, readOnly: opts.includes('ro'), ignored };
  }
  if (entry && typeof entry === 'object') {
    const o = entry as any;
    if (typeof o.target !== 'string' || !o.target.startsWith('/')) return 'must have an absolute target path';
    const ignored: string[] = [];
    if (o.consistency !== undefined) ignored.push('consistency');
    for (const k of Object.keys(o.bind ?? {})) ignored.push(`bind.${k}`);
    for (const k of Object.keys(o.volume ?? {})) if (k !== 'subpath') ignored.push(`volume.${k}`);
    let tmpfsSize: number | undefined;
    if (o.tmpfs?.size !== undefined) {
      const size = parseBytes(o.tmpfs.size);
      if (typeof size === 'string') return `has a tmpfs.size that ${size}`;
      tmpfsSize = size;
    }
    for (const k of Object.keys(o.tmpfs ?? {})) if (k !== 'size') ignored.push(`tmpfs.${k}`);
    return {
      type: String(o.type),
      source: o.source || undefined,
      target: o.target,
      readOnly: o.read_only === true,
      subPath: o.volume?.subpath,
      tmpfsSize,
      ignored,
    };
  }
  return 'must be a "SOURCE:TARGET" string or a mapping with type and target';
}

/** True for the source of a bind mount (a path), false for a named volume. */
export function isHostPath(source: string): boolean {
  return /^[./~\\]/.test(source) || source.includes('/') || source.includes('\\') || /^[A-Za-z]:/.test(source);
}

/** Durations such as `1m30s`, `500ms`, `10s`, in seconds; or what is wrong. */
export function parseDuration(value: unknown): number | string {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  const unit: { [u: string]: number } = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(text)) return 'must be a duration such as 30s, 1m30s or 500ms';
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** Byte sizes such as `512m`, `1g`, `1024`, `1.5gb`, in bytes (binary units, as Docker reads them); or what is wrong. */
export function parseBytes(value: unknown): number | string {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(String(value).trim());
  if (!m) return 'must be a size such as 512m or 1g';
  const power = 'bkmgt'.indexOf((m[2] || 'b').toLowerCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}

/** Splits a command string as a POSIX shell would (quotes and backslashes), as compose does. */
export function shellSplit(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\'') {
      const end = text.indexOf('\'', i + 1);
      if (end < 0) return 'has a single quote without its closing quote';
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) j++;
        cur += text[j];
      }
      if (j >= text.length) return 'has a double quote without its closing quote';
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** `environment`, `labels` and the like: a list of `KEY=value` (or `KEY`) or a mapping. */
export function listOrDict(value: unknown): Array<[string, string | undefined, number | string]> {
  if (Array.isArray(value)) {
    return value.map((entry, i) => {
      const text = String(entry);
      const eq = text.indexOf('=');
      return eq < 0 ? [text, undefined, i] : [text.slice(0, eq), text.slice(eq + 1), i];
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v), k]);
  }
  return [];
}

/** `depends_on` in its list or mapping form. */
export interface DependsOnForm {
  readonly service: string;
  readonly condition: string;
  readonly required: boolean;
  readonly restart: boolean;
}

export function dependsOn(value: unknown): DependsOnForm[] {
  if (Array.isArray(value)) return value.map(s => ({ service: String(s), condition: 'service_started', required: true, restart: false }));
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([service, o]: [string, any]) => ({
      service,
      condition: o?.condition ?? 'service_started',
      required: o?.required ?? true,
      restart: o?.restart ?? false,
    }));
  }
  return [];
}

/** A string or a list of strings, as a list. */
export function stringOrList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * The ports of one `ports` or `expose` entry, with ranges expanded as compose expands them:
 * `"9000-9002:9000-9002/udp"` is three UDP ports, `"8000-8010:80"` is port 80 published on the
 * first free port of the range (here the first), `"3000-3002"` three ports. Or what is wrong.
 */
export function parsePortList(entry: unknown): PortForm[] | string {
  if (typeof entry === 'number') return portNumber(String(entry), 'target') ?? [{ target: entry, protocol: 'tcp' }];
  if (typeof entry === 'string') return parsePortString(entry);
  if (entry && typeof entry === 'object') {
    const o = entry as any;
    const targets = spanOf(String(o.target), 'target');
    if (typeof targets === 'string') return targets;
    const published = o.published === undefined || o.published === '' ? undefined : spanOf(String(o.published), 'published');
    if (typeof published === 'string') return published;
    const extra = { protocol: String(o.protocol ?? 'tcp').toLowerCase(), hostIp: o.host_ip, mode: o.mode, name: o.name, appProtocol: o.app_protocol };
    return pair(targets, published).map(([target, pub]) => ({ target, published: pub, ...extra }));
  }
  return 'must be a port number, a "PUBLISHED:TARGET" string or a mapping with target';
}

function parsePortString(entry: string): PortForm[] | string {
  const [body, protocol = 'tcp'] = splitOnce(entry, '/');
  const parts = splitColons(body);
  if (parts.length > 3 || parts.length === 0) return 'must be [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]';
  const targets = spanOf(parts[parts.length - 1], 'target');
  if (typeof targets === 'string') return targets;
  const publishedText = parts.length >= 2 ? parts[parts.length - 2] : '';
  const published = publishedText === '' ? undefined : spanOf(publishedText, 'published');
  if (typeof published === 'string') return published;
  const hostIp = parts.length === 3 ? parts[0].replace(/^\[|\]$/g, '') || undefined : undefined;
  return pair(targets, published).map(([target, pub]) => ({ target, published: pub, protocol: protocol.toLowerCase(), hostIp }));
}

/** `start[-end]` as its first and last port, each checked. */
function spanOf(text: string, what: string): [number, number] | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return `has a ${what} port that is not a number`;
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  const bad = portNumber(String(start), what) ?? portNumber(String(end), what);
  if (bad) return bad;
  if (end < start) return `has the ${what} port range ${start}-${end}, which ends before it starts`;
  return [start, end];
}

/** Target ports with their published ports: ranges of equal length pair up; a published range for one target publishes its first port. */
function pair(targets: [number, number], published?: [number, number]): Array<[number, number | undefined]> {
  const out: Array<[number, number | undefined]> = [];
  const sameLength = published !== undefined && published[1] - published[0] === targets[1] - targets[0];
  for (let t = targets[0]; t <= targets[1]; t++) {
    const offset = t - targets[0];
    const pub = published === undefined ? undefined : sameLength ? published[0] + offset : offset === 0 ? published[0] : undefined;
    out.push([t, pub]);
  }
  return out;
}
