import { createHash } from 'crypto';
import { posix } from 'path';
import { Manifest } from '../support';

/**
 * Facts of a converted application, read from its Kubernetes objects the same way for Kompose's
 * expected output and for ours, so the two can be compared as sets: what each workload runs
 * (image, command, ports, environment, mounts and mounted files, storage, probes, resources,
 * security, labels kept as annotations, host aliases, placement) and how it is reached (the
 * target ports of the Services that select it).
 *
 * Only what the app does is a fact. Object names other than the workload's, Kompose's
 * `io.kompose.*`/`kompose.*` labels and annotations, Service types, Ingresses, autoscalers,
 * NetworkPolicies, namespaces and update strategies are conventions or command-line choices of
 * one tool, not of the compose file, and are left out.
 */
export interface Fact {
  /** The workload (its Kubernetes name): the compose service, after DNS renaming. */
  readonly workload: string;
  readonly category: FactCategory;
  /** The fact, as text that two equal facts share. */
  readonly text: string;
}

export type FactCategory =
  | 'workload' | 'kind' | 'replicas' | 'image' | 'container ports' | 'service ports' | 'env'
  | 'command' | 'mounts' | 'files' | 'storage' | 'probes' | 'resources' | 'security'
  | 'annotations' | 'host aliases' | 'placement' | 'other';

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'];

/** A container's facts, kept apart so containers can be paired by what they run, not by name. */
export interface ContainerFacts {
  readonly workload: string;
  readonly facts: Fact[];
}

/** The facts of one tool's output: per workload, its own facts and each container's. */
export interface AppFacts {
  readonly workloads: Map<string, { facts: Fact[]; containers: ContainerFacts[] }>;
}

/** Reads the facts of a set of Kubernetes objects. */
export function appFacts(manifests: Manifest[]): AppFacts {
  const workloads = new Map<string, { facts: Fact[]; containers: ContainerFacts[] }>();
  for (const w of manifests.filter(m => WORKLOADS.includes(m.kind))) {
    const name = w.metadata.name;
    const facts: Fact[] = [];
    const fact = (category: FactCategory, text: string) => facts.push({ workload: name, category, text });
    const template = templateOf(w);
    const pod = template.spec ?? {};
    fact('workload', 'exists');
    fact('kind', oneShot(w, pod) ? 'runs to completion' : 'keeps running');
    if (oneShot(w, pod)) fact('kind', `restart ${pod.restartPolicy ?? 'Always'}`);
    if (['Deployment', 'StatefulSet'].includes(w.kind)) fact('replicas', `replicas ${w.spec?.replicas ?? 1}`);
    for (const [k, v] of Object.entries(appAnnotations(w, template, servicesOf(manifests, w, template)))) fact('annotations', `${k}=${v}`);
    for (const h of pod.hostAliases ?? []) fact('host aliases', `${h.ip} ${[...h.hostnames ?? []].sort().join(',')}`);
    const psc = pod.securityContext ?? {};
    if (psc.fsGroup !== undefined) fact('security', `fsGroup ${psc.fsGroup}`);
    for (const g of psc.supplementalGroups ?? []) fact('security', `supplementalGroup ${g}`);
    if (pod.hostname) fact('other', `hostname ${pod.hostname}`);
    if (pod.terminationGracePeriodSeconds !== undefined) fact('other', `grace period ${pod.terminationGracePeriodSeconds}s`);
    for (const term of pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
      for (const e of term.matchExpressions ?? []) fact('placement', `node ${e.key} ${e.operator} ${(e.values ?? []).join(',')}`);
    }
    for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) fact('placement', `node ${k} In ${v}`);
    for (const t of pod.topologySpreadConstraints ?? []) fact('placement', `spread over ${t.topologyKey}`);
    for (const s of servicesOf(manifests, w, template)) {
      for (const p of s.spec?.ports ?? []) {
        const target = targetPort(p, pod);
        // Port 0 is Kompose's placeholder in a headless Service without ports, not a port the app listens on.
        if (target !== '0') fact('service ports', `reachable on ${target}/${p.protocol ?? 'TCP'}`);
      }
    }
    const claims = claimVolumes(w);
    const containers = (pod.containers ?? []).map((c: any) => ({ workload: name, facts: containerFacts(name, c, pod, claims, manifests) }));
    workloads.set(name, { facts: dedupe(facts), containers });
  }
  return { workloads };
}

/** The result of comparing Kompose's facts with ours. */
export interface FactComparison {
  readonly expected: Fact[];
  readonly missed: Fact[];
}

/**
 * Which of Kompose's facts our output carries; containers are paired with the ones sharing most
 * facts. `anyWorkload`: Kompose merged services into one workload (a command-line choice), so each
 * of its facts may be carried by any of ours.
 */
export function compareFacts(kompose: AppFacts, ours: AppFacts, anyWorkload = false): FactComparison {
  const expected: Fact[] = [];
  const missed: Fact[] = [];
  const check = (want: Fact[], have: Fact[]) => {
    const texts = new Set(have.map(key));
    for (const f of want) {
      expected.push(f);
      if (!texts.has(key(f))) missed.push(f);
    }
  };
  const all = [...ours.workloads.values()];
  const everything = { facts: all.flatMap(w => w.facts), containers: all.flatMap(w => w.containers) };
  for (const [name, k] of kompose.workloads) {
    const o = anyWorkload ? everything : ours.workloads.get(name);
    const withoutName = (facts: Fact[]) => (anyWorkload ? facts.filter(f => f.category !== 'workload') : facts);
    check(withoutName(k.facts), o?.facts ?? []);
    const free = [...(o?.containers ?? [])];
    for (const c of k.containers) {
      const best = free
        .map(candidate => ({ candidate, shared: c.facts.filter(f => candidate.facts.some(g => key(g) === key(f))).length }))
        .sort((a, b) => b.shared - a.shared)[0];
      if (best) free.splice(free.indexOf(best.candidate), 1);
      check(c.facts, best?.candidate.facts ?? []);
    }
  }
  return { expected, missed };
}

function key(f: Fact): string {
  return `${f.category}|${f.text}`;
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter(f => !seen.has(key(f)) && !!seen.add(key(f)));
}

function templateOf(w: Manifest): any {
  if (w.kind === 'Pod') return { metadata: w.metadata, spec: w.spec };
  if (w.kind === 'CronJob') return w.spec?.jobTemplate?.spec?.template ?? {};
  return w.spec?.template ?? {};
}

function oneShot(w: Manifest, pod: any): boolean {
  return w.kind === 'Job' || w.kind === 'CronJob' || (w.kind === 'Pod' && (pod.restartPolicy ?? 'Always') !== 'Always');
}

function isToolKey(k: string): boolean {
  return /^(io\.)?kompose\./.test(k) || k.startsWith('kompose.');
}

/** Annotations (and labels) the compose file gave, on the workload, its pods or its Services. */
function appAnnotations(w: Manifest, template: any, services: Manifest[]): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  const sources = [w.metadata?.annotations, template.metadata?.annotations, ...services.map(s => s.metadata?.annotations)];
  for (const src of sources) {
    for (const [k, v] of Object.entries(src ?? {})) if (!isToolKey(k)) out[k] = String(v);
  }
  return out;
}

function servicesOf(manifests: Manifest[], w: Manifest, template: any): Manifest[] {
  const labels = template.metadata?.labels ?? w.metadata?.labels ?? {};
  return manifests.filter(m => m.kind === 'Service' && m.spec?.selector && Object.keys(m.spec.selector).length > 0
    && Object.entries(m.spec.selector).every(([k, v]) => labels[k] === v));
}

function targetPort(p: any, pod: any): string {
  const t = p.targetPort ?? p.port;
  if (typeof t === 'number' || /^\d+$/.test(String(t))) return String(t);
  for (const c of pod.containers ?? []) {
    const named = (c.ports ?? []).find((cp: any) => cp.name === t);
    if (named) return String(named.containerPort);
  }
  return String(t);
}

/** Volume name → true for the volumes backed by a claim (or a claim template). */
function claimVolumes(w: Manifest): Set<string> {
  const out = new Set<string>();
  for (const v of templateOf(w).spec?.volumes ?? []) if (v.persistentVolumeClaim) out.add(v.name);
  for (const t of w.spec?.volumeClaimTemplates ?? []) out.add(t.metadata?.name);
  return out;
}

function containerFacts(workload: string, c: any, pod: any, claims: Set<string>, manifests: Manifest[]): Fact[] {
  const facts: Fact[] = [];
  const fact = (category: FactCategory, text: string) => facts.push({ workload, category, text });
  fact('image', image(c.image));
  for (const p of c.ports ?? []) fact('container ports', `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  for (const [k, v] of Object.entries(environment(c, manifests))) fact('env', `${k}=${v}`);
  if (c.command) fact('command', `command ${JSON.stringify(c.command)}`);
  if (c.args) fact('command', `args ${JSON.stringify(c.args)}`);
  if (c.workingDir) fact('other', `workingDir ${c.workingDir}`);
  if (c.stdin) fact('other', 'stdin');
  if (c.tty) fact('other', 'tty');
  const volumes = new Map<string, any>((pod.volumes ?? []).map((v: any) => [v.name, v]));
  for (const m of c.volumeMounts ?? []) {
    fact('mounts', m.mountPath);
    // A ConfigMap or Secret is read-only whatever the mount says, so only a read-only claim is a fact.
    if (m.readOnly) fact('mounts', `${m.mountPath} read-only`);
    if (claims.has(m.name)) fact('storage', `claim at ${m.mountPath}`);
    for (const [path, content] of mountedFiles(m, volumes.get(m.name), manifests)) fact('files', `${path} ${content}`);
  }
  for (const which of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[which];
    if (!p) continue;
    fact('probes', `${which} ${probeAction(p)}`);
    fact('probes', `${which} every ${p.periodSeconds ?? 10}s, timeout ${p.timeoutSeconds ?? 1}s, ${p.failureThreshold ?? 3} failures, after ${p.initialDelaySeconds ?? 0}s`);
  }
  for (const kind of ['limits', 'requests']) {
    for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) fact('resources', `${kind}.${k} ${quantity(String(v))}`);
  }
  const sc = c.securityContext ?? {};
  if (sc.runAsUser !== undefined) fact('security', `runAsUser ${sc.runAsUser}`);
  if (sc.runAsGroup !== undefined) fact('security', `runAsGroup ${sc.runAsGroup}`);
  if (sc.readOnlyRootFilesystem) fact('security', 'read-only root filesystem');
  if (sc.privileged) fact('security', 'privileged');
  for (const cap of sc.capabilities?.add ?? []) fact('security', `adds ${cap}`);
  return dedupe(facts);
}

/** An image reference as the registry resolves it: `redis` is `docker.io/library/redis:latest`. */
export function image(ref: string): string {
  let r = String(ref ?? '');
  const at = r.indexOf('@');
  const name = at >= 0 ? r.slice(0, at) : r;
  const hasTag = /:[^/]+$/.test(name);
  if (at < 0 && !hasTag) r = `${r}:latest`;
  const first = r.split('/')[0];
  const hasRegistry = r.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) r = `docker.io/${r}`;
  if (/^docker\.io\/[^/]+$/.test(r.split(/[:@]/)[0])) r = r.replace(/^docker\.io\//, 'docker.io/library/');
  return r;
}

function probeAction(p: any): string {
  if (p.exec) return `exec ${shell(p.exec.command)}`;
  if (p.httpGet) return `http ${p.httpGet.path ?? '/'} on ${p.httpGet.port}`;
  if (p.tcpSocket) return `tcp ${p.tcpSocket.port}`;
  if (p.grpc) return `grpc ${p.grpc.port}`;
  return 'unknown';
}

/**
 * An exec command as the line a shell runs: `sh -c "echo hi"` and Kompose's one-element
 * `["echo hi"]` (its rendering of compose's string form) are the same check.
 */
function shell(command: string[]): string {
  if (command.length === 3 && /^(\/bin\/)?sh$/.test(command[0]) && command[1] === '-c') return command[2];
  return command.join(' ');
}

/** A Kubernetes quantity as a number (`1Gi` → 1073741824, `500m` → 0.5). */
export function quantity(q: string): string {
  const m = /^([0-9.]+(?:[eE][0-9]+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return q;
  const units: { [u: string]: number } = {
    '': 1,
    'm': 1e-3,
    'k': 1e3,
    'M': 1e6,
    'G': 1e9,
    'T': 1e12,
    'Ki': 1024,
    'Mi': 1024 ** 2,
    'Gi': 1024 ** 3,
    'Ti': 1024 ** 4,
  };
  const unit = units[m[2]];
  return unit === undefined ? q : String(Math.round(Number(m[1]) * unit * 1000) / 1000);
}

function dataOf(manifests: Manifest[], kind: 'ConfigMap' | 'Secret', name: string): Map<string, Buffer> | undefined {
  const obj = manifests.find(m => m.kind === kind && m.metadata.name === name);
  if (!obj) return undefined;
  const out = new Map<string, Buffer>();
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(obj.data ?? {})) out.set(k, Buffer.from(String(v)));
    for (const [k, v] of Object.entries(obj.binaryData ?? {})) out.set(k, Buffer.from(String(v), 'base64'));
  } else {
    for (const [k, v] of Object.entries(obj.data ?? {})) out.set(k, Buffer.from(String(v), 'base64'));
    for (const [k, v] of Object.entries(obj.stringData ?? {})) out.set(k, Buffer.from(String(v)));
  }
  return out;
}

/** Environment variables by name, their values resolved from ConfigMaps and Secrets. */
function environment(c: any, manifests: Manifest[]): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const from of c.envFrom ?? []) {
    const src = from.configMapRef ? dataOf(manifests, 'ConfigMap', from.configMapRef.name) : from.secretRef ? dataOf(manifests, 'Secret', from.secretRef.name) : undefined;
    for (const [k, v] of src ?? []) out[`${from.prefix ?? ''}${k}`] = v.toString();
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (ref) {
      const data = dataOf(manifests, e.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name);
      out[e.name] = data?.get(ref.key)?.toString() ?? `<missing ${ref.name}/${ref.key}>`;
    } else if (e.valueFrom?.fieldRef) {
      out[e.name] = `<field ${e.valueFrom.fieldRef.fieldPath}>`;
    } else {
      out[e.name] = e.value ?? '';
    }
  }
  return out;
}

/** The files a mount puts in the container (path → digest of the content), for ConfigMap, Secret and projected volumes. */
function mountedFiles(mount: any, volume: any, manifests: Manifest[]): Array<[string, string]> {
  if (!volume) return [];
  const sources: Array<{ kind: 'ConfigMap' | 'Secret'; name: string; items?: any[] }> = [];
  if (volume.configMap) sources.push({ kind: 'ConfigMap', name: volume.configMap.name, items: volume.configMap.items });
  if (volume.secret) sources.push({ kind: 'Secret', name: volume.secret.secretName, items: volume.secret.items });
  for (const s of volume.projected?.sources ?? []) {
    if (s.configMap) sources.push({ kind: 'ConfigMap', name: s.configMap.name, items: s.configMap.items });
    if (s.secret) sources.push({ kind: 'Secret', name: s.secret.name, items: s.secret.items });
  }
  const files = new Map<string, Buffer>();
  for (const s of sources) {
    const data = dataOf(manifests, s.kind, s.name);
    if (!data) continue;
    const items = s.items ?? [...data.keys()].map(k => ({ key: k, path: k }));
    for (const item of items) {
      const content = data.get(item.key);
      if (content) files.set(item.path, content);
    }
  }
  const out: Array<[string, string]> = [];
  for (const [path, content] of files) {
    if (mount.subPath !== undefined && mount.subPath !== '') {
      if (mount.subPath === path) out.push([mount.mountPath, digest(content)]);
      else if (path.startsWith(`${mount.subPath}/`)) out.push([posix.join(mount.mountPath, path.slice(mount.subPath.length + 1)), digest(content)]);
    } else {
      out.push([posix.join(mount.mountPath, path), digest(content)]);
    }
  }
  return out;
}

function digest(content: Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}
