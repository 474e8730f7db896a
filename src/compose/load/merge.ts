import { APPEND_KEYS, BY_TARGET_KEYS, DICT_KEYS, Normalized, Origin } from './normalize';
import { setOwn } from './yaml';
import { keyPath } from '../diagnostics';

/** A service to extend: compose does not inherit `depends_on` and `volumes_from` through extends. */
export function withoutDependencies(n: Normalized): Normalized {
  const def = { ...n.def };
  delete def.depends_on;
  delete def.volumes_from;
  return { ...n, def };
}

/**
 * `docker compose -f base -f override` merge rules for one service: mappings merge by key, lists
 * append (mounts, secrets and configs replace the entry of the same target), `command` and the
 * other single values are replaced, and `healthcheck.test` is replaced as a whole.
 */
export function mergeNormalized(base: Normalized, over: Normalized): Normalized {
  const def: { [key: string]: any } = { ...base.def };
  const origins = new Map(base.origins);
  const copyOrigin = (fromKey: string, toKey: string) => {
    const o = over.origins.get(fromKey);
    if (o) origins.set(toKey, o);
  };
  for (const [key, value] of Object.entries(over.def)) {
    const prev = def[key];
    if (DICT_KEYS.has(key) && prev) {
      setOwn(def, key, { ...prev, ...value });
      for (const k of Object.keys(value)) copyOrigin(keyPath([key, k]), keyPath([key, k]));
      copyOrigin(key, key);
    } else if ((APPEND_KEYS.has(key) || BY_TARGET_KEYS.has(key)) && Array.isArray(prev)) {
      setOwn(def, key, mergeList(key, prev, value, (from, to) => copyOrigin(keyPath([key, from]), keyPath([key, to]))));
    } else if (isPlainObject(prev) && isPlainObject(value)) {
      // The test command of a healthcheck is replaced as a whole; its other keys merge.
      setOwn(def, key, key === 'healthcheck' ? { ...prev, ...value } : deepMerge(prev, value));
      copyOrigin(key, key);
    } else {
      setOwn(def, key, value);
      replaceOrigins(origins, over.origins, key);
    }
  }
  return { def, origins, home: base.home };
}

/** The origins of `key` and everything under it, taken from `from`. */
function replaceOrigins(origins: Map<string, Origin>, from: Map<string, Origin>, key: string): void {
  const under = (k: string) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`);
  for (const k of [...origins.keys()]) if (under(k)) origins.delete(k);
  for (const [k, o] of from) if (under(k)) origins.set(k, o);
}

/** Appends `over` to `base`; an entry with the identity of an earlier one replaces it in place. */
function mergeList(key: string, base: any[], over: any[], moved: (from: number, to: number) => void): any[] {
  const list = [...base];
  const index = new Map<string, number>();
  list.forEach((item, i) => {
    const id = identity(key, item);
    if (!index.has(id)) index.set(id, i);
  });
  over.forEach((item, i) => {
    const id = identity(key, item);
    const existing = index.get(id);
    const at = existing ?? list.length;
    if (existing !== undefined) {
      list[existing] = item;
    } else {
      list.push(item);
      index.set(id, at);
    }
    moved(i, at);
  });
  return list;
}

/** What makes two entries of a merged list the same entry. */
function identity(key: string, item: any): string {
  if (key === 'volumes') return `target:${item?.target ?? JSON.stringify(item)}`;
  if (key === 'secrets' || key === 'configs') return `target:${item?.target ?? item?.source}`;
  if (key === 'env_file') return `path:${item?.path}`;
  return JSON.stringify(item);
}

export function isPlainObject(v: unknown): v is { [key: string]: any } {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Mappings merged key by key, all the way down; anything else replaced. */
export function deepMerge(a: any, b: any): any {
  if (!isPlainObject(a) || !isPlainObject(b)) return b;
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, Object.prototype.hasOwnProperty.call(out, k) ? deepMerge(out[k], v) : v);
  return out;
}
