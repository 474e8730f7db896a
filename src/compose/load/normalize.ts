import { isAbsolute, resolve } from 'path';
import { dependsOn, listOrDict, parseMount } from './forms';
import { SourceFile } from './source';
import { setOwn } from './yaml';
import { keyPath } from '../diagnostics';

/** Where a key of a merged service was written. */
export interface Origin {
  readonly file: SourceFile;
  readonly path: Array<string | number>;
}

/** A service of one file in normalized form, with where each key was written. */
export interface Normalized {
  readonly def: { [key: string]: any };
  readonly origins: Map<string, Origin>;
  readonly home: Origin;
}

/** Keys whose list or mapping forms merge by key (`environment`, `labels`, ...). */
export const DICT_KEYS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts', 'depends_on', 'networks', 'ulimits', 'storage_opt']);
/** Keys whose lists are appended and de-duplicated. */
export const APPEND_KEYS = new Set(['ports', 'expose', 'env_file', 'dns', 'dns_search', 'dns_opt', 'tmpfs', 'cap_add', 'cap_drop', 'profiles', 'devices', 'external_links', 'links', 'security_opt', 'group_add', 'volumes_from', 'device_cgroup_rules']);
/** Keys whose entries merge by their container path or target. */
export const BY_TARGET_KEYS = new Set(['volumes', 'secrets', 'configs']);

/** Values that must not stay strings after interpolation, by key path pattern. */
const CASTS: Array<[string[], 'int' | 'bool' | 'number']> = [
  [['services', '*', 'deploy', 'replicas'], 'int'],
  [['services', '*', 'scale'], 'int'],
  [['services', '*', 'ports', '*', 'target'], 'int'],
  [['services', '*', 'ports', '*', 'published'], 'int'],
  [['services', '*', 'healthcheck', 'retries'], 'number'],
  [['services', '*', 'healthcheck', 'disable'], 'bool'],
  [['services', '*', 'deploy', 'update_config', 'parallelism'], 'int'],
  [['services', '*', 'volumes', '*', 'read_only'], 'bool'],
  [['services', '*', 'depends_on', '*', 'required'], 'bool'],
  [['services', '*', 'depends_on', '*', 'restart'], 'bool'],
  [['services', '*', 'read_only'], 'bool'],
  [['services', '*', 'privileged'], 'bool'],
  [['services', '*', 'init'], 'bool'],
  [['services', '*', 'tty'], 'bool'],
  [['services', '*', 'stdin_open'], 'bool'],
  [['volumes', '*', 'external'], 'bool'],
  [['secrets', '*', 'external'], 'bool'],
  [['configs', '*', 'external'], 'bool'],
];

/** Turns an interpolated string back into the number or boolean the specification wants at `path`. */
export function cast(tree: any, path: Array<string | number>): void {
  for (const [pattern, type] of CASTS) {
    if (pattern.length !== path.length || !pattern.every((p, i) => p === '*' || p === path[i])) continue;
    let parent: any = tree;
    for (const k of path.slice(0, -1)) parent = parent?.[k];
    const k = path[path.length - 1];
    const v = parent?.[k];
    if (typeof v !== 'string') return;
    if (type === 'bool' && /^(true|false|yes|no|1|0)$/i.test(v)) parent[k] = /^(true|yes|1)$/i.test(v);
    if (type === 'int' && /^-?\d+$/.test(v)) parent[k] = Number(v);
    if (type === 'number' && /^-?\d+(\.\d+)?$/.test(v)) parent[k] = Number(v);
    return;
  }
}

/** Records where a normalized key path came from. */
type At = (segments: Array<string | number>, path: Array<string | number>) => void;

/**
 * Normalizes a service so files can be merged: list-or-mapping keys become mappings, `build`
 * becomes a mapping, relative paths become absolute (against `baseDir`), mounts, secrets and
 * configs become their long forms.
 */
export function normalizeService(raw: any, file: SourceFile, name: string, baseDir: string): Normalized {
  const def: { [key: string]: any } = {};
  const origins = new Map<string, Origin>();
  const at: At = (segments, path) => origins.set(keyPath(segments), { file, path: ['services', name, ...path] });
  const abs = (p: string) => (isAbsolute(p) || p.startsWith('~') || isRemote(p) ? p : resolve(baseDir, p));
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (key === 'extends') continue;
    setOwn(def, key, normalizeKey(key, value, at, abs));
    at([key], [key]);
  }
  return { def, origins, home: { file, path: ['services', name] } };
}

/** A build context that is not a folder: a Git repository or an archive URL. */
export function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || /^github\.com\//.test(context);
}

function normalizeKey(key: string, value: unknown, at: At, abs: (p: string) => string): unknown {
  if (DICT_KEYS.has(key)) return normalizeDict(key, value, at);
  switch (key) {
    case 'build': {
      const b = typeof value === 'string' ? { context: value } : { ...(value as object) } as any;
      b.context = abs(String(b.context ?? '.'));
      return b;
    }
    case 'env_file':
      return normalizeEnvFiles(value, at, abs);
    case 'volumes':
      return (value as any[]).map((entry, i) => {
        at([key, i], [key, i]);
        const m = parseMount(entry);
        if (typeof m === 'string') return { __invalid: m, __raw: entry };
        const source = m.type === 'bind' && m.source ? abs(m.source) : m.source;
        return { ...m, source, written: typeof entry === 'string' ? entry : entry.source, __raw: entry };
      });
    case 'secrets':
    case 'configs':
      return (value as any[]).map((entry, i) => {
        at([key, i], [key, i]);
        return typeof entry === 'string' ? { source: entry } : { ...entry };
      });
    default:
      if (!APPEND_KEYS.has(key)) return value;
      const list = Array.isArray(value) ? value : [value];
      list.forEach((_, i) => at([key, i], Array.isArray(value) ? [key, i] : [key]));
      return list;
  }
}

function normalizeEnvFiles(value: unknown, at: At, abs: (p: string) => string): unknown[] {
  const entries = (Array.isArray(value) ? value : [value]).map((e: any) => (typeof e === 'string' ? { path: e } : e));
  entries.forEach((_: unknown, i: number) => at(['env_file', i], ['env_file', Array.isArray(value) ? i : []].flat()));
  return entries.map((e: any) => ({ path: abs(String(e.path)), written: String(e.path), required: e.required ?? true, format: e.format }));
}

/** `environment`, `labels`, `depends_on`, ... as a mapping, whichever form the file uses. */
function normalizeDict(key: string, value: unknown, at: At): { [k: string]: any } {
  const dict: { [k: string]: any } = {};
  const put = (k: string, v: unknown, src: string | number) => {
    setOwn(dict, k, v);
    at([key, k], [key, src]);
  };
  if (key === 'depends_on') {
    for (const d of dependsOn(value)) {
      const src = Array.isArray(value) ? (value as any[]).indexOf(d.service) : d.service;
      put(d.service, { condition: d.condition, required: d.required, restart: d.restart }, src);
    }
  } else if (key === 'networks' || key === 'ulimits') {
    if (Array.isArray(value)) (value as unknown[]).forEach((n, i) => put(String(n), null, i));
    else for (const [entryName, v] of Object.entries(value as object)) put(entryName, v, entryName);
  } else if (key === 'extra_hosts' && Array.isArray(value)) {
    (value as any[]).forEach((entry, i) => {
      const text = String(entry);
      const sep = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
      put(sep < 0 ? text : text.slice(0, sep), sep < 0 ? '' : text.slice(sep + 1), i);
    });
  } else {
    for (const [k, v, src] of listOrDict(value)) put(k, v ?? null, src);
  }
  return dict;
}
