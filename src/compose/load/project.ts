import { existsSync, readFileSync } from 'fs';
import { basename, dirname, isAbsolute, resolve } from 'path';
import { ComposeError, composeError, keyPath, suggestion, warningLine, Where } from '../diagnostics';
import { dependsOn, listOrDict, parseMount } from './forms';
import { interpolateTree, parseDotEnv, VariableScope } from './interpolate';
import { schemaProblems } from './schema';
import { SourceFile } from './source';

/** What {@link loadProject} reads. */
export interface LoadOptions {
  /** Compose files, merged in order. */
  readonly files: string[];
  /** The variables file. Default: `.env` in the project directory, when it exists. */
  readonly envFile?: string;
  /** Variables that win over the variables file. */
  readonly variables?: { [name: string]: string };
  /** Active profiles. Default: `COMPOSE_PROFILES`, else none. */
  readonly profiles?: string[];
  /** Folder relative paths are resolved against. Default: the first file's folder. */
  readonly projectDirectory?: string;
}

/** Where a key of a merged service was written. */
interface Origin {
  readonly file: SourceFile;
  readonly path: Array<string | number>;
}

/** One service after interpolation, `extends`, merging and normalization. */
export class ComposeService {
  constructor(
    public readonly name: string,
    /** Keys in normalized form (see `normalizeService`). */
    public readonly def: { [key: string]: any },
    private readonly origins: Map<string, Origin>,
    private readonly home: Origin,
  ) {}

  /** Where a key path of the service (`['ports', 0]`) is written, as precisely as known. */
  public where(segments: ReadonlyArray<string | number> = []): Where {
    for (let n = segments.length; n > 0; n--) {
      const origin = this.origins.get(keyPath(segments.slice(0, n)));
      if (origin) return origin.file.locate([...origin.path, ...segments.slice(n)]);
    }
    return this.home.file.locate(this.home.path);
  }

  /** `services.<name>.<key path>`, for messages. */
  public key(segments: ReadonlyArray<string | number> = []): string {
    return keyPath(['services', this.name, ...segments]);
  }
}

/** A top-level volume, secret, config or network. */
export interface TopLevelEntry {
  readonly name: string;
  readonly def: { [key: string]: any };
  readonly where: Where;
}

/** A compose project: the merged model of its files. */
export interface ComposeProject {
  /** The project name: `name:`, else the project folder's name. */
  readonly name: string;
  readonly directory: string;
  readonly files: SourceFile[];
  /** Active services, in the order the files declare them. */
  readonly services: ComposeService[];
  /** Services left out by profiles. */
  readonly inactive: string[];
  /** The services left out by profiles, by name. */
  readonly inactiveServices: Map<string, ComposeService>;
  readonly volumes: Map<string, TopLevelEntry>;
  readonly secrets: Map<string, TopLevelEntry>;
  readonly configs: Map<string, TopLevelEntry>;
  readonly networks: Map<string, TopLevelEntry>;
  /** The value of an interpolation variable. */
  readonly variable: (name: string) => string | undefined;
  /** Warnings raised while loading. */
  readonly warnings: string[];
}

/** Keys whose list or mapping forms merge by key (`environment`, `labels`, ...). */
const DICT_KEYS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts', 'depends_on', 'networks', 'ulimits', 'storage_opt']);
/** Keys whose lists are appended and de-duplicated. */
const APPEND_KEYS = new Set(['ports', 'expose', 'env_file', 'dns', 'dns_search', 'dns_opt', 'tmpfs', 'cap_add', 'cap_drop', 'profiles', 'devices', 'external_links', 'links', 'security_opt', 'group_add', 'volumes_from', 'device_cgroup_rules']);
/** Keys whose entries merge by their container path or target. */
const BY_TARGET_KEYS = new Set(['volumes', 'secrets', 'configs']);

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

/**
 * Loads compose files as `docker compose -f a -f b` does: each file parsed (YAML anchors and
 * merge keys), interpolated, validated against the compose specification and its `extends`
 * resolved; then merged in order, profiles applied and `depends_on` checked.
 */
export function loadProject(options: LoadOptions): ComposeProject {
  if (options.files.length === 0) {
    throw composeError({ file: '<command line>' }, { key: 'files', rule: 'must name at least one compose file', value: [], fix: 'pass -f docker-compose.yml' });
  }
  const files = options.files.map(f => resolve(f));
  const directory = resolve(options.projectDirectory ?? dirname(files[0]));
  const warnings: string[] = [];

  // Variables: the given ones win over the variables file.
  const given = new Map(Object.entries(options.variables ?? {}));
  const envFile = options.envFile !== undefined ? resolve(options.envFile) : resolve(directory, '.env');
  let fileVars = new Map<string, string>();
  if (existsSync(envFile)) {
    fileVars = parseDotEnv(readFileSync(envFile, 'utf-8'), envFile, name => given.get(name));
  } else if (options.envFile !== undefined) {
    throw composeError({ file: envFile }, { key: 'env file', rule: 'does not exist', value: options.envFile, fix: 'pass the path of an existing .env file, or leave --env-file out' });
  }
  const variable = (name: string) => given.get(name) ?? fileVars.get(name);
  const reported = new Set<string>();
  const scope: VariableScope = {
    lookup: variable,
    unset: (name, where, key) => {
      if (reported.has(name)) return;
      reported.add(name);
      warnings.push(warningLine(where, key, `uses the variable ${name}, which is not set: it is replaced by an empty string; set it in .env or the environment, or give a default with \${${name}:-default}`));
    },
  };

  const loaded = new Map<string, LoadedFile>();
  const load = (path: string) => {
    let f = loaded.get(path);
    if (!f) {
      f = loadFile(path, scope);
      loaded.set(path, f);
    }
    return f;
  };
  const problems: string[] = [];
  const sources: LoadedFile[] = [];
  for (const path of files) {
    try {
      sources.push(load(path));
    } catch (e) {
      // Report the problems of every file at once.
      if (!(e instanceof ComposeError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new ComposeError(problems);

  // Normalize and resolve extends, per file.
  const perFile = sources.map(src => {
    const services = new Map<string, Normalized>();
    const resolving = new Set<string>();
    const resolveService = (file: LoadedFile, name: string, baseDir: string): Normalized => {
      const id = `${file.source.path}#${name}`;
      const cached = file.resolved.get(`${baseDir}#${name}`);
      if (cached) return cached;
      const raw = file.source.data.services?.[name];
      let n = normalizeService(raw, file.source, name, baseDir);
      const ext = raw?.extends;
      if (ext !== undefined) {
        if (resolving.has(id)) {
          throw composeError(file.source.locate(['services', name, 'extends']), { key: keyPath(['services', name, 'extends']), rule: 'forms a cycle', value: ext, fix: 'make the chain of extends end at a service that extends nothing' });
        }
        resolving.add(id);
        const baseName = typeof ext === 'string' ? ext : ext.service;
        const other = typeof ext === 'object' && ext.file ? load(resolve(dirname(file.source.path), ext.file)) : file;
        if (!other.source.data.services?.[baseName]) {
          throw composeError(file.source.locate(['services', name, 'extends']), {
            key: keyPath(['services', name, 'extends']),
            rule: `names a service that ${other === file ? 'this file' : other.source.path} does not have`,
            value: baseName,
            fix: `name one of its services${suggestion(baseName, Object.keys(other.source.data.services ?? {}))}`,
          });
        }
        // Paths of a service extended from another file are relative to that file.
        const base = resolveService(other, baseName, other === file ? baseDir : dirname(other.source.path));
        n = mergeNormalized(withoutDependencies(base), n);
        resolving.delete(id);
      }
      file.resolved.set(`${baseDir}#${name}`, n);
      return n;
    };
    for (const name of Object.keys(src.source.data.services ?? {})) services.set(name, resolveService(src, name, directory));
    return { src, services };
  });

  // Merge the files in order.
  const merged = new Map<string, Normalized>();
  const baseFiles: string[] = [];
  for (const { src, services } of perFile) {
    for (const [name, n] of services) {
      const existing = merged.get(name);
      if (existing) {
        merged.set(name, mergeNormalized(existing, n));
      } else if (baseFiles.length > 0 && n.def.image === undefined && n.def.build === undefined) {
        throw composeError(src.source.locate(['services', name]), {
          key: keyPath(['services', name]),
          rule: `overrides a service that ${baseFiles.join(', ')} ${baseFiles.length > 1 ? 'do' : 'does'} not have, and has no image or build of its own`,
          value: name,
          fix: `name a service of the base file${suggestion(name, merged.keys())}, or give it an image`,
        });
      } else {
        merged.set(name, n);
      }
    }
    baseFiles.push(src.source.path.split(/[\\/]/).pop()!);
  }
  const topLevel = (section: string) => {
    const out = new Map<string, TopLevelEntry>();
    for (const src of sources) {
      for (const [name, def] of Object.entries(src.source.data[section] ?? {})) {
        const prev = out.get(name)?.def ?? {};
        out.set(name, { name, def: deepMerge(prev, def ?? {}), where: src.source.locate([section, name]) });
      }
    }
    return out;
  };

  // Profiles.
  const declared = new Set<string>();
  for (const n of merged.values()) for (const p of n.def.profiles ?? []) declared.add(String(p));
  const fromVariable = variable('COMPOSE_PROFILES');
  const active = new Set(options.profiles ?? (fromVariable ? fromVariable.split(',').map(p => p.trim()).filter(p => p !== '') : []));
  for (const p of active) {
    if (p !== '*' && !declared.has(p)) {
      throw composeError({ file: files[0] }, {
        key: 'profiles',
        rule: `has no profile "${p}": no service declares it`,
        value: p,
        fix: declared.size > 0 ? `use one of ${[...declared].sort().join(', ')}${suggestion(p, declared)}` : 'leave --profile out: no service has profiles',
      });
    }
  }
  const isActive = (n: Normalized) => (n.def.profiles ?? []).length === 0 || active.has('*') || n.def.profiles.some((p: string) => active.has(p));

  const services: ComposeService[] = [];
  const inactive: string[] = [];
  const inactiveServices = new Map<string, ComposeService>();
  for (const [name, n] of merged) {
    const svc = new ComposeService(name, n.def, n.origins, n.home);
    if (!isActive(n)) {
      inactive.push(name);
      inactiveServices.set(name, svc);
      continue;
    }
    if (n.def.image === undefined && n.def.build === undefined) {
      throw composeError(svc.where(), { key: svc.key(), rule: 'has neither image nor build', value: undefined, fix: 'add image: <name>:<tag>, or build: <folder with a Dockerfile>' });
    }
    services.push(svc);
  }
  checkDependencies(services, merged, inactive, warnings);

  return {
    name: sources.map(s => s.source.data.name).filter(n => typeof n === 'string' && n !== '').pop() ?? basename(directory),
    directory,
    files: sources.map(s => s.source),
    services,
    inactive,
    inactiveServices,
    volumes: topLevel('volumes'),
    secrets: topLevel('secrets'),
    configs: topLevel('configs'),
    networks: topLevel('networks'),
    variable,
    warnings,
  };
}

interface LoadedFile {
  readonly source: SourceFile;
  readonly resolved: Map<string, Normalized>;
}

function loadFile(path: string, scope: VariableScope): LoadedFile {
  const raw = SourceFile.read(path);
  const { value, interpolated } = interpolateTree(raw.data, scope, s => raw.locate(s));
  for (const p of interpolated) cast(value, p);
  const problems = schemaProblems(value, s => raw.locate(s));
  if (problems.length > 0) throw new ComposeError(problems);
  return { source: raw.withData(value), resolved: new Map() };
}

function cast(tree: any, path: Array<string | number>): void {
  for (const [pattern, type] of CASTS) {
    if (pattern.length !== path.length || !pattern.every((p, i) => p === '*' || p === path[i])) continue;
    const parent = path.slice(0, -1).reduce((node: any, k) => node?.[k], tree);
    const k = path[path.length - 1];
    const v = parent?.[k];
    if (typeof v !== 'string') return;
    if (type === 'bool' && /^(true|false|yes|no|1|0)$/i.test(v)) parent[k] = /^(true|yes|1)$/i.test(v);
    if (type === 'int' && /^-?\d+$/.test(v)) parent[k] = Number(v);
    if (type === 'number' && /^-?\d+(\.\d+)?$/.test(v)) parent[k] = Number(v);
    return;
  }
}

/** A service of one file in normalized form, with where each key was written. */
interface Normalized {
  readonly def: { [key: string]: any };
  readonly origins: Map<string, Origin>;
  readonly home: Origin;
}

/**
 * Normalizes a service so files can be merged: list-or-mapping keys become mappings, `build`
 * becomes a mapping, relative paths become absolute (against `baseDir`), mounts, secrets and
 * configs become their long forms.
 */
function normalizeService(raw: any, file: SourceFile, name: string, baseDir: string): Normalized {
  const def: { [key: string]: any } = {};
  const origins = new Map<string, Origin>();
  const at = (segments: Array<string | number>, path: Array<string | number>) => origins.set(keyPath(segments), { file, path: ['services', name, ...path] });
  const abs = (p: string) => (isAbsolute(p) || p.startsWith('~') ? p : resolve(baseDir, p));
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (key === 'extends') continue;
    if (DICT_KEYS.has(key)) {
      const dict: { [k: string]: any } = {};
      if (key === 'depends_on') {
        for (const d of dependsOn(value)) {
          dict[d.service] = { condition: d.condition, required: d.required, restart: d.restart };
          at([key, d.service], Array.isArray(value) ? [key, (value as any[]).indexOf(d.service)] : [key, d.service]);
        }
      } else if (key === 'networks' || key === 'ulimits') {
        const entries: Array<readonly [string, unknown, string | number]> = Array.isArray(value)
          ? (value as unknown[]).map((n, i) => [String(n), null, i] as const)
          : Object.entries(value as object).map(([entryName, v]) => [entryName, v, entryName] as const);
        for (const [k, v, src] of entries) {
          dict[k] = v;
          at([key, k], [key, src]);
        }
      } else if (key === 'extra_hosts' && Array.isArray(value)) {
        (value as any[]).forEach((entry, i) => {
          const text = String(entry);
          const sep = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
          const host = sep < 0 ? text : text.slice(0, sep);
          dict[host] = sep < 0 ? '' : text.slice(sep + 1);
          at([key, host], [key, i]);
        });
      } else {
        for (const [k, v, src] of listOrDict(value)) {
          dict[k] = v ?? null;
          at([key, k], [key, src]);
        }
      }
      def[key] = dict;
      at([key], [key]);
    } else if (key === 'build') {
      const b = typeof value === 'string' ? { context: value } : { ...(value as object) } as any;
      b.context = abs(b.context ?? '.');
      def.build = b;
      at([key], [key]);
    } else if (key === 'env_file') {
      const entries = (Array.isArray(value) ? value : [value]).map((e: any) => (typeof e === 'string' ? { path: e } : e));
      def.env_file = entries.map((e: any) => ({
        path: abs(String(e.path)),
        written: String(e.path),
        required: e.required ?? true,
        format: e.format,
      }));
      entries.forEach((_: any, i: number) => at([key, i], [key, Array.isArray(value) ? i : []].flat()));
      at([key], [key]);
    } else if (key === 'volumes') {
      def.volumes = (value as any[]).map((entry, i) => {
        at([key, i], [key, i]);
        const m = parseMount(entry);
        if (typeof m === 'string') return { __invalid: m, __raw: entry };
        const source = m.type === 'bind' && m.source ? abs(m.source) : m.source;
        return { ...m, source, written: typeof entry === 'string' ? entry : entry.source, __raw: entry };
      });
      at([key], [key]);
    } else if (key === 'secrets' || key === 'configs') {
      def[key] = (value as any[]).map((entry, i) => {
        at([key, i], [key, i]);
        return typeof entry === 'string' ? { source: entry } : { ...entry };
      });
      at([key], [key]);
    } else if (APPEND_KEYS.has(key)) {
      const list = Array.isArray(value) ? value : [value];
      def[key] = list;
      list.forEach((_, i) => at([key, i], Array.isArray(value) ? [key, i] : [key]));
      at([key], [key]);
    } else {
      def[key] = value;
      at([key], [key]);
    }
  }
  return { def, origins, home: { file, path: ['services', name] } };
}

/** A service to extend: compose does not inherit `depends_on` and `volumes_from` through extends. */
function withoutDependencies(n: Normalized): Normalized {
  const def = { ...n.def };
  delete def.depends_on;
  delete def.volumes_from;
  return { ...n, def };
}

/** `docker compose -f base -f override` merge rules for one service. */
function mergeNormalized(base: Normalized, over: Normalized): Normalized {
  const def: { [key: string]: any } = { ...base.def };
  const origins = new Map(base.origins);
  const dropOrigins = (key: string) => {
    for (const k of [...origins.keys()]) if (k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) origins.delete(k);
  };
  const copyOrigin = (fromKey: string, toKey: string) => {
    const o = over.origins.get(fromKey);
    if (o) origins.set(toKey, o);
  };
  for (const [key, value] of Object.entries(over.def)) {
    const prev = def[key];
    if (DICT_KEYS.has(key) && prev) {
      def[key] = { ...prev, ...value };
      for (const k of Object.keys(value)) copyOrigin(keyPath([key, k]), keyPath([key, k]));
      copyOrigin(key, key);
    } else if ((APPEND_KEYS.has(key) || BY_TARGET_KEYS.has(key)) && Array.isArray(prev)) {
      const list = [...prev];
      value.forEach((item: any, i: number) => {
        const id = identity(key, item);
        const existing = list.findIndex(p => identity(key, p) === id);
        const index = existing >= 0 ? existing : list.length;
        if (existing >= 0) list[existing] = item;
        else list.push(item);
        copyOrigin(keyPath([key, i]), keyPath([key, index]));
      });
      def[key] = list;
    } else if (isPlainObject(prev) && isPlainObject(value) && key !== 'healthcheck') {
      def[key] = deepMerge(prev, value);
      copyOrigin(key, key);
    } else if (key === 'healthcheck' && isPlainObject(prev)) {
      // The test command is replaced as a whole; the other healthcheck keys merge.
      def[key] = { ...prev, ...value };
      copyOrigin(key, key);
    } else {
      def[key] = value;
      dropOrigins(key);
      for (const [k, o] of over.origins) if (k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) origins.set(k, o);
    }
  }
  return { def, origins, home: base.home };
}

/** What makes two entries of a merged list the same entry. */
function identity(key: string, item: any): string {
  if (key === 'volumes') return `target:${item?.target ?? JSON.stringify(item)}`;
  if (key === 'secrets' || key === 'configs') return `target:${item?.target ?? item?.source}`;
  if (key === 'env_file') return `path:${item?.path}`;
  return JSON.stringify(item);
}

function isPlainObject(v: unknown): v is { [key: string]: any } {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(a: any, b: any): any {
  if (!isPlainObject(a) || !isPlainObject(b)) return b;
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

/** Every `depends_on` names an active service (or is optional), and there is no cycle. */
function checkDependencies(services: ComposeService[], all: Map<string, Normalized>, inactive: string[], warnings: string[]): void {
  const active = new Map(services.map(s => [s.name, s]));
  for (const s of services) {
    for (const [dep, o] of Object.entries<any>(s.def.depends_on ?? {})) {
      if (active.has(dep)) continue;
      const where = s.where(['depends_on', dep]);
      const key = s.key(['depends_on', dep]);
      if (inactive.includes(dep)) {
        const profiles: string[] = all.get(dep)!.def.profiles ?? [];
        if (o.required === false) {
          warnings.push(warningLine(where, key, `is left out: "${dep}" is not in an active profile and the dependency is optional`));
          continue;
        }
        throw composeError(where, {
          key,
          rule: `names a service that no active profile enables (it has profiles ${profiles.join(', ')})`,
          value: dep,
          fix: `activate one of them (--profile ${profiles[0]}), or set required: false on the dependency`,
        });
      }
      throw composeError(where, {
        key,
        rule: 'names a service the compose files do not have',
        value: dep,
        fix: `name one of ${[...active.keys()].join(', ')}${suggestion(dep, active.keys())}`,
      });
    }
  }
  // Cycles: depth-first search, reporting the first cycle found with its path.
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of Object.keys(active.get(name)!.def.depends_on ?? {})) {
      if (!active.has(dep)) continue;
      if (state.get(dep) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const s = active.get(name)!;
        throw composeError(s.where(['depends_on', dep]), {
          key: s.key(['depends_on']),
          rule: `forms a cycle (${cycle.join(' -> ')}), so no service could start first`,
          value: dep,
          fix: `remove one dependency of the cycle; if ${name} and ${dep} call each other, keep only the one needed at start-up`,
        });
      }
      if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const s of services) if (!state.has(s.name)) visit(s.name);
}
