import { existsSync, readFileSync, statSync } from 'fs';
import { homedir } from 'os';
import { basename, relative } from 'path';
import { composeError, keyPath, suggestion, warningLine } from './diagnostics';
import { MountForm, parseBytes, parseDuration, parsePort, PortForm, shellSplit, stringOrList } from './load/forms';
import { ComposeOptions, PublishedPortExposure } from './options';
import { Expr, Program } from './program';
import { ComposeProject, ComposeService, TopLevelEntry } from './project';
import { dotnetEnvVarName, envVarNameProblem, isIpAddress, toDns1035Label } from '../core/names';
import { Warnings } from '../core/warnings';

/** A conversion, ready to run or to print. */
export interface Plan {
  readonly program: Program;
  /** The stack variable. */
  readonly stack: Expr;
  /** Every warning, in order: loading, then the whole project, then each service. */
  readonly warnings: string[];
}

/** The compose-only keys of ComposeOptions; the rest are the stack's props. */
const COMPOSE_OPTION_KEYS = ['files', 'envFile', 'variables', 'profiles', 'publishedPorts', 'routes', 'backingServices', 'externals', 'projectDirectory', 'buildContextRoot', 'fileSystem'];

/** Well-known images of stateful software: their client port, the user they run as, where they keep data. */
const BACKING_IMAGES: Array<[RegExp, number, number, string | undefined]> = [
  [/^(.*\/)?(redis|valkey)$/, 6379, 999, '/data'],
  [/^(.*\/)?rabbitmq$/, 5672, 999, '/var/lib/rabbitmq'],
  [/^(.*\/)?(postgres|postgis)$/, 5432, 999, '/var/lib/postgresql/data'],
  [/^(.*\/)?(mysql|mariadb)$/, 3306, 999, '/var/lib/mysql'],
  [/^(.*\/)?mongo(db)?$/, 27017, 999, '/data/db'],
  [/^(.*\/)?(mssql\/server|azure-sql-edge)$/, 1433, 10001, '/var/opt/mssql'],
  [/^(.*\/)?memcached$/, 11211, 11211, undefined],
  [/^(.*\/)?(elasticsearch|opensearch)$/, 9200, 1000, '/usr/share/elasticsearch/data'],
  [/^(.*\/)?(cp-)?kafka$/, 9092, 1000, '/var/lib/kafka/data'],
  [/^(.*\/)?(cp-)?zookeeper$/, 2181, 1000, '/var/lib/zookeeper/data'],
  [/^(.*\/)?nats$/, 4222, 1000, undefined],
  [/^(.*\/)?minio$/, 9000, 1000, '/data'],
  [/^(.*\/)?cassandra$/, 9042, 999, '/var/lib/cassandra'],
  [/^(.*\/)?couchdb$/, 5984, 5984, '/opt/couchdb/data'],
  [/^(.*\/)?influxdb$/, 8086, 1000, '/var/lib/influxdb2'],
];

/** Folders a development compose file mounts that have no place in a cluster. */
const DEV_FOLDERS = [/usersecrets/i, /\.aspnet[\\/]https/i, /\.microsoft/i, /[\\/]\.ssh\b/i, /docker\.sock$/i, /[\\/]certs?\b/i, /[\\/]https\b/i];

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'secrets', 'token', 'key', 'apikey', 'credential', 'credentials', 'passphrase', 'privatekey']);

/** Compose defaults of a healthcheck. */
const HEALTH_DEFAULTS = { interval: 30, timeout: 30, retries: 3 };

const DEPLOYMENT_DEFAULTS = { cpuRequest: 100, cpuLimit: 500, memoryRequest: 128 * 2 ** 20, memoryLimit: 256 * 2 ** 20 };
const BACKING_DEFAULTS = { cpuRequest: 100, cpuLimit: 1000, memoryRequest: 128 * 2 ** 20, memoryLimit: 512 * 2 ** 20 };

const CONTAINER = '/spec/template/spec/containers/0';

type Kind = 'micro' | 'backing' | 'external';

interface Mapped {
  readonly svc: ComposeService;
  readonly name: string;
  readonly kind: Kind;
  readonly warnings: string[];
  port?: PortForm;
  env: Map<string, string>;
  secrets: Map<string, string>;
  talksTo: string[];
  aliases: string[];
  variable?: Expr;
}

/**
 * Maps a compose project to the statements that build a MicroserviceStack. Every key of every
 * service is either mapped or named in a warning.
 */
export function planStack(project: ComposeProject, id: string, options: ComposeOptions): Plan {
  return new Mapper(project, id, options).plan();
}

class Mapper {
  private readonly program = new Program();
  private readonly globalWarnings: string[] = [];
  private readonly mapped = new Map<string, Mapped>();
  /** Host names (lowercase) to the k8s name of the service that answers them. */
  private readonly hosts = new Map<string, string>();
  /** Host names that changed, lowercase, to their new name. */
  private readonly renamedHosts = new Map<string, string>();
  private readonly externalSecrets: string[] = [];
  private readonly externalConfigMaps: string[] = [];
  private readonly externalClaims: string[] = [];
  private readonly volumeVars = new Map<string, Expr>();
  private readonly dataVolumes = new Map<string, string>();
  private readonly objectVars = new Map<string, Expr>();
  private waitDefaults?: { security: Expr; resources: Expr };
  /** Variables a service's options use, defined right before the service (after its comments). */
  private deferred: Array<[Expr, Expr]> = [];
  private stack!: Expr;

  constructor(private readonly project: ComposeProject, private readonly id: string, private readonly options: ComposeOptions) {}

  public plan(): Plan {
    this.checkOptions();
    this.assignNames();
    for (const m of this.mapped.values()) {
      if (m.kind !== 'external') this.mapEnvironment(m);
    }
    for (const m of this.mapped.values()) {
      if (m.kind !== 'external') m.port = this.mainPort(m);
    }
    this.topLevelWarnings();
    this.collectExternals();

    this.stack = this.program.declare('stack', Expr.sym('MicroserviceStack').construct(Expr.v('app'), this.id, this.stackProps()));
    // Volumes, secrets and configs are planned first (they raise warnings) and written after the warnings.
    const topLevel: Array<() => void> = [...this.declareVolumes(), ...this.declareSecretsAndConfigs()];
    this.inactiveWarnings();
    const warnings = [...this.project.warnings, ...this.globalWarnings];
    // Compose warnings come first in stack.warnings, before the stack's own.
    this.program.hook(vars => {
      for (const w of warnings) Warnings.of(vars.stack).add(w);
    });
    for (const w of warnings) this.program.comment(`warning: ${w}`);
    for (const emit of topLevel) emit();
    for (const m of this.mapped.values()) {
      this.program.comment(`${m.svc.key()} (${basename(m.svc.where().file)})`);
      if (m.kind === 'external') this.emitExternal(m);
      else if (m.kind === 'backing') this.emitBacking(m);
      else this.emitMicroservice(m);
    }
    return { program: this.program, stack: this.stack, warnings: [...warnings, ...[...this.mapped.values()].flatMap(m => m.warnings)] };
  }

  // ---------------------------------------------------------------- options, names, kinds

  private checkOptions(): void {
    const names = this.project.services.map(s => s.name);
    const check = (option: string, given: string[]) => {
      for (const n of given) {
        if (!names.includes(n)) {
          throw composeError({ file: 'options' }, {
            key: option,
            rule: `names a service that the compose files do not have${this.project.inactive.includes(n) ? ' among the active profiles' : ''}`,
            value: n,
            fix: `name one of ${names.join(', ')}${suggestion(n, names)}`,
          });
        }
      }
    };
    check('routes', Object.keys(this.options.routes ?? {}));
    check('backingServices', this.options.backingServices ?? []);
    check('externals', Object.keys(this.options.externals ?? {}));
    for (const [svc, path] of Object.entries(this.options.routes ?? {})) {
      if (!path.startsWith('/')) {
        throw composeError({ file: 'options' }, { key: `routes.${svc}`, rule: 'must be a path starting with "/"', value: path, fix: `write "/${path}"` });
      }
    }
  }

  private assignNames(): void {
    const reserved = this.options.gateway?.name ?? 'gateway';
    const used = new Set<string>();
    for (const svc of this.project.services) {
      const label = toDns1035Label(svc.name);
      let name = label === reserved ? `${label}-app` : label;
      const base = name;
      for (let i = 2; used.has(name); i++) name = `${base.slice(0, 60)}-${i}`;
      used.add(name);
      const kind: Kind = this.options.externals?.[svc.name] !== undefined ? 'external'
        : (this.options.backingServices ? this.options.backingServices.includes(svc.name) : knownBacking(svc.def.image) !== undefined) ? 'backing' : 'micro';
      const m: Mapped = { svc, name, kind, warnings: [], env: new Map(), secrets: new Map(), talksTo: [], aliases: [] };
      this.mapped.set(svc.name, m);
      this.hosts.set(svc.name.toLowerCase(), name);
      this.hosts.set(name, name);
      if (name !== svc.name) {
        const why = label !== svc.name ? `"${svc.name}" is not a DNS-1035 label (lowercase letters, digits and "-")`
          : name !== label && label === reserved ? `"${label}" is the name of the stack's gateway` : `another service is named "${label}"`;
        this.renamedHosts.set(svc.name.toLowerCase(), name);
        this.warn(m, [], `is named "${name}" in Kubernetes: ${why}; host names in environment values that name it are rewritten`);
      }
    }
    // Aliases: hostname, container_name, network aliases and link aliases get a Service of their own.
    for (const m of this.mapped.values()) {
      if (m.kind === 'external') continue;
      const candidates: Array<[string, Array<string | number>]> = [];
      if (typeof m.svc.def.hostname === 'string') candidates.push([m.svc.def.hostname, ['hostname']]);
      if (typeof m.svc.def.container_name === 'string') candidates.push([m.svc.def.container_name, ['container_name']]);
      for (const [net, cfg] of Object.entries<any>(m.svc.def.networks ?? {})) {
        for (const a of cfg?.aliases ?? []) candidates.push([String(a), ['networks', net, 'aliases']]);
      }
      for (const [alias, key] of candidates) {
        if (alias.includes('.')) {
          // A dotted host name (catalog.local) cannot be a Service name; callers get the service's name instead.
          this.renamedHosts.set(alias.toLowerCase(), m.name);
          this.hosts.set(alias.toLowerCase(), m.name);
          this.warn(m, key, `"${alias}" is answered by the Service "${m.name}": a Service name cannot contain "."; host names in environment values that use it are rewritten`);
          continue;
        }
        const label = toDns1035Label(alias);
        if (label === m.name || m.aliases.includes(label)) {
          this.hosts.set(alias.toLowerCase(), m.name);
          continue;
        }
        if (used.has(label)) {
          this.warn(m, key, `"${alias}" is not mapped: another Service of the stack is named "${label}"`);
          continue;
        }
        used.add(label);
        m.aliases.push(label);
        this.hosts.set(alias.toLowerCase(), m.name);
        if (label !== alias) {
          this.renamedHosts.set(alias.toLowerCase(), label);
          this.warn(m, key, `"${alias}" becomes the Service "${label}" (not a DNS-1035 label); host names in environment values that use it are rewritten`);
        }
      }
    }
  }

  // ---------------------------------------------------------------- environment

  private mapEnvironment(m: Mapped): void {
    const svc = m.svc;
    const entries: Array<[string, string, Array<string | number>]> = [];
    // The loader has read the env files (inside the project only).
    for (const v of svc.envFileVariables) entries.push([v.name, v.value, ['env_file', v.index]]);
    for (const [k, v] of Object.entries<any>(svc.def.environment ?? {})) {
      if (v === null) {
        const inherited = this.project.variable(k);
        if (inherited === undefined) {
          this.warn(m, ['environment', k], 'has no value and is not set in the environment or .env: it is left out, as compose leaves it out');
          continue;
        }
        entries.push([k, inherited, ['environment', k]]);
      } else {
        entries.push([k, String(v), ['environment', k]]);
      }
    }
    const renamedVars: string[] = [];
    const rewritten: string[] = [];
    const secretVars: string[] = [];
    // Each warning points at the first entry it is about.
    const first: { [what: string]: Array<string | number> } = {};
    for (const [name, raw, key] of entries) {
      let k8sName = name;
      if (envVarNameProblem(name)) {
        k8sName = dotnetEnvVarName(name);
        renamedVars.push(`${name} -> ${k8sName}`);
        first.renamed ??= key;
      }
      const { text, count } = this.rewriteHosts(raw);
      if (count > 0) {
        rewritten.push(k8sName);
        first.rewritten ??= key;
      }
      this.noteCalls(m, text);
      m.env.delete(k8sName);
      m.secrets.delete(k8sName);
      if (looksSecret(k8sName, text)) {
        m.secrets.set(k8sName, text);
        secretVars.push(k8sName);
        first.secret ??= key;
      } else {
        m.env.set(k8sName, text);
      }
    }
    if (renamedVars.length > 0) {
      this.warn(m, ['environment'], `has names Kubernetes 1.28 rejects, renamed to the .NET configuration form (.NET reads "__" as ":"): ${renamedVars.join(', ')}`, first.renamed);
    }
    if (rewritten.length > 0) {
      this.warn(m, ['environment'], `has host names of renamed services rewritten to their Kubernetes names in ${rewritten.join(', ')}`, first.rewritten);
    }
    if (secretVars.length > 0) {
      this.warn(m, ['environment'], `has values that look like secrets (${secretVars.join(', ')}): they go to a Secret, not the ConfigMap; `
        + 'create that Secret outside the app and use SecretValue.fromSecret(name, key) before this reaches git', first.secret);
    }
  }

  /** Rewrites host names of renamed services in a value. */
  private rewriteHosts(text: string): { text: string; count: number } {
    let count = 0;
    let out = text;
    for (const [from, to] of this.renamedHosts) {
      out = out.replace(hostPattern(from), (_m, pre: string) => {
        count++;
        return `${pre}${to}`;
      });
    }
    return { text: out, count };
  }

  /** Records the services a value names as hosts, so NetworkPolicies let the calls through. */
  private noteCalls(m: Mapped, text: string): void {
    for (const [host, target] of this.hosts) {
      if (target === m.name || m.talksTo.includes(target)) continue;
      if (hostPattern(host).test(text)) m.talksTo.push(target);
    }
  }

  // ---------------------------------------------------------------- ports

  private mainPort(m: Mapped): PortForm | undefined {
    const svc = m.svc;
    const ports: Array<[PortForm, Array<string | number>]> = [];
    (svc.def.ports ?? []).forEach((entry: unknown, i: number) => {
      const p = parsePort(entry);
      const key = ['ports', i];
      if (typeof p === 'string') {
        throw composeError(svc.where(key), {
          key: svc.key(key),
          rule: p,
          value: entry,
          fix: p.includes('range') ? 'list each port on its own, or keep the one the service needs' : 'write "PUBLISHED:TARGET" such as "5101:8080", or the target port alone',
        });
      }
      ports.push([p, key]);
    });
    (svc.def.expose ?? []).forEach((entry: unknown, i: number) => {
      const p = parsePort(String(entry));
      const key = ['expose', i];
      if (typeof p === 'string') {
        throw composeError(svc.where(key), { key: svc.key(key), rule: p, value: entry, fix: 'list each port on its own' });
      }
      ports.push([{ ...p, published: undefined }, key]);
    });
    let main: PortForm | undefined;
    // A well-known image's client port comes first (rabbitmq publishes its management UI too).
    const wellKnown = m.kind === 'backing' ? knownBacking(svc.def.image)?.port : undefined;
    const preferred = ports.findIndex(([p]) => p.target === wellKnown && p.protocol === 'tcp');
    if (preferred > 0) ports.unshift(...ports.splice(preferred, 1));
    for (const [p, key] of ports) {
      if (!['tcp', 'udp', 'sctp'].includes(p.protocol)) {
        throw composeError(svc.where(key), { key: svc.key(key), rule: 'has a protocol Kubernetes Services cannot express', value: p.protocol, fix: 'use tcp, udp or sctp' });
      }
      if (p.protocol !== 'tcp') {
        this.warn(m, key, `is not mapped: ${p.protocol.toUpperCase()} port ${p.target}: the stack's Services and NetworkPolicies are TCP; add a kplus.Service with protocol ${p.protocol.toUpperCase()} by hand`);
        continue;
      }
      if (p.hostIp !== undefined) this.warn(m, key, `host IP ${p.hostIp} is not mapped: Services listen on every address of their nodes or load balancer`);
      if (p.mode === 'host') this.warn(m, key, 'mode host is not mapped: Services route to pods on any node');
      if (!main) {
        main = p;
      } else if (p.target === main.target) {
        if (p.published !== undefined && main.published === undefined) main = { ...main, published: p.published };
        else if (p.published !== undefined && p.published !== main.published) this.warn(m, key, `publishes port ${main.target} a second time (${p.published}); only ${main.published} is mapped`);
      } else {
        this.warn(m, key, m.kind === 'micro'
          ? `is not mapped: a microservice of the stack has one port, the first one listed (${main.target}); list the port clients call first`
          : `is not mapped: a backing service of the stack has one port, its client port ${main.target}`);
      }
    }
    if (main) return main;
    if (m.kind === 'micro') {
      const fromUrls = aspNetCorePort(m.env) ?? this.healthCheckPort(m);
      if (fromUrls !== undefined) return { target: fromUrls, protocol: 'tcp' };
      this.warn(m, [], 'has no ports: the service listens on 8080 (ASP.NET Core\'s default since .NET 8); add expose: ["<port>"] if it listens elsewhere');
      return { target: 8080, protocol: 'tcp' };
    }
    const known = knownBacking(m.svc.def.image);
    if (known) return { target: known.port, protocol: 'tcp' };
    throw composeError(svc.where(), { key: svc.key(['ports']), rule: 'is required for a backing service whose image is not a well-known one', value: svc.def.image, fix: 'add expose: ["<port clients connect to>"]' });
  }

  /** The port a `curl`/`wget` health check of the service calls, if it calls one. */
  private healthCheckPort(m: Mapped): number | undefined {
    const test = m.svc.def.healthcheck?.test;
    if (test === undefined || m.svc.def.healthcheck?.disable === true) return undefined;
    const words = Array.isArray(test) && test[0] === 'CMD' ? test.slice(1).map(String)
      : shellSplit(Array.isArray(test) ? test.slice(test[0] === 'CMD-SHELL' ? 1 : 0).join(' ') : String(test));
    if (typeof words === 'string') return undefined;
    return httpCheck(words, [m.svc.name, m.name])?.port;
  }

  // ---------------------------------------------------------------- stack, volumes, secrets

  private stackProps(): Expr {
    const props: { [key: string]: Expr } = {};
    for (const [k, v] of Object.entries(this.options)) {
      if (COMPOSE_OPTION_KEYS.includes(k) || v === undefined || k === 'validation' || k === 'namespace') continue;
      props[k] = codeFor(v);
    }
    props.namespace = Expr.of(this.options.namespace ?? toDns1035Label(this.project.name));
    const validation = this.validationProps(this.options.validation ?? {});
    if (Object.keys(validation).length > 0) props.validation = codeFor(validation);
    return Expr.of(props);
  }

  /** Secrets, configs and claims the compose files say exist outside the app. */
  private collectExternals(): void {
    const usedVolumes = new Set<string>();
    const used = { secrets: new Set<string>(), configs: new Set<string>() };
    for (const m of this.mapped.values()) {
      if (m.kind === 'external') continue;
      for (const v of m.svc.def.volumes ?? []) if (v.type === 'volume' && v.source) usedVolumes.add(v.source);
      for (const e of m.svc.def.secrets ?? []) used.secrets.add(e.source);
      for (const e of m.svc.def.configs ?? []) used.configs.add(e.source);
    }
    for (const name of usedVolumes) {
      const def = this.project.volumes.get(name)?.def;
      if (def?.external) this.externalClaims.push(def.name ?? name);
    }
    for (const name of used.secrets) {
      const def = this.project.secrets.get(name)?.def;
      if (def?.external) this.externalSecrets.push(def.name ?? name);
    }
    for (const name of used.configs) {
      const def = this.project.configs.get(name)?.def;
      if (def?.external) this.externalConfigMaps.push(def.name ?? name);
    }
  }

  /** The validation options: the user's, plus what the compose files say exists outside the app. */
  private validationProps(user: { [key: string]: any }): { [key: string]: any } {
    const merge = (key: string, extra: string[]) => {
      const all = [...user[key] ?? [], ...extra];
      return all.length > 0 ? [...new Set(all)] : undefined;
    };
    const out: { [key: string]: any } = { ...user };
    out.externalSecrets = merge('externalSecrets', this.externalSecrets);
    out.externalConfigMaps = merge('externalConfigMaps', this.externalConfigMaps);
    out.externalClaims = merge('externalClaims', this.externalClaims);
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  }

  private topLevelWarnings(): void {
    for (const [name, n] of this.project.networks) {
      if (name === 'default') continue;
      this.globalWarnings.push(warningLine(n.where, keyPath(['networks', name]), 'is not mapped: pods share the cluster network, and NetworkPolicies (from depends_on and the host names in environment values) decide which service may call which'));
    }
    const used = new Set<string>();
    for (const s of this.project.services) for (const v of s.def.volumes ?? []) if (v.type === 'volume' && v.source) used.add(v.source);
    for (const [name, v] of this.project.volumes) {
      if (!used.has(name)) this.globalWarnings.push(warningLine(v.where, keyPath(['volumes', name]), 'is not mapped: no active service mounts it'));
    }
    for (const f of this.project.files) {
      for (const k of Object.keys(f.data)) {
        if (!['version', 'name', 'services', 'volumes', 'networks', 'secrets', 'configs'].includes(k) && !k.startsWith('x-')) {
          this.globalWarnings.push(warningLine(f.locate([k]), k, 'is not mapped'));
        }
      }
    }
  }

  /** Named volumes: NFS ones (driver_opts type nfs) on their server, others as shared claims, data volumes of a single backing service as its own claim. */
  private declareVolumes(): Array<() => void> {
    const emit: Array<() => void> = [];
    const users = new Map<string, Set<string>>();
    for (const m of this.mapped.values()) {
      if (m.kind === 'external') continue;
      for (const v of m.svc.def.volumes ?? []) {
        if (v.type === 'volume' && v.source) users.set(v.source, new Set([...users.get(v.source) ?? [], m.svc.name]));
      }
    }
    for (const [name, entry] of this.project.volumes) {
      const u = users.get(name);
      if (!u) continue;
      const def = entry.def ?? {};
      const nfs = nfsOf(def);
      const label = toDns1035Label(def.name ?? name);
      const only = u.size === 1 ? this.mapped.get([...u][0])! : undefined;
      if (def.external) {
        for (const k of Object.keys(def)) if (!['external', 'name'].includes(k) && !k.startsWith('x-')) this.globalWarnings.push(warningLine(entry.where, keyPath(['volumes', name, k]), 'is not mapped: the claim is created outside the app'));
        continue;
      }
      if (!nfs && only?.kind === 'backing' && !this.dataVolumes.has(only.svc.name)) {
        this.dataVolumes.set(only.svc.name, name);
        this.unmappedVolumeKeys(entry, name, def, false);
        continue;
      }
      this.unmappedVolumeKeys(entry, name, def, nfs !== undefined);
      const props = nfs
        ? { server: nfs.server, path: nfs.path, mountOptions: nfs.mountOptions.length > 0 ? nfs.mountOptions : undefined }
        : undefined;
      const v = this.program.reserve(label);
      this.volumeVars.set(name, v);
      emit.push(() => {
        this.program.comment(`${keyPath(['volumes', name])}: ${nfs ? `NFS export ${nfs.server}:${nfs.path}` : 'a ReadWriteMany claim on the platform\'s file share class'}`);
        this.program.define(v, this.stack.method('addVolume', label, props));
      });
    }
    return emit;
  }

  private unmappedVolumeKeys(entry: TopLevelEntry, name: string, def: any, nfs: boolean): void {
    for (const k of Object.keys(def)) {
      if (k.startsWith('x-') || k === 'name') continue;
      if (nfs && (k === 'driver' || k === 'driver_opts')) continue;
      if (k === 'driver' && def.driver === 'local') continue;
      this.globalWarnings.push(warningLine(entry.where, keyPath(['volumes', name, k]), `is not mapped (got ${JSON.stringify(def[k])}): ${nfs ? '' : 'only driver_opts of type nfs are; '}the claim uses ${nfs ? 'the NFS export' : 'the platform\'s storage class'}`));
    }
  }

  private declareSecretsAndConfigs(): Array<() => void> {
    const emit: Array<() => void> = [];
    const used = (key: 'secrets' | 'configs') => {
      const names = new Set<string>();
      for (const m of this.mapped.values()) if (m.kind !== 'external') for (const e of m.svc.def[key] ?? []) names.add(e.source);
      return names;
    };
    for (const [section, names] of [['secrets', used('secrets')], ['configs', used('configs')]] as const) {
      const isSecret = section === 'secrets';
      for (const name of names) {
        const entry = (isSecret ? this.project.secrets : this.project.configs).get(name);
        if (!entry) {
          const user = [...this.mapped.values()].find(m => (m.svc.def[section] ?? []).some((e: any) => e.source === name))!;
          const i = user.svc.def[section].findIndex((e: any) => e.source === name);
          throw composeError(user.svc.where([section, i]), {
            key: user.svc.key([section, i]),
            rule: `names a ${isSecret ? 'secret' : 'config'} the top-level ${section} do not declare`,
            value: name,
            fix: `declare it under ${section}: with file:, environment:${isSecret ? '' : ', content:'} or external: true`,
          });
        }
        const def = entry.def;
        const label = toDns1035Label(def.name ?? name);
        const key = keyPath([section, name]);
        for (const k of Object.keys(def)) {
          if (!['file', 'environment', 'content', 'external', 'name'].includes(k) && !k.startsWith('x-')) {
            this.globalWarnings.push(warningLine(entry.where, keyPath([section, name, k]), 'is not mapped'));
          }
        }
        const kind = isSecret ? 'Secret' : 'ConfigMap';
        if (def.external) {
          const ref = isSecret
            ? Expr.sym('kplus').get('Secret').method('fromSecretName', this.stack, `${section}-${label}`, def.name ?? name)
            : Expr.sym('kplus').get('ConfigMap').method('fromConfigMapName', this.stack, `${section}-${label}`, def.name ?? name);
          const v = this.program.reserve(label);
          this.objectVars.set(`${section}/${name}`, v);
          emit.push(() => {
            this.program.comment(`${key}: created outside the app`);
            this.program.define(v, ref);
          });
          continue;
        }
        let content: Expr;
        if (def.file !== undefined) {
          // The loader has checked the file: a real path inside the project, or a warning and none.
          content = entry.file !== undefined ? Expr.file(entry.file) : Expr.of('');
        } else if (def.environment !== undefined) {
          const v = this.project.variable(def.environment);
          if (v === undefined) {
            throw composeError(entry.where, { key: keyPath([section, name, 'environment']), rule: 'names a variable that is not set', value: def.environment, fix: `set ${def.environment} in .env or the environment` });
          }
          content = Expr.of(v);
        } else {
          content = Expr.of(def.content ?? '');
        }
        if (isSecret) {
          this.globalWarnings.push(warningLine(entry.where, key, `is written into the YAML as a literal Secret "${label}": create it outside the app (kubectl create secret generic ${label} --from-file=...) and mark it external: true before this reaches git`));
        }
        const data = { [configKey(name)]: content };
        const v = this.program.reserve(label);
        this.objectVars.set(`${section}/${name}`, v);
        emit.push(() => {
          this.program.comment(`${key}: a ${kind} mounted where compose mounts it`);
          this.program.define(v, Expr.sym('kplus').get(kind).construct(this.stack, `${section}-${label}`, {
            metadata: { name: label },
            ...isSecret ? { stringData: data } : { data },
          }));
        });
      }
    }
    return emit;
  }

  /** Services left out by profiles are named, so nothing disappears silently. */
  private inactiveWarnings(): void {
    for (const name of this.project.inactive) {
      const n = this.project.inactiveServices.get(name)!;
      this.globalWarnings.push(warningLine(n.where(['profiles']), n.key(), `is left out: its profiles (${(n.def.profiles ?? []).join(', ')}) are not active; pass --profile ${n.def.profiles[0]} (or profiles: ['${n.def.profiles[0]}']) to convert it`));
    }
  }

  // ---------------------------------------------------------------- services

  private emitExternal(m: Mapped): void {
    const host = this.options.externals![m.svc.name];
    const ignored = Object.keys(m.svc.def).filter(k => !k.startsWith('x-'));
    this.warn(m, [], `runs outside the cluster at ${host}: an ExternalName Service "${m.name}" points there, and its keys (${ignored.join(', ')}) are not deployed`);
    this.flushWarnings(m);
    // The port the dependency listens on keeps callers' egress to that port (and names the URL's scheme).
    const port = externalPort(m.svc.def);
    this.program.add(this.stack.method('addExternal', m.name, host, ...port !== undefined ? [{ port }] : []));
  }

  private emitMicroservice(m: Mapped): void {
    const svc = m.svc;
    const def = svc.def;
    const port = m.port!;
    const handled = new Set(['image', 'build', 'ports', 'expose', 'environment', 'env_file', 'depends_on', 'links', 'healthcheck', 'deploy', 'scale', 'volumes', 'tmpfs',
      'secrets', 'configs', 'command', 'entrypoint', 'user', 'read_only', 'cap_drop', 'cap_add', 'restart', 'hostname', 'container_name', 'networks', 'labels', 'annotations',
      'profiles', 'working_dir', 'stop_grace_period', 'extra_hosts', 'platform', 'pull_policy', 'cpus', 'mem_limit', 'mem_reservation', 'privileged', 'init', 'tty', 'stdin_open']);

    const image = this.image(m);
    const options: { [key: string]: unknown } = { image };
    if (port.target !== 8080) options.port = port.target;
    const replicas = def.deploy?.replicas ?? def.scale;
    if (replicas !== undefined) options.replicas = replicas;
    const health = this.healthChecks(m, port.target);
    if (health) options.healthChecks = health;
    if (m.env.size > 0) options.config = Object.fromEntries(m.env);
    if (m.secrets.size > 0) {
      options.secrets = Object.fromEntries([...m.secrets].map(([k, v]) => [k, Expr.sym('SecretValue').method('literal', v)]));
    }
    const { exposure, routes } = this.exposure(m, port);
    if (exposure) options.exposure = exposure;
    if (routes) options.routes = routes;

    // depends_on and links first, then the hosts found in values.
    const deps = this.dependencies(m);
    const talksTo = [...new Set([...deps.map(d => d.target), ...m.talksTo])];
    const mounts = this.mounts(m, 'micro');
    for (const f of mounts.fileHosts) if (!talksTo.includes(f) && f !== m.name) talksTo.push(f);
    if (talksTo.length > 0) options.talksTo = talksTo;
    if (mounts.volumes.length > 0) options.volumes = mounts.volumes;
    if (def.build) {
      const ctx = this.buildContext(m);
      if (ctx !== undefined) {
        options.buildContext = ctx;
        if (def.build.dockerfile !== undefined && def.build.dockerfile !== 'Dockerfile') options.dockerfile = def.build.dockerfile;
      }
    }

    const patches = this.containerPatches(m, DEPLOYMENT_DEFAULTS);
    this.deploymentPatches(m, patches);
    const annotations = this.annotations(m);
    this.commonWarnings(m, handled);
    this.flushWarnings(m);

    const v = this.program.declare(m.name, this.stack.method('addService', m.name, options));
    m.variable = v;
    const deployment = v.get('deployment');
    this.emitMounts(m, v, deployment.get('mainContainer'), mounts.others);
    this.emitAnnotations(deployment, annotations);
    this.emitWaits(deployment, deps);
    if (patches.length > 0) this.program.add(Expr.sym('ApiObject').method('of', deployment).method('addJsonPatch', ...patches));
    this.emitAliases(m, deployment, port.target);
  }

  private emitBacking(m: Mapped): void {
    const svc = m.svc;
    const def = svc.def;
    const port = m.port!;
    const handled = new Set(['image', 'ports', 'expose', 'environment', 'env_file', 'healthcheck', 'volumes', 'tmpfs', 'secrets', 'configs', 'command', 'entrypoint',
      'user', 'read_only', 'cap_drop', 'cap_add', 'restart', 'hostname', 'container_name', 'networks', 'labels', 'annotations', 'profiles', 'working_dir',
      'stop_grace_period', 'extra_hosts', 'platform', 'pull_policy', 'cpus', 'mem_limit', 'mem_reservation', 'privileged', 'init', 'tty', 'stdin_open', 'deploy', 'depends_on', 'links']);
    const known = knownBacking(def.image);
    const image = String(def.image ?? '');
    if (def.image === undefined) {
      throw composeError(svc.where(['build']), { key: svc.key(['build']), rule: 'is not mapped for a backing service: it needs an image', value: undefined, fix: 'give it image: <name>:<tag>, or leave it out of backingServices' });
    }
    const last = image.split('/').pop()!;
    if (!last.includes(':') && !image.includes('@')) this.warn(m, ['image'], `has no tag: pin a version (${image}:<version>) so every node runs the same build`);
    else if (/:latest$/.test(image)) this.warn(m, ['image'], 'uses the tag "latest": pin a version so every node runs the same build');
    for (const [i, p] of (def.ports ?? []).entries()) {
      const parsed = parsePort(p);
      if (typeof parsed !== 'string' && parsed.published !== undefined && parsed.target === port.target) {
        this.warn(m, ['ports', i], `published port ${parsed.published} is not mapped: backing services stay inside the cluster; reach it with kubectl port-forward svc/${m.name} ${parsed.published}:${port.target}`);
      }
    }
    const options: { [key: string]: unknown } = { image, port: port.target };
    const dataVolume = this.dataVolumes.get(svc.name);
    if (dataVolume !== undefined) {
      const mount = (def.volumes ?? []).find((v: any) => v.type === 'volume' && v.source === dataVolume);
      options.dataPath = mount.target;
    }
    const user = this.user(m, known?.uid);
    if (user !== undefined) options.runAsUser = user;
    const writable = ['/tmp', ...this.tmpfsPaths(m).filter(p => p !== '/tmp')];
    if (writable.length > 1) options.writablePaths = writable;
    if (m.env.size > 0) options.env = Object.fromEntries(m.env);
    if (m.secrets.size > 0) options.secrets = Object.fromEntries([...m.secrets].map(([k, v]) => [k, Expr.sym('SecretValue').method('literal', v)]));
    const probes = this.backingProbes(m, port.target);
    if (probes) Object.assign(options, probes);

    const deps = this.dependencies(m);
    if (deps.length > 0 || m.talksTo.length > 0) {
      this.warn(m, ['depends_on'], `calls to ${[...new Set([...deps.map(d => d.target), ...m.talksTo])].join(', ')} are not allowed: a backing service's NetworkPolicy lets it call nothing; make it a microservice (leave it out of backingServices) if it calls others`);
    }
    const mounts = this.mounts(m, 'backing', dataVolume);
    const patches = this.containerPatches(m, BACKING_DEFAULTS, true);
    for (const k of ['replicas', 'update_config', 'rollback_config', 'placement', 'mode', 'endpoint_mode', 'labels', 'restart_policy']) {
      if (def.deploy?.[k] !== undefined && !(k === 'replicas' && def.deploy.replicas === 1)) this.warn(m, ['deploy', k], `is not mapped: a backing service is one pod of a StatefulSet (got ${JSON.stringify(def.deploy[k])})`);
    }
    for (const k of Object.keys(def.deploy ?? {})) {
      if (!['replicas', 'update_config', 'rollback_config', 'placement', 'mode', 'endpoint_mode', 'labels', 'restart_policy', 'resources'].includes(k) && !k.startsWith('x-')) this.warn(m, ['deploy', k], 'is not mapped');
    }
    const annotations = this.annotations(m);
    this.commonWarnings(m, handled);
    this.flushWarnings(m);

    const v = this.program.declare(m.name, this.stack.method('addBackingService', m.name, options));
    m.variable = v;
    const sts = v.get('statefulSet');
    for (const vol of mounts.volumes) {
      this.program.add((vol.volume as Expr).method('mountContainer', sts.get('containers').get(0), vol.path, vol.readOnly ? { readOnly: true } : undefined));
    }
    this.emitMounts(m, v, sts.get('containers').get(0), mounts.others);
    this.emitAnnotations(sts, annotations);
    if (patches.length > 0) this.program.add(Expr.sym('ApiObject').method('of', sts).method('addJsonPatch', ...patches));
    this.emitAliases(m, sts, port.target);
  }

  private image(m: Mapped): string {
    const def = m.svc.def;
    if (def.image === undefined) {
      const image = `${m.name}:${this.options.defaultImageTag ?? 'dev'}`;
      this.warn(m, ['build'], `gives no image: the image is named "${image}" (Skaffold builds it and replaces the tag); add image: to push it elsewhere`);
      return image;
    }
    const image = String(def.image);
    const last = image.split('/').pop()!;
    if (!last.includes(':') && !image.includes('@') && this.options.defaultImageTag === undefined) {
      throw composeError(m.svc.where(['image']), {
        key: m.svc.key(['image']),
        rule: 'must have a tag or digest: Kubernetes must pull the same build on every node',
        value: image,
        fix: `pin a version ("${image}:1.0.0"), or pass defaultImageTag (--image-tag) for untagged images`,
      });
    }
    if (/:latest$/.test(image)) {
      throw composeError(m.svc.where(['image']), {
        key: m.svc.key(['image']),
        rule: 'must not use the tag "latest": a rollout cannot tell two latest builds apart',
        value: image,
        fix: 'tag each build with its version; with image: name:${TAG:-latest}, set TAG in .env or the environment',
      });
    }
    return image;
  }

  private buildContext(m: Mapped): string | undefined {
    const b = m.svc.def.build;
    for (const k of Object.keys(b)) {
      if (!['context', 'dockerfile'].includes(k) && !k.startsWith('x-')) {
        this.warn(m, ['build', k], `is not mapped (got ${JSON.stringify(b[k])}): the stack keeps the build context and Dockerfile for Skaffold; add it to skaffold.yaml's docker artifact`);
      }
    }
    if (/^[a-z]+:\/\//.test(b.context) || b.context.startsWith('git@')) {
      this.warn(m, ['build', 'context'], 'is a remote context and is not mapped: Skaffold builds local folders');
      return undefined;
    }
    const rel = relative(this.options.buildContextRoot ?? this.project.directory, b.context).split('\\').join('/');
    return rel === '' ? '.' : rel;
  }

  private exposure(m: Mapped, port: PortForm): { exposure?: Expr; routes?: unknown[] } {
    const mode = this.options.publishedPorts ?? PublishedPortExposure.GATEWAY;
    const explicitRoute = this.options.routes?.[m.svc.name];
    const published = port.published;
    const se = Expr.sym('ServiceExposure');
    let exposure: Expr | undefined = port.target !== 80 ? se.method('clusterIp', { ports: [{ port: port.target }] }) : undefined;
    let routes: unknown[] | undefined;
    if (explicitRoute !== undefined || (published !== undefined && mode === PublishedPortExposure.GATEWAY)) {
      const path = explicitRoute ?? `/${m.name}`;
      routes = [path === '/' ? { path } : { path, rewritePrefix: '/' }];
    }
    if (published !== undefined && mode === PublishedPortExposure.NODE_PORT) {
      const inRange = published >= 30000 && published <= 32767;
      if (!inRange) this.warn(m, ['ports'], `published port ${published} is outside 30000-32767, so Kubernetes picks the node port; publish a port in that range to pin it`);
      exposure = se.method('nodePort', inRange ? published : undefined, { ports: [{ port: port.target }] });
    }
    if (published !== undefined && mode === PublishedPortExposure.LOAD_BALANCER) {
      exposure = se.method('loadBalancer', {
        ports: published === port.target ? [{ port: port.target }] : [{ port: port.target, name: 'http' }, { port: published, targetPort: port.target, name: 'published' }],
      });
    }
    return { exposure, routes };
  }

  private dependencies(m: Mapped): Array<{ target: string; condition: string; service: string }> {
    const out: Array<{ target: string; condition: string; service: string }> = [];
    for (const [dep, o] of Object.entries<any>(m.svc.def.depends_on ?? {})) {
      const target = this.mapped.get(dep);
      if (!target) continue; // an optional dependency left out by profiles (warned when loading)
      out.push({ target: target.name, condition: o.condition, service: dep });
      if (o.condition === 'service_completed_successfully') {
        this.warn(m, ['depends_on', dep, 'condition'], `service_completed_successfully is not mapped: "${dep}" runs as a long-running service; run one-off tasks as a Kubernetes Job before deploying`);
      }
      if (o.restart === true) this.warn(m, ['depends_on', dep, 'restart'], `is not mapped: Kubernetes does not restart "${m.name}" when "${target.name}" restarts`);
    }
    for (const [i, link] of (m.svc.def.links ?? []).entries()) {
      const [service, alias] = String(link).split(':');
      const target = this.mapped.get(service);
      if (!target) {
        throw composeError(m.svc.where(['links', i]), { key: m.svc.key(['links', i]), rule: 'names a service the compose files do not have', value: link, fix: `name one of ${[...this.mapped.keys()].join(', ')}` });
      }
      if (!out.some(d => d.target === target.name)) out.push({ target: target.name, condition: 'service_started', service });
      if (alias && alias !== service) this.warn(m, ['links', i], `alias "${alias}" is not mapped: call the service by its name "${target.name}"`);
    }
    return out;
  }

  // ---------------------------------------------------------------- health

  private healthChecks(m: Mapped, port: number): Expr | undefined {
    const hc = m.svc.def.healthcheck;
    if (!hc) {
      this.warn(m, [], `has no healthcheck: the probes default to ASP.NET Core's /alive (liveness) and /health (readiness) on port ${port}; add a healthcheck if the service has other endpoints`);
      return undefined;
    }
    const check = this.healthCheck(m, port);
    const hp = Expr.sym('HealthProbe');
    if (check.disabled) {
      this.warn(m, ['healthcheck'], `is disabled, but a Deployment of the stack needs probes: TCP socket probes on port ${port} check that the service accepts connections`);
      const tcp = this.defer(`${m.name}-probe`, hp.method('tcpSocket', { period: Expr.sym('Duration').method('seconds', 10) }));
      return Expr.sym('HealthChecks').method('of', { liveness: tcp, readiness: tcp });
    }
    const probe = (timing: { period: number; timeout: number; failureThreshold: number }) => {
      const o: { [key: string]: unknown } = {
        period: Expr.sym('Duration').method('seconds', timing.period),
        timeout: Expr.sym('Duration').method('seconds', timing.timeout),
      };
      if (timing.failureThreshold !== 3) o.failureThreshold = timing.failureThreshold;
      if (check.http) {
        const h = check.http;
        const http: { [key: string]: unknown } = {};
        if (h.port !== port) http.port = h.port;
        if (h.scheme === 'HTTPS') http.scheme = Expr.sym('kplus').get('ConnectionScheme').get('HTTPS');
        if (h.headers) http.headers = h.headers;
        return hp.method('httpGet', h.path, { ...http, ...o });
      }
      return hp.method('exec', check.command, o);
    };
    const main = this.defer(`${m.name}-probe`, probe({ period: check.interval, timeout: check.timeout, failureThreshold: check.retries }));
    const probes: { [key: string]: unknown } = { liveness: main, readiness: main };
    if (check.startPeriod > 0) {
      const period = check.startInterval ?? check.interval;
      // Failures during start_period do not count in compose: give the startup probe that long, plus the retries.
      const failureThreshold = Math.ceil(check.startPeriod / period) + check.retries;
      probes.startup = probe({ period, timeout: Math.min(check.timeout, period), failureThreshold });
    }
    return Expr.sym('HealthChecks').method('of', probes);
  }

  private backingProbes(m: Mapped, port: number): { readiness: Expr; liveness: Expr } | undefined {
    const hc = m.svc.def.healthcheck;
    if (!hc) return undefined;
    const check = this.healthCheck(m, port);
    if (check.disabled) {
      this.warn(m, ['healthcheck'], `is disabled: the backing service keeps its TCP socket probes on port ${port}`);
      return undefined;
    }
    const kp = Expr.sym('kplus').get('Probe');
    const seconds = (n: number) => Expr.sym('Duration').method('seconds', n);
    const probe = (initialDelay: number) => {
      const o: { [key: string]: unknown } = { periodSeconds: seconds(check.interval), timeoutSeconds: seconds(check.timeout) };
      if (check.retries !== 3) o.failureThreshold = check.retries;
      if (initialDelay > 0) o.initialDelaySeconds = seconds(initialDelay);
      if (check.http && !check.http.headers) {
        return kp.method('fromHttpGet', check.http.path, { port: check.http.port, ...check.http.scheme === 'HTTPS' ? { scheme: Expr.sym('kplus').get('ConnectionScheme').get('HTTPS') } : {}, ...o });
      }
      return kp.method('fromCommand', check.command ?? httpCommand(check.http!), o);
    };
    if (check.startInterval !== undefined) this.warn(m, ['healthcheck', 'start_interval'], 'is not mapped: a backing service has no startup probe; the liveness probe waits start_period instead');
    const readiness = this.defer(`${m.name}-probe`, probe(0));
    return { readiness, liveness: check.startPeriod > 0 ? probe(check.startPeriod) : readiness };
  }

  private healthCheck(m: Mapped, port: number): HealthCheck {
    const svc = m.svc;
    const hc = svc.def.healthcheck;
    for (const k of Object.keys(hc)) {
      if (!['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'].includes(k) && !k.startsWith('x-')) this.warn(m, ['healthcheck', k], 'is not mapped');
    }
    const test = hc.test;
    const disabled = hc.disable === true || (Array.isArray(test) && test[0] === 'NONE');
    const seconds = (key: string, fallback: number | undefined): number | undefined => {
      if (hc[key] === undefined) return fallback;
      const s = parseDuration(hc[key]);
      if (typeof s === 'string') {
        throw composeError(svc.where(['healthcheck', key]), { key: svc.key(['healthcheck', key]), rule: s, value: hc[key], fix: 'write a Go duration such as 10s or 1m30s' });
      }
      const whole = Math.max(1, Math.ceil(s));
      if (whole !== s && s > 0) this.warn(m, ['healthcheck', key], `${hc[key]} is rounded up to ${whole}s: probes count in whole seconds`);
      return s === 0 ? 0 : whole;
    };
    const interval = seconds('interval', HEALTH_DEFAULTS.interval)!;
    const timeout = seconds('timeout', HEALTH_DEFAULTS.timeout)!;
    const startPeriod = seconds('start_period', 0)!;
    const startInterval = seconds('start_interval', undefined);
    const retries = hc.retries ?? HEALTH_DEFAULTS.retries;
    if (!disabled && timeout > interval) {
      throw composeError(svc.where(['healthcheck', 'timeout']), {
        key: svc.key(['healthcheck', 'timeout']),
        rule: `must not be longer than the interval (${interval}s): Kubernetes starts the next probe before this one ends`,
        value: hc.timeout ?? `${HEALTH_DEFAULTS.timeout}s (the compose default)`,
        fix: 'shorten timeout or lengthen interval',
      });
    }
    if (!Number.isInteger(retries) || retries < 1) {
      throw composeError(svc.where(['healthcheck', 'retries']), { key: svc.key(['healthcheck', 'retries']), rule: 'must be a whole number of at least 1', value: retries, fix: 'use 3, the compose default' });
    }
    const base = { disabled, interval, timeout: timeout === 0 ? 1 : timeout, retries, startPeriod, startInterval };
    if (disabled) return base;
    if (test === undefined) {
      throw composeError(svc.where(['healthcheck']), { key: svc.key(['healthcheck', 'test']), rule: 'is required (the image\'s HEALTHCHECK cannot be read from here)', value: undefined, fix: 'add test: ["CMD", "curl", "-f", "http://localhost:8080/health"] or disable: true' });
    }
    let command: string[];
    let words: string[] | undefined;
    if (Array.isArray(test) && test[0] === 'CMD') {
      command = test.slice(1).map(String);
      words = command;
    } else {
      const shell = Array.isArray(test) ? (test[0] === 'CMD-SHELL' ? test.slice(1) : test).join(' ') : String(test);
      command = ['/bin/sh', '-c', shell];
      const split = shellSplit(shell);
      words = typeof split === 'string' ? undefined : split;
    }
    const http = words ? httpCheck(words, [m.svc.name, m.name, ...m.aliases, m.svc.def.hostname].filter(x => typeof x === 'string')) : undefined;
    if (http && http.port !== port) {
      this.warn(m, ['healthcheck', 'test'], `calls port ${http.port}, which is not the service's port ${port}: it stays a command probe, which needs ${words![0]} in the image`);
      return { ...base, command };
    }
    return http ? { ...base, http } : { ...base, command };
  }

  // ---------------------------------------------------------------- mounts

  private mounts(m: Mapped, kind: 'micro' | 'backing', dataVolume?: string): { volumes: Array<{ [key: string]: unknown }>; others: MountPlan[]; fileHosts: string[] } {
    const svc = m.svc;
    const volumes: Array<{ [key: string]: unknown }> = [];
    const others: MountPlan[] = [];
    const fileHosts: string[] = [];
    (svc.def.volumes ?? []).forEach((v: any, i: number) => {
      const key = ['volumes', i];
      if (v.__invalid) {
        throw composeError(svc.where(key), { key: svc.key(key), rule: v.__invalid, value: v.__raw, fix: 'write SOURCE:TARGET[:ro], such as "catalog-data:/data" or "./appsettings.json:/app/appsettings.json:ro"' });
      }
      const mount = v as MountForm & { written?: string };
      for (const opt of mount.ignored) this.warn(m, key, `option ${opt} is not mapped`);
      if (mount.type === 'volume' && mount.source) {
        if (!this.project.volumes.has(mount.source)) {
          throw composeError(svc.where(key), {
            key: svc.key(key),
            rule: 'names a volume the top-level volumes do not declare',
            value: mount.source,
            fix: `declare it under volumes: (volumes: { ${mount.source}: {} }), or write ./${mount.source} for a folder of the project${suggestion(mount.source, this.project.volumes.keys())}`,
          });
        }
        if (mount.source === dataVolume) return;
        const vol = this.volumeVars.get(mount.source);
        if (vol) {
          volumes.push({ volume: vol, path: mount.target, readOnly: mount.readOnly || undefined, subPath: mount.subPath });
        } else {
          // A claim created outside the app.
          const def = this.project.volumes.get(mount.source)!.def;
          others.push({ kind: 'claim', target: mount.target, readOnly: mount.readOnly, claim: def.name ?? mount.source, subPath: mount.subPath });
        }
        return;
      }
      if (mount.type === 'volume') {
        this.warn(m, key, `anonymous volume at ${mount.target} becomes an emptyDir: its data is lost with the pod; name the volume to keep it`);
        others.push({ kind: 'emptyDir', target: mount.target });
        return;
      }
      if (mount.type === 'tmpfs') return; // with the tmpfs key, below
      if (mount.type !== 'bind') {
        this.warn(m, key, `of type ${mount.type} is not mapped`);
        return;
      }
      const written = mount.written ?? mount.source ?? '';
      const source = (mount.source ?? '').replace(/^~(?=$|[\\/])/, homedir());
      if (DEV_FOLDERS.some(re => re.test(source))) {
        this.warn(m, key, `"${written}" is a development folder (user secrets, certificates, sockets) and is not mapped: in Kubernetes pass secrets with SecretValue.fromSecret and certificates as a TLS Secret`);
        return;
      }
      if (!existsSync(source)) {
        this.warn(m, key, `"${written}" does not exist on this machine and is not mapped: create the file to have it mounted from a ConfigMap`);
        return;
      }
      if (statSync(source).isDirectory()) {
        this.warn(m, key, `"${written}" is a folder and is not mapped: bake it into the image, or use a named volume`);
        return;
      }
      const buffer = readFileSync(source);
      if (buffer.length > 1000000) {
        this.warn(m, key, `"${written}" is larger than a ConfigMap can hold (1 MB) and is not mapped: bake it into the image`);
        return;
      }
      if (buffer.includes(0)) {
        this.warn(m, key, `"${written}" is a binary file and is not mapped: bake it into the image`);
        return;
      }
      const text = buffer.toString('utf-8');
      for (const [host, target] of this.hosts) {
        if (target !== m.name && !fileHosts.includes(target) && hostPattern(host).test(text)) {
          fileHosts.push(target);
          if (this.renamedHosts.has(host)) this.warn(m, key, `"${written}" names the host "${host}", which is "${this.renamedHosts.get(host)}" in Kubernetes: edit the file`);
        }
      }
      if (!mount.readOnly) this.warn(m, key, `"${written}" is mounted read-only from a ConfigMap (a ConfigMap cannot be written)`);
      others.push({ kind: 'file', target: mount.target, file: source });
    });
    for (const path of this.tmpfsPaths(m)) {
      if (kind === 'micro' && path !== '/tmp') others.push({ kind: 'tmpfs', target: path, size: this.tmpfsSize(m, path) });
    }
    for (const section of ['secrets', 'configs'] as const) {
      (svc.def[section] ?? []).forEach((e: any, i: number) => {
        for (const k of ['uid', 'gid', 'mode']) if (e[k] !== undefined) this.warn(m, [section, i, k], 'is not mapped: the files are readable by the pod\'s user');
        const target = section === 'secrets'
          ? (e.target?.startsWith('/') ? e.target : `/run/secrets/${e.target ?? e.source}`)
          : (e.target ?? `/${e.source}`);
        others.push({ kind: section === 'secrets' ? 'secret' : 'config', target, object: e.source });
      });
    }
    return { volumes, others, fileHosts };
  }

  private tmpfsPaths(m: Mapped): string[] {
    const fromKey = stringOrList(m.svc.def.tmpfs).map(t => t.split(':')[0]);
    const fromVolumes = (m.svc.def.volumes ?? []).filter((v: any) => v.type === 'tmpfs').map((v: any) => v.target);
    return [...new Set([...fromKey, ...fromVolumes])];
  }

  private tmpfsSize(m: Mapped, path: string): number | undefined {
    for (const t of stringOrList(m.svc.def.tmpfs)) {
      const [p, opts] = t.split(':');
      const size = /(?:^|,)size=([^,]+)/.exec(opts ?? '')?.[1];
      if (p === path && size) {
        const bytes = parseBytes(size);
        if (typeof bytes === 'number') return bytes;
      }
    }
    return (m.svc.def.volumes ?? []).find((v: any) => v.type === 'tmpfs' && v.target === path)?.tmpfsSize;
  }

  private emitMounts(m: Mapped, owner: Expr, container: Expr, mounts: MountPlan[]): void {
    const kplus = Expr.sym('kplus');
    const files = mounts.filter(x => x.kind === 'file');
    let filesVolume: Expr | undefined;
    const keys = new Map<string, string>();
    if (files.length > 0) {
      const data: { [key: string]: Expr } = {};
      for (const f of files) {
        let k = configKey(basename(f.file!));
        for (let i = 2; k in data; i++) k = `${configKey(basename(f.file!))}-${i}`;
        data[k] = Expr.file(f.file!);
        keys.set(f.target, k);
      }
      const cm = this.program.declare(`${m.name}-files`, kplus.get('ConfigMap').construct(owner, 'Files', { metadata: { name: `${m.name}-files` }, data }));
      filesVolume = this.program.declare(`${m.name}-files-volume`, kplus.get('Volume').method('fromConfigMap', owner, 'FilesVolume', cm, { name: 'files' }));
    }
    let n = 0;
    for (const x of mounts) {
      switch (x.kind) {
        case 'file':
          this.program.add(container.method('mount', x.target, filesVolume, { subPath: keys.get(x.target), readOnly: true }));
          break;
        case 'tmpfs':
        case 'emptyDir': {
          const name = `${x.kind === 'tmpfs' ? 'tmpfs' : 'scratch'}-${n++}`;
          const o: { [key: string]: unknown } = x.kind === 'tmpfs' ? { medium: kplus.get('EmptyDirMedium').get('MEMORY') } : {};
          if (x.size !== undefined) o.sizeLimit = sizeExpr(x.size);
          this.program.add(container.method('mount', x.target, kplus.get('Volume').method('fromEmptyDir', owner, name, name, Object.keys(o).length > 0 ? o : undefined)));
          break;
        }
        case 'claim': {
          const claim = kplus.get('PersistentVolumeClaim').method('fromClaimName', owner, `claim-${toDns1035Label(x.claim!)}`, x.claim);
          const name = `claim-${toDns1035Label(x.claim!)}`;
          this.program.add(container.method('mount', x.target, kplus.get('Volume').method('fromPersistentVolumeClaim', owner, `${name}-volume`, claim, { name }), {
            readOnly: x.readOnly || undefined, subPath: x.subPath,
          }));
          break;
        }
        case 'secret':
        case 'config': {
          const section = x.kind === 'secret' ? 'secrets' : 'configs';
          const obj = this.objectVars.get(`${section}/${x.object}`)!;
          const name = `${x.kind}-${toDns1035Label(x.object!)}`;
          const volume = x.kind === 'secret'
            ? kplus.get('Volume').method('fromSecret', owner, name, obj, { name })
            : kplus.get('Volume').method('fromConfigMap', owner, name, obj, { name });
          this.program.add(container.method('mount', x.target, volume, { subPath: configKey(x.object!), readOnly: true }));
          break;
        }
      }
    }
  }

  /** Compose labels and annotations become pod annotations (label values are too free for Kubernetes labels). */
  private annotations(m: Mapped): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const key of ['labels', 'annotations']) {
      for (const [k, v] of Object.entries<any>(m.svc.def[key] ?? {})) {
        if (!qualifiedName(k)) this.warn(m, [key, k], `is not mapped: "${k}" is not a valid Kubernetes annotation key`);
        else out.push([k, String(v ?? '')]);
      }
    }
    return out;
  }

  private emitAnnotations(workload: Expr, annotations: Array<[string, string]>): void {
    for (const [k, v] of annotations) this.program.add(workload.get('podMetadata').method('addAnnotation', k, v));
  }

  /** `service_healthy` dependencies: an init container waits until the dependency accepts connections. */
  private emitWaits(workload: Expr, deps: Array<{ target: string; condition: string; service: string }>): void {
    for (const d of deps) {
      if (d.condition !== 'service_healthy') continue;
      const target = this.mapped.get(d.service)!;
      if (target.kind === 'external') continue;
      if (!this.waitDefaults) {
        const kplus = Expr.sym('kplus');
        this.program.comment('How init containers that wait for a dependency run: restricted Pod Security, tiny resources.');
        const security = this.program.declare('wait-security', Expr.of({
          ensureNonRoot: true,
          user: 65534,
          group: 65534,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: [kplus.get('Capability').get('ALL')] },
          seccompProfile: { type: kplus.get('SeccompProfileType').get('RUNTIME_DEFAULT') },
        }));
        const resources = this.program.declare('wait-resources', Expr.of({
          cpu: { request: kplus.get('Cpu').method('millis', 10), limit: kplus.get('Cpu').method('millis', 100) },
          memory: { request: Expr.sym('Size').method('mebibytes', 16), limit: Expr.sym('Size').method('mebibytes', 32) },
        }));
        this.waitDefaults = { security, resources };
      }
      const port = target.port!.target;
      this.program.comment(`depends_on ${d.service}: service_healthy. Kubernetes starts pods in any order: wait until ${target.name} accepts connections.`);
      this.program.add(workload.method('addInitContainer', {
        name: `wait-for-${target.name}`.slice(0, 63).replace(/-+$/, ''),
        image: 'busybox:1.36',
        command: ['sh', '-c', `until nc -z -w 2 ${target.name} ${port}; do echo waiting for ${target.name}; sleep 2; done`],
        securityContext: this.waitDefaults.security,
        resources: this.waitDefaults.resources,
      }));
    }
  }

  private emitAliases(m: Mapped, workload: Expr, port: number): void {
    for (const alias of m.aliases) {
      this.program.comment(`${alias}: another name of ${m.name} (hostname, container_name or a network alias)`);
      this.program.add(Expr.sym('kplus').get('Service').construct(this.stack, `alias-${alias}`, {
        metadata: { name: alias },
        selector: workload,
        ports: [{ port, targetPort: port, name: m.kind === 'micro' ? 'http' : 'tcp' }],
      }));
    }
  }

  // ---------------------------------------------------------------- container and deployment settings

  private user(m: Mapped, fallback?: number): number | undefined {
    const user = m.svc.def.user;
    if (user === undefined) return fallback;
    const [u, g] = String(user).split(':');
    if (!/^\d+$/.test(u)) {
      this.warn(m, ['user'], `"${user}" is not mapped: Kubernetes needs a numeric user${u === 'app' ? ' (the .NET 8 images\' "app" user is 1654)' : ''}; write user: "<uid>"`);
      return fallback;
    }
    if (Number(u) === 0) {
      this.warn(m, ['user'], 'root is not mapped: restricted Pod Security runs containers as non-root; build the image to run as a non-root user');
      return fallback;
    }
    if (g !== undefined && g !== u) this.warn(m, ['user'], `group ${g} is not mapped: a backing service runs with group ${u}`);
    return Number(u);
  }

  /** JSON patches of the first container: command, resources, user, capabilities, working dir, pull policy. */
  private containerPatches(m: Mapped, defaults: typeof DEPLOYMENT_DEFAULTS, backing = false): Expr[] {
    const def = m.svc.def;
    const jp = Expr.sym('JsonPatch');
    const patches: Expr[] = [];
    const words = (key: string): string[] | undefined => {
      const v = def[key];
      if (v === undefined || v === null) return undefined;
      if (Array.isArray(v)) return v.map(String);
      const split = shellSplit(String(v));
      if (typeof split === 'string') throw composeError(m.svc.where([key]), { key: m.svc.key([key]), rule: split, value: v, fix: 'close the quote, or write the command as a list' });
      return split;
    };
    const entrypoint = words('entrypoint');
    const command = words('command');
    if (entrypoint !== undefined) patches.push(jp.method('add', `${CONTAINER}/command`, entrypoint));
    if (command !== undefined) patches.push(jp.method('add', `${CONTAINER}/args`, command));

    const resources = this.resources(m, defaults);
    if (resources) patches.push(jp.method('add', `${CONTAINER}/resources`, resources));

    if (!backing && def.user !== undefined) {
      const [u, g] = String(def.user).split(':');
      if (!/^\d+$/.test(u) || (g !== undefined && !/^\d+$/.test(g))) {
        this.warn(m, ['user'], `"${def.user}" is not mapped: Kubernetes needs a numeric user${u === 'app' ? ' (the .NET 8 images\' "app" user is 1654)' : ''}; write user: "<uid>[:<gid>]"`);
      } else if (Number(u) === 0) {
        this.warn(m, ['user'], 'root is not mapped: restricted Pod Security runs containers as non-root; build the image to run as a non-root user');
      } else {
        patches.push(jp.method('add', `${CONTAINER}/securityContext/runAsUser`, Number(u)));
        if (g !== undefined) patches.push(jp.method('add', `${CONTAINER}/securityContext/runAsGroup`, Number(g)));
      }
    }
    const added = stringOrList(def.cap_add).map(c => c.toUpperCase().replace(/^CAP_/, ''));
    if (added.includes('NET_BIND_SERVICE')) patches.push(jp.method('add', `${CONTAINER}/securityContext/capabilities/add`, ['NET_BIND_SERVICE']));
    const refused = added.filter(c => c !== 'NET_BIND_SERVICE');
    if (refused.length > 0) this.warn(m, ['cap_add'], `${refused.join(', ')} ${refused.length > 1 ? 'are' : 'is'} not mapped: restricted Pod Security allows adding NET_BIND_SERVICE only`);
    if (def.read_only === false) this.warn(m, ['read_only'], 'false is not mapped: the root filesystem stays read-only (restricted default) with /tmp writable; add tmpfs: entries for other paths the service writes');
    if (def.privileged === true) this.warn(m, ['privileged'], 'is not mapped: restricted Pod Security forbids privileged containers');
    for (const k of ['init', 'tty', 'stdin_open']) if (def[k] === true) this.warn(m, [k], 'is not mapped: Kubernetes runs the container without it');
    if (def.working_dir !== undefined) patches.push(jp.method('add', `${CONTAINER}/workingDir`, String(def.working_dir)));
    const pull = def.pull_policy;
    if (pull !== undefined && pull !== 'always') {
      patches.push(jp.method('add', `${CONTAINER}/imagePullPolicy`, pull === 'never' ? 'Never' : 'IfNotPresent'));
    }
    if (def.stop_grace_period !== undefined) {
      const s = parseDuration(def.stop_grace_period);
      if (typeof s === 'string') throw composeError(m.svc.where(['stop_grace_period']), { key: m.svc.key(['stop_grace_period']), rule: s, value: def.stop_grace_period, fix: 'write a duration such as 30s' });
      patches.push(jp.method('add', '/spec/template/spec/terminationGracePeriodSeconds', Math.ceil(s)));
    }
    const hostAliases = new Map<string, string[]>();
    for (const [host, ip] of Object.entries<any>(def.extra_hosts ?? {})) {
      const addr = String(ip).replace(/^\[|\]$/g, '');
      if (!isIpAddress(addr)) {
        this.warn(m, ['extra_hosts', host], `${ip} is not mapped: a host alias needs an IP address (host-gateway has no meaning in a cluster); use an ExternalName (externals option) for a DNS name`);
        continue;
      }
      hostAliases.set(addr, [...hostAliases.get(addr) ?? [], host]);
    }
    if (hostAliases.size > 0) patches.push(jp.method('add', '/spec/template/spec/hostAliases', [...hostAliases].map(([ip, hostnames]) => ({ ip, hostnames }))));
    if (def.platform !== undefined) {
      const [os, arch] = String(def.platform).split('/');
      const selector: { [k: string]: string } = { 'kubernetes.io/os': os };
      if (arch) selector['kubernetes.io/arch'] = arch;
      patches.push(jp.method('add', '/spec/template/spec/nodeSelector', selector));
    }
    const restart = def.restart;
    if (restart !== undefined && !['always', 'unless-stopped'].includes(String(restart))) {
      this.warn(m, ['restart'], `${restart} is not mapped: the pods of a ${backing ? 'StatefulSet' : 'Deployment'} always restart; run one-off tasks as a Kubernetes Job`);
    }
    const rp = def.deploy?.restart_policy;
    if (rp) {
      for (const k of Object.keys(rp)) {
        if (!(k === 'condition' && rp.condition === 'any')) this.warn(m, ['deploy', 'restart_policy', k], `is not mapped (got ${JSON.stringify(rp[k])}): the pods of a ${backing ? 'StatefulSet' : 'Deployment'} always restart, with Kubernetes' back-off`);
      }
    }
    const reservations = def.deploy?.resources?.reservations ?? {};
    for (const k of Object.keys(reservations)) if (!['cpus', 'memory'].includes(k)) this.warn(m, ['deploy', 'resources', 'reservations', k], 'is not mapped');
    for (const k of Object.keys(def.deploy?.resources?.limits ?? {})) if (!['cpus', 'memory'].includes(k)) this.warn(m, ['deploy', 'resources', 'limits', k], 'is not mapped');
    for (const k of Object.keys(def.deploy?.resources ?? {})) if (!['limits', 'reservations'].includes(k)) this.warn(m, ['deploy', 'resources', k], 'is not mapped');
    return patches;
  }

  private resources(m: Mapped, d: typeof DEPLOYMENT_DEFAULTS): { limits: { [key: string]: Expr }; requests: { [key: string]: Expr } } | undefined {
    const def = m.svc.def;
    const r = def.deploy?.resources ?? {};
    const cpu = (value: unknown, key: Array<string | number>): number | undefined => {
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw composeError(m.svc.where(key), { key: m.svc.key(key), rule: 'must be a number of CPUs above 0', value, fix: 'write a number such as 0.5' });
      return Math.max(1, Math.round(n * 1000));
    };
    const memory = (value: unknown, key: Array<string | number>): number | undefined => {
      if (value === undefined) return undefined;
      const n = parseBytes(value);
      if (typeof n === 'string' || n <= 0) throw composeError(m.svc.where(key), { key: m.svc.key(key), rule: typeof n === 'string' ? n : 'must be above 0', value, fix: 'write a size such as 512M' });
      return n;
    };
    const limitCpu = cpu(r.limits?.cpus, ['deploy', 'resources', 'limits', 'cpus']) ?? cpu(def.cpus, ['cpus']);
    const limitMemory = memory(r.limits?.memory, ['deploy', 'resources', 'limits', 'memory']) ?? memory(def.mem_limit, ['mem_limit']);
    const requestCpu = cpu(r.reservations?.cpus, ['deploy', 'resources', 'reservations', 'cpus']);
    const requestMemory = memory(r.reservations?.memory, ['deploy', 'resources', 'reservations', 'memory']) ?? memory(def.mem_reservation, ['mem_reservation']);
    if ([limitCpu, limitMemory, requestCpu, requestMemory].every(x => x === undefined)) return undefined;
    const lc = limitCpu ?? Math.max(d.cpuLimit, requestCpu ?? 0);
    const rc = requestCpu ?? Math.min(d.cpuRequest, lc);
    const lm = limitMemory ?? Math.max(d.memoryLimit, requestMemory ?? 0);
    const rm = requestMemory ?? Math.min(d.memoryRequest, lm);
    if (rc > lc || rm > lm) {
      throw composeError(m.svc.where(['deploy', 'resources', 'reservations']), {
        key: m.svc.key(['deploy', 'resources', 'reservations']),
        rule: 'must not be above the limits: Kubernetes rejects a request above its limit',
        value: r.reservations,
        fix: 'lower the reservations or raise the limits',
      });
    }
    // The Deployment is a typed KubeDeployment: its patched quantities must be kplus.k8s.Quantity values.
    const q = (text: string) => Expr.sym('kplus').get('k8s').get('Quantity').method('fromString', text);
    return { limits: { cpu: q(`${lc}m`), memory: q(memoryText(lm)) }, requests: { cpu: q(`${rc}m`), memory: q(memoryText(rm)) } };
  }

  private deploymentPatches(m: Mapped, patches: Expr[]): void {
    const deploy = m.svc.def.deploy ?? {};
    const jp = Expr.sym('JsonPatch');
    const u = deploy.update_config;
    if (u) {
      const p = u.parallelism ?? 1;
      const step = p === 0 ? '100%' : p;
      const startFirst = (u.order ?? 'stop-first') === 'start-first';
      // Typed like resources: IntOrString values.
      const ios = (v: number | string) => Expr.sym('kplus').get('k8s').get('IntOrString').method(typeof v === 'number' ? 'fromNumber' : 'fromString', v);
      patches.push(jp.method('add', '/spec/strategy/rollingUpdate', startFirst ? { maxSurge: ios(step), maxUnavailable: ios(0) } : { maxSurge: ios(0), maxUnavailable: ios(step) }));
      if (u.delay !== undefined) {
        const s = parseDuration(u.delay);
        if (typeof s === 'string') throw composeError(m.svc.where(['deploy', 'update_config', 'delay']), { key: m.svc.key(['deploy', 'update_config', 'delay']), rule: s, value: u.delay, fix: 'write a duration such as 10s' });
        patches.push(jp.method('add', '/spec/minReadySeconds', Math.ceil(s)));
      }
      if (u.failure_action === 'rollback') this.warn(m, ['deploy', 'update_config', 'failure_action'], 'rollback is not mapped: Kubernetes stops a failing rollout but does not undo it; run kubectl rollout undo');
      else if (u.failure_action === 'continue') this.warn(m, ['deploy', 'update_config', 'failure_action'], 'continue is not mapped: Kubernetes stops a rollout whose new pods do not become ready');
      for (const k of ['monitor', 'max_failure_ratio']) if (u[k] !== undefined) this.warn(m, ['deploy', 'update_config', k], 'is not mapped: a rollout waits for readiness probes instead');
      for (const k of Object.keys(u)) if (!['parallelism', 'order', 'delay', 'failure_action', 'monitor', 'max_failure_ratio'].includes(k) && !k.startsWith('x-')) this.warn(m, ['deploy', 'update_config', k], 'is not mapped');
      if (!startFirst && p !== 0 && (u.order ?? 'stop-first') === 'stop-first') {
        this.warn(m, ['deploy', 'update_config', 'order'], 'stop-first is mapped as maxSurge 0: the service loses capacity during a rollout; start-first keeps it (the stack\'s default)');
      }
    }
    if (deploy.rollback_config !== undefined) this.warn(m, ['deploy', 'rollback_config'], 'is not mapped: kubectl rollout undo rolls back with the update strategy');
    if (deploy.mode === 'global') this.warn(m, ['deploy', 'mode'], 'global is not mapped: one pod per node is a DaemonSet; the service runs as a Deployment');
    for (const k of ['placement', 'endpoint_mode', 'labels']) if (deploy[k] !== undefined) this.warn(m, ['deploy', k], `is not mapped (got ${JSON.stringify(deploy[k])})`);
    for (const k of Object.keys(deploy)) {
      if (!['replicas', 'resources', 'update_config', 'rollback_config', 'mode', 'placement', 'endpoint_mode', 'labels', 'restart_policy'].includes(k) && !k.startsWith('x-')) this.warn(m, ['deploy', k], 'is not mapped');
    }
    if (deploy.replicas !== undefined && m.svc.def.scale !== undefined) this.warn(m, ['scale'], 'is not mapped: deploy.replicas wins');
  }

  /** Every service key that neither mapping handles is named in a warning. */
  private commonWarnings(m: Mapped, handled: Set<string>): void {
    const def = m.svc.def;
    for (const [net, cfg] of Object.entries<any>(def.networks ?? {})) {
      for (const k of Object.keys(cfg ?? {})) {
        if (k !== 'aliases' && !k.startsWith('x-')) this.warn(m, ['networks', net, k], `is not mapped: pods get their addresses from the cluster (got ${JSON.stringify(cfg[k])})`);
      }
    }
    for (const key of Object.keys(def)) {
      if (handled.has(key) || key.startsWith('x-')) continue;
      this.warn(m, [key], `is not mapped${REASONS[key] ? `: ${REASONS[key]}` : ''} (got ${JSON.stringify(def[key])})`);
    }
  }

  // ---------------------------------------------------------------- warnings

  /** A warning about `key` of a service; `at` is where to point when it is more precise than the key. */
  private warn(m: Mapped, key: Array<string | number>, text: string, at?: Array<string | number>): void {
    m.warnings.push(warningLine(m.svc.where(at ?? key), m.svc.key(key), text));
  }

  /** Writes the service's warnings (as comments, and to the stack when run), then the variables its options use. */
  private flushWarnings(m: Mapped): void {
    const lines = [...m.warnings];
    this.program.hook(vars => {
      for (const w of lines) Warnings.of(vars.stack).add(w);
    });
    for (const w of lines) this.program.comment(`warning: ${w}`);
    for (const [variable, expr] of this.deferred) this.program.define(variable, expr);
    this.deferred = [];
  }

  private defer(preferred: string, expr: Expr): Expr {
    const variable = this.program.reserve(preferred);
    this.deferred.push([variable, expr]);
    return variable;
  }
}

/** Why keys with no Kubernetes equivalent are left out. */
const REASONS: { [key: string]: string } = {
  logging: 'pods log to stdout; the cluster\'s log collector takes it from there',
  dns: 'pods use the cluster DNS',
  dns_search: 'pods use the cluster DNS',
  dns_opt: 'pods use the cluster DNS',
  sysctls: 'restricted Pod Security allows no sysctls',
  ulimits: 'Kubernetes has no per-container ulimits',
  devices: 'restricted Pod Security allows no host devices',
  security_opt: 'restricted Pod Security sets seccomp RuntimeDefault',
  network_mode: 'pods share the cluster network',
  volumes_from: 'share a named volume instead',
  external_links: 'use an ExternalName (externals option)',
  develop: 'compose watch rules are for docker compose; use skaffold dev',
  stop_signal: 'Kubernetes sends SIGTERM',
  domainname: 'pods use the cluster DNS',
  ipc: 'restricted Pod Security forbids host IPC',
  pid: 'restricted Pod Security forbids host PID',
  cgroup_parent: 'the kubelet manages cgroups',
  group_add: 'add supplemental groups to the pod security context by hand',
  shm_size: 'mount an emptyDir with medium Memory at /dev/shm by hand',
};

interface MountPlan {
  readonly kind: 'file' | 'tmpfs' | 'emptyDir' | 'claim' | 'secret' | 'config';
  readonly target: string;
  readonly file?: string;
  readonly size?: number;
  readonly claim?: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
  readonly object?: string;
}

interface HealthCheck {
  readonly disabled: boolean;
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
  readonly startInterval?: number;
  readonly command?: string[];
  readonly http?: HttpCheck;
}

interface HttpCheck {
  readonly path: string;
  readonly port: number;
  readonly scheme: 'HTTP' | 'HTTPS';
  readonly headers?: { [name: string]: string };
}

/**
 * The HTTP GET behind a `curl` or `wget` health check of the service itself, when the command
 * is nothing more than that (`curl -f http://localhost:8080/hc || exit 1`).
 */
export function httpCheck(words: string[], ownNames: string[]): HttpCheck | undefined {
  let tokens = words;
  const or = tokens.indexOf('||');
  if (or >= 0) {
    const rest = tokens.slice(or + 1).join(' ');
    if (!['exit 1', 'exit', 'false'].includes(rest)) return undefined;
    tokens = tokens.slice(0, or);
  }
  if (tokens.some(t => ['&&', '|', ';', '>', '<'].includes(t))) return undefined;
  const tool = basename(tokens[0] ?? '');
  if (tool !== 'curl' && tool !== 'wget') return undefined;
  let url: string | undefined;
  const headers: { [name: string]: string } = {};
  const curlNoArg = /^(-[fsSLkqI46]+|--fail|--silent|--show-error|--location|--insecure|--head|--fail-with-body|--no-progress-meter)$/;
  const curlArg = /^(-o|--output|-m|--max-time|--connect-timeout|--retry|-X|--request|-w|--write-out|-H|--header|-A|--user-agent)$/;
  const wgetNoArg = /^(-q|--quiet|--spider|-nv|--no-verbose|--no-check-certificate|-qO-|-O-|-q--spider|--timeout=\d+|--tries=\d+|-T\d+|-t\d+)$/;
  const wgetArg = /^(-O|-qO|--output-document|-T|--timeout|-t|--tries|-U|--user-agent|--header)$/;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const noArg = tool === 'curl' ? curlNoArg : wgetNoArg;
    const withArg = tool === 'curl' ? curlArg : wgetArg;
    if (noArg.test(t) || /^--header=/.test(t)) {
      if (t.startsWith('--header=')) addHeader(headers, t.slice('--header='.length));
      continue;
    }
    if (withArg.test(t)) {
      const arg = tokens[++i];
      if (arg === undefined) return undefined;
      if ((t === '-X' || t === '--request') && !['GET', 'HEAD'].includes(arg.toUpperCase())) return undefined;
      if (t === '-H' || t === '--header') {
        if (!addHeader(headers, arg)) return undefined;
      }
      continue;
    }
    if (t.startsWith('-') || url !== undefined) return undefined;
    url = t;
  }
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const local = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1'];
  if (!local.includes(host) && !ownNames.map(n => n.toLowerCase()).includes(host)) return undefined;
  const scheme = parsed.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const p = parsed.port !== '' ? Number(parsed.port) : (scheme === 'HTTPS' ? 443 : 80);
  return { path: `${parsed.pathname}${parsed.search}` || '/', port: p, scheme, headers: Object.keys(headers).length > 0 ? headers : undefined };
}

function addHeader(headers: { [name: string]: string }, text: string): boolean {
  const colon = text.indexOf(':');
  if (colon <= 0) return false;
  headers[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
  return true;
}

function httpCommand(h: HttpCheck): string[] {
  return ['curl', '-f', `${h.scheme.toLowerCase()}://localhost:${h.port}${h.path}`];
}

/** The image's well-known client port, user and data folder, when it is a well-known stateful image. */
export function knownBacking(image: unknown): { port: number; uid: number; dataPath?: string } | undefined {
  if (typeof image !== 'string') return undefined;
  let repo = image.split('@')[0];
  const slash = repo.lastIndexOf('/');
  const colon = repo.lastIndexOf(':');
  if (colon > slash) repo = repo.slice(0, colon);
  const parts = repo.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  const path = parts.join('/').toLowerCase();
  for (const [re, port, uid, dataPath] of BACKING_IMAGES) {
    if (re.test(path)) return { port, uid: path.startsWith('bitnami/') ? 1001 : uid, dataPath };
  }
  return undefined;
}

/** Host names in a value: after start, "/", "@", "=", ",", ";", quotes or space; before end, ":", "/", ";", ",", "?", ")", quotes or space. */
function hostPattern(host: string): RegExp {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[/@=,;"'\\s])${escaped}(?=$|[:/;,?)"'\\s])`, 'gi');
}

/** Whether an environment variable holds a secret: by its name, or a password in its value. */
export function looksSecret(name: string, value: string): boolean {
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map(w => w.toLowerCase());
  if (words.some(w => SECRET_WORDS.has(w))) return true;
  if (/(^|;)\s*(password|pwd|accountkey|sharedaccesskey)\s*=/i.test(value)) return true;
  return /:\/\/[^/:@\s]+:[^/@\s]+@/.test(value);
}

/** The port ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS says the service listens on. */
function aspNetCorePort(env: Map<string, string>): number | undefined {
  const ports = env.get('ASPNETCORE_HTTP_PORTS') ?? env.get('HTTP_PORTS');
  if (ports && /^\d+/.test(ports)) return Number(/^\d+/.exec(ports)![0]);
  const urls = env.get('ASPNETCORE_URLS');
  const m = urls ? /http:\/\/[^:;/]+:(\d+)/.exec(urls) : null;
  if (m) return Number(m[1]);
  if (urls && /http:\/\/[^:;/]+(\/|;|$)/.test(urls)) return 80;
  return undefined;
}

/** The NFS server, export and mount options of a volume with `driver_opts: { type: nfs, o: addr=..., device: ... }`. */
function nfsOf(def: any): { server: string; path: string; mountOptions: string[] } | undefined {
  const o = def?.driver_opts;
  if (!o || !/^nfs4?$/.test(String(o.type ?? ''))) return undefined;
  const opts = String(o.o ?? '').split(',').map((x: string) => x.trim()).filter((x: string) => x !== '');
  const addr = opts.find((x: string) => x.startsWith('addr='))?.slice(5);
  const device = String(o.device ?? '');
  const colon = device.indexOf(':');
  const server = addr ?? (colon > 0 ? device.slice(0, colon) : undefined);
  const path = colon >= 0 ? device.slice(colon + 1) : device;
  if (!server || !path.startsWith('/')) return undefined;
  const mountOptions = opts.filter((x: string) => !x.startsWith('addr=') && x !== 'rw');
  if (o.type === 'nfs4' && !mountOptions.some((x: string) => x.startsWith('nfsvers=') || x.startsWith('vers='))) mountOptions.push('nfsvers=4');
  return { server, path, mountOptions };
}

/** A ConfigMap or Secret key from a file or object name. */
function configKey(name: string): string {
  return name.replace(/[^-._a-zA-Z0-9]/g, '-');
}

function memoryText(bytes: number): string {
  const gi = 2 ** 30;
  const mi = 2 ** 20;
  if (bytes % gi === 0) return `${bytes / gi}Gi`;
  return `${Math.ceil(bytes / mi)}Mi`;
}

function sizeExpr(bytes: number): Expr {
  const gi = 2 ** 30;
  const mi = 2 ** 20;
  if (bytes % gi === 0) return Expr.sym('Size').method('gibibytes', bytes / gi);
  return Expr.sym('Size').method('mebibytes', Math.ceil(bytes / mi));
}

/** A Kubernetes annotation key: an optional DNS subdomain prefix and a name of up to 63 characters. */
function qualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name)) return false;
  return prefix === undefined || /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix);
}

/** The code of a stack prop, when it can be written as code. */
function codeFor(value: unknown): Expr {
  const code = codeOf(value);
  return code ?? Expr.opaque(value);
}

function codeOf(value: unknown): Expr | undefined {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return Expr.of(value);
  if (Array.isArray(value)) {
    const items = value.map(codeOf);
    return items.every(i => i !== undefined) ? Expr.opaque(value, Expr.of(items)) : undefined;
  }
  if (value && typeof value === 'object') {
    const ctor = (value as object).constructor?.name;
    if (ctor === 'Platform') {
      for (const preset of ['LOCAL', 'AKS', 'GKE']) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        if (require('../platform/platform').Platform[preset] === value) return Expr.opaque(value, Expr.sym('Platform').get(preset));
      }
      return undefined;
    }
    if (ctor !== 'Object') return undefined;
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, codeOf(v)] as const);
    return entries.every(([, c]) => c !== undefined) ? Expr.opaque(value, Expr.of(Object.fromEntries(entries))) : undefined;
  }
  return undefined;
}

/**
 * The port an external dependency listens on: its first TCP port in `ports` or `expose`, else the
 * client port of a well-known image (postgres 5432, redis 6379, ...).
 */
function externalPort(def: any): number | undefined {
  for (const entry of [...def.ports ?? [], ...def.expose ?? []]) {
    const p = parsePort(typeof entry === 'number' ? String(entry) : entry);
    if (typeof p !== 'string' && p.protocol === 'tcp') return p.target;
  }
  return knownBacking(def.image)?.port;
}
