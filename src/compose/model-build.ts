import { composeError } from './diagnostics';
import { ComposeProject, ComposeService, TopLevelEntry } from './load';
import { parseBytes, parseDuration, parsePortList, shellSplit, stringOrList } from './load/forms';
import {
  ComposeModel, ComposeServiceModel, KeyPath, ModelDeploy, ModelHealthcheck, ModelMount, ModelNetworkMode, ModelNetworkRef,
  ModelPort, ModelResources, ModelRestart, ModelTmpfs, ModelTopLevel, ModelUpdateConfig, ModelUser, HealthTest,
} from './model';

/** Types every service and top-level entry of a loaded project; throws for values compose rejects. */
export function buildModel(project: ComposeProject): ComposeModel {
  const top = (m: Map<string, TopLevelEntry>, section: string) => new Map([...m].map(([k, e]) => [k, topLevel(e, section, project.directory)]));
  return {
    project,
    services: project.services.map(buildService),
    volumes: top(project.volumes, 'volumes'),
    secrets: top(project.secrets, 'secrets'),
    configs: top(project.configs, 'configs'),
    networks: top(project.networks, 'networks'),
  };
}

/** Reads the typed values of one service, failing with file, line and key for what compose itself refuses. */
class Reader {
  constructor(public readonly svc: ComposeService) {}

  public fail(key: KeyPath, rule: string, value: unknown, fix: string): never {
    throw composeError(this.svc.where(key), { key: this.svc.key(key), rule, value, fix });
  }

  public seconds(value: unknown, key: KeyPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    const s = parseDuration(value);
    if (typeof s === 'string') this.fail(key, s, value, 'write a duration such as 10s or 1m30s');
    return s;
  }

  public bytes(value: unknown, key: KeyPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    const n = parseBytes(value);
    if (typeof n === 'string') this.fail(key, n, value, 'write a size such as 512m or 1g');
    return n;
  }

  public number(value: unknown, key: KeyPath): number | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) this.fail(key, 'must be a number', value, 'write a number such as 0.5');
    return n;
  }

  public argv(value: unknown, key: KeyPath): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.map(String);
    const words = shellSplit(String(value));
    if (typeof words === 'string') this.fail(key, words, value, 'close the quote, or write the command as a list');
    return words;
  }

  public ports(list: unknown[] | undefined, key: string): ModelPort[] {
    const out: ModelPort[] = [];
    (list ?? []).forEach((entry, i) => {
      if (isEmptyPort(entry)) return;
      const parsed = parsePortList(key === 'expose' && typeof entry !== 'object' ? String(entry) : entry);
      if (typeof parsed === 'string') this.fail([key, i], parsed, entry, 'write "PUBLISHED:TARGET" such as "5101:8080", a range such as "9000-9009", or the target port alone');
      for (const p of parsed) out.push({ ...p, published: key === 'expose' ? undefined : p.published, key: [key, i] });
    });
    return out;
  }
}

/** One service, typed. */
export function buildService(svc: ComposeService): ComposeServiceModel {
  const r = new Reader(svc);
  return {
    name: svc.name,
    source: svc,
    keys: Object.keys(svc.def).filter(k => !k.startsWith('x-')),
    ...imageAndCommand(r, svc.def),
    ...storage(r, svc.def),
    ...runtime(r, svc.def),
    ...wiring(r, svc.def),
  };
}

type Part<K extends keyof ComposeServiceModel> = Pick<ComposeServiceModel, K>;
const dict = (o: unknown) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));

function imageAndCommand(r: Reader, d: any): Part<'image' | 'build' | 'pullPolicy' | 'platform' | 'entrypoint' | 'command' | 'workingDir'
  | 'environment' | 'envFiles'> {
  return {
    image: d.image === undefined || d.image === null ? undefined : String(d.image),
    build: d.build === undefined ? undefined : build(d.build),
    pullPolicy: optString(d.pull_policy),
    platform: optString(d.platform),
    entrypoint: r.argv(d.entrypoint, ['entrypoint']),
    command: r.argv(d.command, ['command']),
    workingDir: optString(d.working_dir),
    environment: Object.entries<any>(d.environment ?? {}).map(([name, v]) => ({ name, value: v === null || v === undefined ? undefined : String(v), key: ['environment', name] })),
    envFiles: (d.env_file ?? []).map((f: any, i: number) => ({ path: String(f.path), written: String(f.written), required: f.required !== false, format: f.format, key: ['env_file', i] })),
  };
}

function storage(r: Reader, d: any): Part<'ports' | 'expose' | 'emptyPorts' | 'volumes' | 'invalidMounts' | 'volumesFrom' | 'tmpfs'> {
  const empty = (key: string) => (d[key] ?? []).flatMap((e: unknown, i: number) => (isEmptyPort(e) ? [[key, i]] : []));
  return {
    emptyPorts: [...empty('ports'), ...empty('expose')],
    ports: r.ports(d.ports, 'ports'),
    expose: r.ports(d.expose, 'expose'),
    volumes: mounts(d.volumes),
    invalidMounts: invalidMounts(d.volumes),
    volumesFrom: stringOrList(d.volumes_from),
    tmpfs: tmpfs(r, d.tmpfs),
  };
}

function runtime(r: Reader, d: any): Part<'healthcheck' | 'user' | 'readOnly' | 'privileged' | 'capAdd' | 'capDrop' | 'securityOpt' | 'groupAdd' | 'init'
  | 'restart' | 'deploy' | 'scale' | 'cpus' | 'memLimitBytes' | 'memReservationBytes' | 'shmSizeBytes' | 'pidsLimit'> {
  return {
    healthcheck: d.healthcheck === undefined ? undefined : healthcheck(r, d.healthcheck),
    user: d.user === undefined || d.user === null ? undefined : user(String(d.user)),
    readOnly: optBool(d.read_only),
    privileged: optBool(d.privileged),
    capAdd: stringOrList(d.cap_add).map(capability),
    capDrop: stringOrList(d.cap_drop).map(capability),
    securityOpt: stringOrList(d.security_opt),
    groupAdd: stringOrList(d.group_add),
    init: optBool(d.init),
    restart: d.restart === undefined ? undefined : restart(r, String(d.restart)),
    deploy: d.deploy === undefined || d.deploy === null ? undefined : deploy(r, d.deploy),
    scale: r.number(d.scale, ['scale']),
    cpus: r.number(d.cpus, ['cpus']),
    memLimitBytes: r.bytes(d.mem_limit, ['mem_limit']),
    memReservationBytes: r.bytes(d.mem_reservation, ['mem_reservation']),
    shmSizeBytes: r.bytes(d.shm_size, ['shm_size']),
    pidsLimit: r.number(d.pids_limit, ['pids_limit']),
  };
}

function wiring(r: Reader, d: any): Part<'dependsOn' | 'links' | 'networkMode' | 'networks' | 'hostname' | 'containerName' | 'domainname' | 'extraHosts' | 'dns'
  | 'stopGracePeriodSeconds' | 'stopSignal' | 'labels' | 'annotations' | 'secrets' | 'configs' | 'profiles' | 'ulimits' | 'sysctls' | 'devices' | 'logging' | 'tty' | 'stdinOpen'> {
  return {
    dependsOn: Object.entries<any>(d.depends_on ?? {}).map(([service, o]) => ({
      service, condition: String(o?.condition ?? 'service_started'), required: o?.required !== false, restart: o?.restart === true,
    })),
    links: stringOrList(d.links).map((l, i) => ({ service: l.split(':')[0], alias: l.split(':')[1], key: ['links', i] })),
    networkMode: d.network_mode === undefined ? undefined : networkMode(String(d.network_mode)),
    networks: Object.entries<any>(d.networks ?? {}).map(([name, cfg]) => networkRef(name, cfg)),
    hostname: optString(d.hostname),
    containerName: optString(d.container_name),
    domainname: optString(d.domainname),
    extraHosts: Object.entries<any>(d.extra_hosts ?? {}).map(([host, address]) => ({ host, address: String(address ?? '').replace(/^\[|\]$/g, '') })),
    dns: stringOrList(d.dns),
    stopGracePeriodSeconds: r.seconds(d.stop_grace_period, ['stop_grace_period']),
    stopSignal: optString(d.stop_signal),
    labels: dict(d.labels),
    annotations: dict(d.annotations),
    secrets: fileRefs(d.secrets, 'secrets'),
    configs: fileRefs(d.configs, 'configs'),
    profiles: stringOrList(d.profiles),
    ulimits: Object.entries<any>(d.ulimits ?? {}).map(([name, v]) => (typeof v === 'object' && v !== null
      ? { name, soft: numberOrUndefined(v.soft), hard: numberOrUndefined(v.hard) }
      : { name, soft: numberOrUndefined(v), hard: numberOrUndefined(v) })),
    sysctls: dict(d.sysctls),
    devices: (d.devices ?? []).map((x: any) => (typeof x === 'string' ? x : String(x?.source ?? JSON.stringify(x)))),
    logging: d.logging ? { driver: optString(d.logging.driver), options: dict(d.logging.options) } : undefined,
    tty: optBool(d.tty),
    stdinOpen: optBool(d.stdin_open),
  };
}

/** A port entry that interpolation left without numbers (`"${PORT}"`, `"${A}:${B}"` with both unset). */
function isEmptyPort(entry: unknown): boolean {
  return entry === null || (typeof entry === 'string' && !/\d/.test(entry));
}

function optString(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function optBool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  return v === true || /^(true|yes|1)$/i.test(String(v));
}

function numberOrUndefined(v: unknown): number | undefined {
  const n = Number(v);
  return v === undefined || v === null || !Number.isFinite(n) ? undefined : n;
}

function capability(c: string): string {
  return c.toUpperCase().replace(/^CAP_/, '');
}

const BUILD_KEYS = ['context', 'dockerfile', 'dockerfile_inline', 'target', 'args'];

function build(b: any): ComposeServiceModel['build'] {
  const context = String(b.context ?? '.');
  const args: { [name: string]: string } = {};
  if (Array.isArray(b.args)) {
    for (const a of b.args) {
      const [k, v] = String(a).split(/=(.*)/s);
      if (v !== undefined) args[k] = v;
    }
  } else {
    for (const [k, v] of Object.entries(b.args ?? {})) if (v !== null && v !== undefined) args[k] = String(v);
  }
  const remote = /^[a-z]+:\/\//i.test(context) || context.startsWith('git@') || /\/(https?|git):\//.test(context);
  return {
    context,
    remote,
    dockerfile: optString(b.dockerfile),
    dockerfileInline: optString(b.dockerfile_inline),
    target: optString(b.target),
    args,
    otherKeys: Object.keys(b).filter(k => !k.startsWith('x-') && !BUILD_KEYS.includes(k)),
  };
}

function invalidMounts(list: any[] | undefined): ComposeServiceModel['invalidMounts'] {
  return (list ?? []).flatMap((v: any, i: number) => (v.__invalid ? [{ key: ['volumes', i], problem: String(v.__invalid) }] : []));
}

function mounts(list: any[] | undefined): ModelMount[] {
  return (list ?? []).flatMap((v: any, i: number) => {
    const key = ['volumes', i];
    if (v.__invalid) return [];
    const raw = typeof v.__raw === 'object' && v.__raw !== null ? v.__raw : {};
    const b = raw.bind;
    const bind = b
      ? { propagation: optString(b.propagation), createHostPath: optBool(b.create_host_path), selinux: optString(b.selinux) }
      : undefined;
    return [{
      type: String(v.type),
      source: v.source === undefined || v.source === '' ? undefined : String(v.source),
      written: typeof v.__raw === 'string' && v.__raw.includes(`:${v.target}`) ? v.__raw.slice(0, v.__raw.indexOf(`:${v.target}`)) : optString(v.written),
      target: String(v.target),
      readOnly: v.readOnly === true,
      subPath: optString(v.subPath),
      bind,
      noCopy: optBool(raw.volume?.nocopy),
      tmpfsSizeBytes: v.tmpfsSize,
      tmpfsMode: numberOrUndefined(raw.tmpfs?.mode),
      ignored: (v.ignored ?? []).filter((x: string) => !/^(bind\.|volume\.nocopy|tmpfs\.mode)/.test(x)),
      key,
    }];
  });
}

function tmpfs(r: Reader, list: unknown): ModelTmpfs[] {
  return stringOrList(list).map((t, i) => {
    const [target, opts = ''] = t.split(/:(.*)/s);
    const size = /(?:^|,)size=([^,]+)/.exec(opts)?.[1];
    const mode = /(?:^|,)mode=([^,]+)/.exec(opts)?.[1];
    return { target, sizeBytes: size === undefined ? undefined : r.bytes(size, ['tmpfs', i]), mode, key: ['tmpfs', i] };
  });
}

const HEALTH_KEYS = ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'];

/** A healthcheck test in any of its forms. */
export function healthTest(test: unknown): HealthTest | undefined {
  if (test === undefined || test === null) return undefined;
  if (typeof test === 'string') return { form: 'CMD-SHELL', argv: [test] };
  const list = (test as unknown[]).map(String);
  if (list[0] === 'NONE') return { form: 'NONE', argv: [] };
  if (list[0] === 'CMD') return { form: 'CMD', argv: list.slice(1) };
  if (list[0] === 'CMD-SHELL') return { form: 'CMD-SHELL', argv: [list.slice(1).join(' ')] };
  return { form: 'CMD-SHELL', argv: [list.join(' ')] };
}

function healthcheck(r: Reader, h: any): ModelHealthcheck {
  const test = healthTest(h.test);
  const retries = r.number(h.retries, ['healthcheck', 'retries']);
  return {
    test,
    intervalSeconds: r.seconds(h.interval, ['healthcheck', 'interval']),
    timeoutSeconds: r.seconds(h.timeout, ['healthcheck', 'timeout']),
    retries,
    startPeriodSeconds: r.seconds(h.start_period, ['healthcheck', 'start_period']),
    startIntervalSeconds: r.seconds(h.start_interval, ['healthcheck', 'start_interval']),
    disabled: h.disable === true || test?.form === 'NONE',
    otherKeys: Object.keys(h).filter(k => !k.startsWith('x-') && !HEALTH_KEYS.includes(k)),
  };
}

/** `user: name|uid[:group|gid]`. */
export function user(text: string): ModelUser {
  const [u, g] = text.split(/:(.*)/s);
  const uid = /^\d+$/.test(u) ? Number(u) : undefined;
  const gid = g !== undefined && /^\d+$/.test(g) ? Number(g) : undefined;
  return { text, user: u, group: g === '' ? undefined : g, uid, gid };
}

function restart(r: Reader, text: string): ModelRestart {
  const [policy, max] = text.split(':');
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(policy)) {
    r.fail(['restart'], 'must be one of no, always, on-failure[:max-retries], unless-stopped', text, 'use one of them');
  }
  return { policy: policy as ModelRestart['policy'], maxRetries: max === undefined ? undefined : numberOrUndefined(max) };
}

const DEPLOY_KEYS = ['mode', 'replicas', 'endpoint_mode', 'labels', 'resources', 'restart_policy', 'placement', 'update_config', 'rollback_config'];

function deploy(r: Reader, dep: any): ModelDeploy {
  const rp = dep.restart_policy;
  const res = (o: any, which: string): ModelResources | undefined => (o ? {
    cpus: r.number(o.cpus, ['deploy', 'resources', which, 'cpus']),
    memoryBytes: r.bytes(o.memory, ['deploy', 'resources', which, 'memory']),
    pids: r.number(o.pids, ['deploy', 'resources', which, 'pids']),
    otherKeys: Object.keys(o).filter(k => !['cpus', 'memory', 'pids'].includes(k) && !k.startsWith('x-')),
  } : undefined);
  const labels = Array.isArray(dep.labels) ? Object.fromEntries(dep.labels.map((l: string) => String(l).split(/=(.*)/s).slice(0, 2)))
    : Object.fromEntries(Object.entries(dep.labels ?? {}).map(([k, v]) => [k, String(v ?? '')]));
  return {
    mode: optString(dep.mode),
    replicas: r.number(dep.replicas, ['deploy', 'replicas']),
    endpointMode: optString(dep.endpoint_mode),
    labels,
    limits: res(dep.resources?.limits, 'limits'),
    reservations: res(dep.resources?.reservations, 'reservations'),
    restartPolicy: rp ? {
      condition: optString(rp.condition),
      delaySeconds: r.seconds(rp.delay, ['deploy', 'restart_policy', 'delay']),
      maxAttempts: r.number(rp.max_attempts, ['deploy', 'restart_policy', 'max_attempts']),
      windowSeconds: r.seconds(rp.window, ['deploy', 'restart_policy', 'window']),
    } : undefined,
    placement: dep.placement ? {
      constraints: stringOrList(dep.placement.constraints),
      preferences: (dep.placement.preferences ?? []).map((p: any) => String(p?.spread ?? JSON.stringify(p))),
      maxReplicasPerNode: numberOrUndefined(dep.placement.max_replicas_per_node),
    } : undefined,
    updateConfig: dep.update_config ? updateConfig(r, dep.update_config, 'update_config') : undefined,
    rollbackConfig: dep.rollback_config ? updateConfig(r, dep.rollback_config, 'rollback_config') : undefined,
    otherKeys: [
      ...Object.keys(dep).filter(k => !k.startsWith('x-') && !DEPLOY_KEYS.includes(k)),
      ...Object.keys(dep.resources ?? {}).filter(k => !['limits', 'reservations'].includes(k)).map(k => `resources.${k}`),
    ],
  };
}

function updateConfig(r: Reader, u: any, which: string): ModelUpdateConfig {
  return {
    parallelism: numberOrUndefined(u.parallelism),
    delaySeconds: r.seconds(u.delay, ['deploy', which, 'delay']),
    order: optString(u.order),
    failureAction: optString(u.failure_action),
    otherKeys: Object.keys(u).filter(k => !['parallelism', 'delay', 'order', 'failure_action'].includes(k) && !k.startsWith('x-')),
  };
}

function networkMode(text: string): ModelNetworkMode {
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  const target = colon < 0 ? undefined : text.slice(colon + 1);
  if (head === 'service' || head === 'container') return { text, kind: head, target };
  if (head === 'host' || head === 'none' || head === 'bridge') return { text, kind: head };
  return { text, kind: text === 'default' ? 'bridge' : 'other' };
}

function networkRef(name: string, cfg: any): ModelNetworkRef {
  const c = cfg ?? {};
  return {
    name,
    aliases: stringOrList(c.aliases),
    ipv4Address: optString(c.ipv4_address),
    ipv6Address: optString(c.ipv6_address),
    otherKeys: Object.keys(c).filter(k => !['aliases', 'ipv4_address', 'ipv6_address'].includes(k) && !k.startsWith('x-')),
  };
}

function fileRefs(list: any[] | undefined, section: string): ComposeServiceModel['secrets'] {
  return (list ?? []).map((e: any, i: number) => ({
    source: String(e.source),
    target: optString(e.target),
    uid: optString(e.uid),
    gid: optString(e.gid),
    mode: numberOrUndefined(e.mode),
    key: [section, i],
  }));
}

const TOP_LEVEL_KEYS: { [section: string]: string[] } = {
  volumes: ['name', 'external', 'driver', 'driver_opts', 'labels'],
  networks: ['name', 'external', 'driver', 'driver_opts', 'labels', 'internal'],
  secrets: ['name', 'external', 'file', 'environment', 'content', 'labels'],
  configs: ['name', 'external', 'file', 'environment', 'content', 'labels'],
};

function topLevel(e: TopLevelEntry, section: string, directory: string): ModelTopLevel {
  const d = e.def ?? {};
  const strings = (o: unknown) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, String(v ?? '')]));
  const labels = Array.isArray(d.labels) ? Object.fromEntries(d.labels.map((l: string) => String(l).split(/=(.*)/s).slice(0, 2))) : strings(d.labels);
  const file = typeof d.file === 'string' ? (d.file.startsWith('/') ? d.file : `${directory}/${d.file.replace(/^\.\//, '')}`) : undefined;
  const external = d.external === true || (typeof d.external === 'object' && d.external !== null);
  return {
    name: e.name,
    // `external: true` without a name is the object of the key's own name (compose does not prefix it with the project).
    externalName: String(d.name ?? (typeof d.external === 'object' && d.external !== null ? d.external.name : undefined) ?? e.name),
    external,
    where: e.where,
    driver: d.driver === undefined ? undefined : String(d.driver),
    driverOpts: strings(d.driver_opts),
    file,
    environment: d.environment === undefined ? undefined : String(d.environment),
    content: d.content === undefined ? undefined : String(d.content),
    internal: d.internal === true ? true : undefined,
    labels,
    otherKeys: Object.keys(d).filter(k => !k.startsWith('x-') && !TOP_LEVEL_KEYS[section].includes(k)),
  };
}
