import { basename, dirname, resolve } from 'path';
import { ProjectBoundary } from './boundary';
import { LoadContext, LoadedFile } from './context';
import { checkDependencies } from './dependencies';
import { resolveFileServices } from './extends';
import { IComposeFileSystem } from './file-system';
import { InputLimits } from './limits';
import { deepMerge, mergeNormalized } from './merge';
import { NodeFileSystem } from './node-file-system';
import { Normalized, Origin } from './normalize';
import { activeProfiles } from './profiles';
import { checkBuildContext, EnvFileVariable, readEnvFiles, topLevelFile } from './referenced-files';
import { SourceFile } from './source';
import { readVariablesFile } from './variables';
import { ComposeError, composeError, keyPath, suggestion, Where } from '../diagnostics';

/** What {@link loadProject} reads. */
export interface LoadOptions {
  /** Compose files, merged in order. They are read wherever they are: the user named them. */
  readonly files: string[];
  /** The variables file, read wherever it is. Default: `.env` in the project directory, when it exists inside it. */
  readonly envFile?: string;
  /** Variables that win over the variables file. */
  readonly variables?: { [name: string]: string };
  /** Active profiles. Default: `COMPOSE_PROFILES`, else none. */
  readonly profiles?: string[];
  /** Folder relative paths are resolved against, and the boundary of what is read. Default: the first file's folder. */
  readonly projectDirectory?: string;
  /** Where files are read. Default: the local disk. */
  readonly fileSystem?: IComposeFileSystem;
  /** Limits on the input. Default: {@link DEFAULT_LIMITS}. */
  readonly limits?: InputLimits;
}

/** One service after interpolation, `extends`, merging and normalization. */
export class ComposeService {
  /** The variables of its `env_file` entries, read inside the project, in order. */
  public readonly envFileVariables: EnvFileVariable[] = [];

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
  /**
   * For a config or secret with `file:`, the real path of that file: set only when it lies
   * inside the project and exists.
   */
  readonly file?: string;
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
  /** Where files are read: read any file the mapping needs through it. */
  readonly fileSystem: IComposeFileSystem;
  /** The project folder: a file the compose files name is read only when `boundary.inside(path)` gives its real path. */
  readonly boundary: ProjectBoundary;
}

/**
 * Loads compose files as `docker compose -f a -f b` does: each file parsed (YAML anchors and
 * merge keys), interpolated, validated against the compose specification and its `extends`
 * resolved; then merged in order, profiles applied and `depends_on` checked. Every file that
 * the compose files name is read through `fileSystem`, and only inside the project folder.
 */
export function loadProject(options: LoadOptions): ComposeProject {
  const ctx = startLoad(options);
  const sources = loadFiles(ctx, options.files.map(f => resolve(f)));
  const merged = mergeFiles(sources.map(src => ({ src, services: resolveFileServices(ctx, src) })));
  const profiles = activeProfiles(ctx, merged.values(), options.profiles, { file: sources[0].source.path });
  const services: ComposeService[] = [];
  const inactiveServices = new Map<string, ComposeService>();
  for (const [name, n] of merged) {
    const svc = new ComposeService(name, n.def, n.origins, n.home);
    if (!profiles.isActive(n)) {
      inactiveServices.set(name, svc);
    } else if (n.def.image === undefined && n.def.build === undefined) {
      throw composeError(svc.where(), { key: svc.key(), rule: 'has neither image nor build', value: undefined, fix: 'add image: <name>:<tag>, or build: <folder with a Dockerfile>' });
    } else {
      services.push(svc);
    }
  }
  checkDependencies(ctx, services, merged, new Set(inactiveServices.keys()));
  for (const svc of services) {
    for (const v of readEnvFiles(ctx, svc)) svc.envFileVariables.push(v);
    checkBuildContext(ctx, svc);
  }
  return {
    name: sources.map(s => s.source.data.name).filter(n => typeof n === 'string' && n !== '').pop() ?? basename(ctx.directory),
    directory: ctx.directory,
    files: sources.map(s => s.source),
    services,
    inactive: [...inactiveServices.keys()],
    inactiveServices,
    volumes: topLevel(ctx, sources, 'volumes', services),
    secrets: topLevel(ctx, sources, 'secrets', services),
    configs: topLevel(ctx, sources, 'configs', services),
    networks: topLevel(ctx, sources, 'networks', services),
    variable: ctx.variable,
    warnings: ctx.warnings,
    fileSystem: ctx.fs,
    boundary: ctx.boundary,
  };
}

/** The shared state of a load: files, boundary, variables (given ones win over the variables file). */
function startLoad(options: LoadOptions): LoadContext {
  if (options.files.length === 0) {
    throw composeError({ file: '<command line>' }, { key: 'files', rule: 'must name at least one compose file', value: [], fix: 'pass -f docker-compose.yml' });
  }
  const fs = options.fileSystem ?? new NodeFileSystem();
  const directory = resolve(options.projectDirectory ?? dirname(resolve(options.files[0])));
  const given = new Map(Object.entries(options.variables ?? {}));
  let fileVars = new Map<string, string>();
  const ctx = new LoadContext(fs, new ProjectBoundary(fs, directory), directory, name => given.get(name) ?? fileVars.get(name), options.limits);
  fileVars = readVariablesFile(ctx, options.envFile, name => given.get(name));
  for (const v of [...fileVars.values(), ...given.values()]) ctx.variablesSize += v.length;
  return ctx;
}

/** Every compose file, with the problems of all of them reported at once. */
function loadFiles(ctx: LoadContext, files: string[]): LoadedFile[] {
  const problems: string[] = [];
  const sources: LoadedFile[] = [];
  for (const path of files) {
    try {
      sources.push(ctx.load(path));
    } catch (e) {
      if (!(e instanceof ComposeError)) throw e;
      for (const p of e.problems) problems.push(p);
    }
  }
  if (problems.length > 0) throw new ComposeError(problems);
  return sources;
}

/** The services of every file merged in order; a service an override adds needs an image or build. */
function mergeFiles(perFile: Array<{ src: LoadedFile; services: Map<string, Normalized> }>): Map<string, Normalized> {
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
    baseFiles.push(basename(src.source.path));
  }
  return merged;
}

/**
 * A top-level section merged over the files; the configs and secrets that active services use
 * have their `file:` checked against the boundary.
 */
function topLevel(ctx: LoadContext, sources: LoadedFile[], section: string, services: ComposeService[]): Map<string, TopLevelEntry> {
  const out = new Map<string, TopLevelEntry>();
  for (const src of sources) {
    for (const [name, def] of Object.entries(src.source.data[section] ?? {})) {
      const prev = out.get(name)?.def ?? {};
      out.set(name, { name, def: deepMerge(prev, def ?? {}), where: src.source.locate([section, name]) });
    }
  }
  if (section === 'configs' || section === 'secrets') {
    const used = new Set(services.flatMap(s => (s.def[section] ?? []).map((e: { source: string }) => e.source)));
    for (const [name, entry] of out) if (used.has(name)) out.set(name, { ...entry, file: topLevelFile(ctx, section, entry) });
  }
  return out;
}
