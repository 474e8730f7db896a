import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';
import { readDockerfile } from '../../src/compose/images/dockerfile';
import { findKnownImage, nonRootUserOf } from '../../src/compose/images/known-images';
import { loadProject, LoadOptions } from '../../src/compose/load';
import { ComposeModel, ComposeServiceModel } from '../../src/compose/model';
import { buildModel } from '../../src/compose/model-build';
import { Manifest, podSpecOf } from '../support';

/**
 * What `docker compose up` would run that the synthesized YAML does not: one line per fact, each
 * with the compose key it is about, so a test can require that every difference is named in a
 * warning. Facts per service: its container ports, command and arguments, user, writable paths,
 * mounted files (with their content), workload kind, and reachability from the services that
 * share a compose network with it (through the NetworkPolicies and a Service of its name).
 *
 * The compose side is read from the typed compose model (the loader's), never from the plan; the
 * plan is used only for the Kubernetes names of the services.
 */
export interface Difference {
  /** `services.web.ports[0]`: the key the difference is about, for matching warnings. */
  readonly key: string;
  readonly service: string;
  readonly text: string;
}

/** Names of the converted app: the workload and container of each compose service. */
export interface Placement {
  /** The workload's Kubernetes name. */
  readonly workload: string;
  /** The container's name in it (undefined: the main container). */
  readonly container?: string;
}

/** The differences between what compose runs and the manifests, for every service of the compose files. */
export function fidelityDifferences(load: LoadOptions, manifests: Manifest[], placement: (service: string) => Placement | undefined): Difference[] {
  const model = buildModel(loadProject({ variables: {}, ...load }));
  const out: Difference[] = [];
  for (const svc of model.services) {
    const at = placement(svc.name);
    if (!at) continue;
    const diff = (key: ReadonlyArray<string | number>, text: string) => out.push({ key: svc.source.key(key), service: svc.name, text });
    const workload = manifests.find(m => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind) && m.metadata.name === at.workload);
    if (!workload) {
      diff([], `runs nowhere: no workload ${at.workload}`);
      continue;
    }
    const pod = podSpecOf(workload);
    const container = at.container ? pod.containers.find((c: any) => c.name === at.container) : pod.containers[0];
    if (!container) {
      diff([], `has no container ${at.container} in ${at.workload}`);
      continue;
    }
    checkKind(svc, model, workload, at, diff);
    checkPorts(svc, container, diff);
    checkCommand(svc, container, diff);
    checkUser(svc, pod, container, diff);
    checkWritable(svc, container, diff);
    checkMounts(svc, model, pod, container, manifests, diff);
  }
  out.push(...reachability(model, manifests, placement));
  return out;
}

type Diff = (key: ReadonlyArray<string | number>, text: string) => void;

function checkKind(svc: ComposeServiceModel, model: ComposeModel, workload: Manifest, at: Placement, diff: Diff): void {
  if (svc.networkMode?.kind === 'service') {
    if (at.container === undefined) diff(['network_mode'], 'joins another service\'s network, but runs in a pod of its own');
    return;
  }
  const waitedFor = model.services.some(s => s.dependsOn.some(d => d.service === svc.name && d.condition === 'service_completed_successfully'));
  const oneShot = svc.restart?.policy === 'no' || svc.restart?.policy === 'on-failure' || ['none', 'on-failure'].includes(svc.deploy?.restartPolicy?.condition ?? '');
  if (waitedFor && workload.kind !== 'Job') diff(['restart'], `runs to completion under compose (a service waits for it), but is a ${workload.kind}`);
  if (!waitedFor && !oneShot && workload.kind === 'Job') diff(['restart'], 'keeps running under compose, but is a Job');
  const replicas = svc.deploy?.replicas ?? svc.scale;
  if (workload.kind === 'Deployment' && replicas !== undefined && workload.spec.replicas !== replicas) {
    diff(['deploy', 'replicas'], `runs ${replicas} replicas under compose, ${workload.spec.replicas} here`);
  }
}

function checkPorts(svc: ComposeServiceModel, container: any, diff: Diff): void {
  const have = new Set((container.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`));
  for (const p of [...svc.ports, ...svc.expose]) {
    const want = `${p.target}/${p.protocol.toUpperCase()}`;
    if (!have.has(want)) diff(p.key, `listens on ${want} under compose, not a container port here`);
  }
}

function checkCommand(svc: ComposeServiceModel, container: any, diff: Diff): void {
  const same = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!same(svc.entrypoint, container.command)) diff(['entrypoint'], `runs the entrypoint ${JSON.stringify(svc.entrypoint)}, here ${JSON.stringify(container.command)}`);
  // Docker drops the image's CMD when the entrypoint is replaced; Kubernetes keeps it unless args are given.
  const args = svc.command ?? (svc.entrypoint !== undefined ? [] : undefined);
  if (!same(args, container.args)) diff(['command'], `runs the command ${JSON.stringify(args)}, here ${JSON.stringify(container.args)}`);
}

function checkUser(svc: ComposeServiceModel, pod: any, container: any, diff: Diff): void {
  const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  if (svc.user?.uid !== undefined && user !== svc.user.uid) diff(['user'], `runs as ${svc.user.uid} under compose, here as ${user ?? 'the image\'s user'}`);
  if (svc.user !== undefined && svc.user.uid === undefined && user !== undefined) diff(['user'], `runs as "${svc.user.text}" under compose, here as ${user}`);
  if (svc.user === undefined && user !== undefined) {
    const image = imageUser(svc);
    if (image !== user) diff(['user'], `runs as the image's user (${image ?? 'unknown'}) under compose, here as ${user}`);
  }
}

/** The numeric user an image runs as: its Dockerfile's USER, else what the image table read from the image's own files. */
function imageUser(svc: ComposeServiceModel): number | undefined {
  const b = svc.build;
  if (b && !b.remote) {
    const path = join(b.context, b.dockerfile ?? 'Dockerfile');
    const facts = readDockerfile(p => (existsIn(p) ? readFileSync(p, 'utf-8') : undefined), path, { target: b.target, args: b.args });
    if (facts?.user) return facts.user.uid;
    return facts?.base ? nonRootUserOf(facts.base)?.uid : undefined;
  }
  const known = svc.image ? findKnownImage(svc.image) : undefined;
  return known ? nonRootUserOf(known)?.uid : undefined;
}

/** Under compose the root filesystem is writable unless read_only, and tmpfs and volumes are writable. */
function checkWritable(svc: ComposeServiceModel, container: any, diff: Diff): void {
  const mounts: any[] = container.volumeMounts ?? [];
  const writable = (path: string) => mounts.some(m => !m.readOnly && (m.mountPath === path || path.startsWith(`${m.mountPath}/`)));
  const readOnly = container.securityContext?.readOnlyRootFilesystem === true;
  if (svc.readOnly !== true && readOnly) {
    // Read-only here: what the container writes must be mounted; /tmp at least, and what the image table says the image writes.
    const known = svc.build ? undefined : svc.image ? findKnownImage(svc.image) : undefined;
    for (const path of ['/tmp', ...known?.writablePaths ?? [], ...known?.dataPaths ?? []]) {
      if (!writable(path)) diff(['read_only'], `writes ${path} under compose, which is read-only here`);
    }
  }
  if (svc.readOnly === true && !readOnly) diff(['read_only'], 'has a read-only root filesystem under compose, a writable one here');
  for (const t of svc.tmpfs) if (!writable(t.target)) diff(['tmpfs'], `writes ${t.target} (tmpfs) under compose, not here`);
  for (const v of svc.volumes) {
    if (v.type === 'bind' || v.readOnly) continue;
    if (!writable(v.target)) diff(v.key, `writes ${v.target} under compose, not here`);
  }
}

function checkMounts(svc: ComposeServiceModel, model: ComposeModel, pod: any, container: any, manifests: Manifest[], diff: Diff): void {
  for (const v of svc.volumes) {
    const mount = (container.volumeMounts ?? []).find((m: any) => m.mountPath === v.target);
    if (!mount) {
      diff(v.key, `mounts ${v.target} under compose, nothing here`);
      continue;
    }
    if (v.type !== 'bind' || !v.source) continue;
    const rel = relative(model.project.directory, v.source);
    if (rel.startsWith('..') || !existsIn(v.source)) continue;
    const want = filesOf(v.source);
    const have = contentOf(pod.volumes.find((x: any) => x.name === mount.name), mount.subPath, manifests);
    for (const [path, text] of want) {
      if (have.get(path) !== text) diff(v.key, `mounts ${path === '' ? v.target : `${v.target}/${path}`} with the project's content, here ${have.has(path) ? 'other content' : 'not'}`);
    }
  }
}

function existsIn(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A file ('' → content) or every file of a folder (relative path → content), as compose mounts them. */
function filesOf(source: string): Map<string, string> {
  if (statSync(source).isFile()) return new Map([['', readFileSync(source).toString('base64')]]);
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(source, p).split(sep).join('/'), readFileSync(p).toString('base64'));
    }
  };
  walk(source);
  return out;
}

/** What a pod volume holds, by path (''), as base64, from the ConfigMaps and Secrets in the manifests. */
function contentOf(volume: any, subPath: string | undefined, manifests: Manifest[]): Map<string, string> {
  const sources: any[] = volume?.projected?.sources ?? [volume?.configMap ? { configMap: volume.configMap } : { secret: volume?.secret }];
  const byPath = new Map<string, string>();
  for (const s of sources) {
    const ref = s.configMap ?? s.secret;
    if (!ref) continue;
    const kind = s.configMap ? 'ConfigMap' : 'Secret';
    const object = manifests.find(m => m.kind === kind && m.metadata.name === (ref.name ?? ref.secretName));
    const data: { [k: string]: string } = {};
    for (const [k, v] of Object.entries<string>(object?.data ?? {})) data[k] = kind === 'ConfigMap' ? Buffer.from(v).toString('base64') : v;
    for (const [k, v] of Object.entries<string>(object?.binaryData ?? {})) data[k] = v;
    for (const [k, v] of Object.entries<string>(object?.stringData ?? {})) data[k] = Buffer.from(v).toString('base64');
    const items: Array<{ key: string; path: string }> = ref.items ?? Object.keys(data).map(key => ({ key, path: key }));
    for (const i of items) if (data[i.key] !== undefined) byPath.set(i.path, data[i.key]);
  }
  if (subPath === undefined) return byPath;
  return new Map(byPath.has(subPath) ? [['', byPath.get(subPath)!]] : []);
}

/**
 * Each service that shares a compose network with another reaches it on every port it declares
 * (through a Service of its name and the NetworkPolicies), and one that shares none does not.
 */
function reachability(model: ComposeModel, manifests: Manifest[], placement: (service: string) => Placement | undefined): Difference[] {
  const out: Difference[] = [];
  const networksOf = (s: ComposeServiceModel) => (s.networkMode?.kind === 'none' ? [] : s.networks.length > 0 ? s.networks.map(n => n.name) : ['default']);
  const policies = manifests.filter(m => m.kind === 'NetworkPolicy');
  const workloads = manifests.filter(m => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(m.kind));
  for (const to of model.services) {
    const target = placement(to.name);
    if (!target || to.networkMode?.kind === 'service') continue;
    const ports = [...to.ports, ...to.expose].map(p => ({ port: p.target, protocol: p.protocol.toUpperCase(), key: p.key }));
    if (ports.length === 0) continue;
    const service = manifests.find(m => m.kind === 'Service' && m.metadata.name === target.workload);
    for (const from of model.services) {
      const source = placement(from.name);
      if (!source || from === to || source.workload === target.workload) continue;
      const shared = networksOf(from).some(n => networksOf(to).includes(n));
      for (const p of ports) {
        const open = allowed(policies, workloads, source.workload, target.workload, p.port, p.protocol)
          && (service?.spec.ports ?? []).some((sp: any) => sp.port === p.port && (sp.protocol ?? 'TCP') === p.protocol);
        if (shared && !open) out.push({ key: to.source.key(p.key), service: to.name, text: `is reached by ${from.name} on ${p.port}/${p.protocol} under compose, not here` });
        if (!shared && open) out.push({ key: to.source.key(p.key), service: to.name, text: `is not reached by ${from.name} on ${p.port}/${p.protocol} under compose (no shared network), but is here` });
      }
    }
  }
  return out;
}

/**
 * Whether the NetworkPolicies let pods of `from` reach pods of `to` on a port, by the labels of
 * their pod templates (their name label when no workload is found).
 */
function allowed(policies: Manifest[], workloads: Manifest[], from: string, to: string, port: number, protocol: string): boolean {
  const labels = (name: string): { [k: string]: string } =>
    workloads.find(w => w.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] === name)?.spec.template.metadata.labels ?? { 'app.kubernetes.io/name': name };
  const selects = (sel: any, l: { [k: string]: string }) => {
    if (!sel) return false;
    const match = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => l[k] === v);
    const exprs = (sel.matchExpressions ?? []).every((e: any) => e.operator === 'In' && e.values.includes(l[e.key]));
    return match && exprs;
  };
  const portOk = (rule: any) => !rule.ports || rule.ports.some((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
  const ingress = policies.filter(p => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') && selects(p.spec.podSelector, labels(to)));
  const admits = (peers: any[] | undefined, pod: string) =>
    !peers || peers.some((x: any) => x.podSelector && !x.namespaceSelector && selects(x.podSelector, labels(pod)));
  const inOk = ingress.length === 0 || ingress.some(p => (p.spec.ingress ?? []).some((r: any) => portOk(r) && admits(r.from, from)));
  const egress = policies.filter(p => (p.spec.policyTypes ?? []).includes('Egress') && selects(p.spec.podSelector, labels(from)));
  const outOk = egress.length === 0 || egress.some(p => (p.spec.egress ?? []).some((r: any) => portOk(r) && admits(r.to, to)));
  return inOk && outOk;
}
