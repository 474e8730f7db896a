import { NodePortUse, nodePortClashes, NodePortClash } from './node-ports';
import { objectKey } from '../core/objects';

/** The kinds that run pods (an Argo Rollout too, with its template or a Deployment's). */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout', 'Pod']);

/** The pods of a workload manifest: their labels and spec. */
export interface PodTemplate {
  readonly labels: { [k: string]: string };
  readonly spec: any;
}

/** A workload by the labels of the pods it runs. */
export interface Workload {
  readonly manifest: any;
  readonly namespace: string;
  readonly labels: { [k: string]: string };
  readonly pod: any;
}

/** A Service a route sends traffic to. */
export interface Backend {
  readonly namespace: string;
  readonly name: string;
  /** The Service port, by number or name. */
  readonly port?: number | string;
}

/** Whether `m` is an object a check can look at (a kind, at least). */
export function isObject(m: any): boolean {
  return !!m && typeof m === 'object' && !!m.kind;
}

/** The pods a manifest runs, when it runs pods of its own. */
export function podTemplateOf(m: any): PodTemplate | undefined {
  if (m.kind === 'Pod') return { labels: m.metadata?.labels ?? {}, spec: m.spec };
  if (!WORKLOAD_KINDS.has(m.kind)) return undefined;
  const template = m.spec?.template;
  // An Argo Rollout that references a Deployment has no template of its own.
  return template ? { labels: template.metadata?.labels ?? {}, spec: template.spec } : undefined;
}

/**
 * The Services a route sends traffic to, in order: an Ingress's default backend and paths, a
 * Gateway API route's core-group Service `backendRefs` (which may name another namespace).
 */
export function serviceBackendsOf(route: any, namespace: string): Backend[] {
  if (route.kind === 'Ingress') {
    const backends: any[] = [];
    if (route.spec?.defaultBackend) backends.push(route.spec.defaultBackend);
    for (const rule of route.spec?.rules ?? []) for (const path of rule.http?.paths ?? []) backends.push(path.backend);
    return backends.filter(b => b?.service).map(b => ({ namespace, name: b.service.name, port: b.service.port?.number ?? b.service.port?.name }));
  }
  return (route.spec?.rules ?? [])
    .flatMap((rule: any) => rule.backendRefs ?? [])
    .filter((ref: any) => (ref.kind ?? 'Service') === 'Service' && (ref.group ?? '') === '')
    .map((ref: any) => ({ namespace: ref.namespace ?? namespace, name: ref.name, port: ref.port }));
}

/** Whether `name` is in a list of objects declared external (`name` or `namespace/name`). */
export function declaredExternal(list: string[] | undefined, namespace: string, name: string): boolean {
  return (list ?? []).some(e => e === name || e === `${namespace}/${name}`);
}

/**
 * The lookups of the manifest checks, built once so every check stays linear in the number of
 * objects: objects by key, workloads by pod label, node ports by Service.
 */
export class ManifestIndex {
  /** Whether any Gateway is defined (routes to an undefined one are only reported then). */
  public readonly hasGateways: boolean;

  private readonly byKey = new Map<string, any>();
  private readonly workloadsByLabel = new Map<string, Workload[]>();
  private readonly nodePortUses = new Map<any, Array<NodePortUse<any> & NodePortClash<any>>>();

  public constructor(manifests: any[], private readonly defaultNamespace: string) {
    const objects = manifests.filter(isObject);
    for (const m of objects) {
      const key = this.keyOf(m);
      if (!this.byKey.has(key)) this.byKey.set(key, m);
      const pod = podTemplateOf(m);
      if (pod) this.addWorkload(m, pod);
    }
    // An Argo Rollout with a workloadRef runs the pods of the Deployment it references.
    for (const m of manifests) {
      const ref = m?.kind === 'Rollout' ? m.spec?.workloadRef : undefined;
      const target = ref ? this.get(ref.kind ?? 'Deployment', this.namespaceOf(m), ref.name) : undefined;
      const pod = target ? podTemplateOf(target) : undefined;
      if (pod) this.addWorkload(m, pod);
    }
    this.hasGateways = manifests.some(x => x?.kind === 'Gateway');
    this.indexNodePorts(objects);
  }

  /** The namespace of an object: its own, or the default one. */
  public namespaceOf(m: any): string {
    return m?.metadata?.namespace ?? this.defaultNamespace;
  }

  /** The key of a manifest, as {@link get} looks it up. */
  public keyOf(m: any): string {
    return objectKey(m.kind, this.namespaceOf(m), m.metadata?.name);
  }

  /** The first object of that kind and name in the namespace. */
  public get(kind: string, namespace: string, name: string): any {
    return this.byKey.get(objectKey(kind, namespace, name));
  }

  /** Whether an object of that kind and name exists in the namespace. */
  public has(kind: string, namespace: string, name: string): boolean {
    return this.byKey.has(objectKey(kind, namespace, name));
  }

  /** The workloads of the namespace whose pods carry every label of the selector. */
  public selectedWorkloads(namespace: string, selector: { [k: string]: string } | undefined): Workload[] {
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) return [];
    const [k, v] = entries[0];
    return (this.workloadsByLabel.get(labelKey(namespace, k, v)) ?? []).filter(w => entries.every(([kk, vv]) => w.labels[kk] === vv));
  }

  /** The node ports of a Service, in port order, each with the other Services that use it. */
  public nodePortsOf(service: any): Array<NodePortUse<any> & NodePortClash<any>> {
    return this.nodePortUses.get(service) ?? [];
  }

  private addWorkload(m: any, pod: PodTemplate): void {
    const w: Workload = { manifest: m, namespace: this.namespaceOf(m), labels: pod.labels, pod: pod.spec };
    for (const [k, v] of Object.entries(pod.labels)) {
      const key = labelKey(w.namespace, k, v);
      this.workloadsByLabel.set(key, [...this.workloadsByLabel.get(key) ?? [], w]);
    }
  }

  private indexNodePorts(objects: any[]): void {
    // ExternalName Services proxy nothing: their node ports are never allocated.
    const services = objects.filter(m => m.kind === 'Service' && m.spec?.type !== 'ExternalName');
    const uses: Array<NodePortUse<any>> = services.flatMap(s => (s.spec?.ports ?? [])
      .filter((p: any) => p.nodePort !== undefined)
      .map((p: any) => ({ owner: s, nodePort: p.nodePort })));
    nodePortClashes(uses).forEach((clash, i) => {
      const use = { ...uses[i], ...clash };
      this.nodePortUses.set(use.owner, [...this.nodePortUses.get(use.owner) ?? [], use]);
    });
  }
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}=${value}`;
}
