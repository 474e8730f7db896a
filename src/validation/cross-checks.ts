import type { ManifestValidatorOptions } from './manifest-validator';
import { pvcBindingProblems } from './pvc-binding';
import { restrictedViolations } from '../core/pod-security';

/**
 * Cross-object checks over plain Kubernetes manifests: the references between objects that
 * Kubernetes accepts on apply but that leave an application broken (a Service that selects no
 * pods, a route to a port that does not exist, a claim that cannot bind, ...).
 *
 * Every check is linear in the number of objects: objects are indexed once by kind, namespace
 * and name, and workloads by their pod labels.
 */

/** One broken reference or rule. */
export interface Finding {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly rule: string;
  readonly message: string;
}

/** What the checks may assume exists outside the manifests: the public options. */
export type CrossCheckOptions = ManifestValidatorOptions;

/** The pod security exemption annotation a workload can carry instead of an option. */
export const POD_SECURITY_ANNOTATION = 'k8s-course-constructs/pod-security';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Rollout', 'Pod']);

interface Workload {
  readonly manifest: any;
  readonly namespace: string;
  readonly labels: { [k: string]: string };
  readonly pod: any;
}

/** Runs every check and returns the findings, in manifest order. */
export function crossCheck(manifests: any[], options: CrossCheckOptions = {}): Finding[] {
  const defaultNs = options.defaultNamespace ?? 'default';
  const findings: Finding[] = [];
  const nsOf = (m: any): string => m?.metadata?.namespace ?? defaultNs;
  const add = (m: any, rule: string, message: string) => findings.push({
    kind: String(m?.kind ?? '?'), namespace: nsOf(m), name: String(m?.metadata?.name ?? '?'), rule, message,
  });

  // Index: kind/namespace/name, workloads by pod label pair.
  const byKey = new Map<string, any>();
  const workloads: Workload[] = [];
  const workloadsByLabel = new Map<string, Workload[]>();
  for (const m of manifests) {
    if (!m || typeof m !== 'object' || !m.kind) continue;
    const clusterScoped = CLUSTER_SCOPED.has(m.kind);
    const key = objKey(m.kind, clusterScoped ? '' : nsOf(m), m.metadata?.name);
    if (byKey.has(key)) {
      add(m, 'unique-name', `another ${m.kind} in ${clusterScoped ? 'the cluster' : `namespace "${nsOf(m)}"`} has the same name; rename one (the second apply would overwrite the first)`);
    } else {
      byKey.set(key, m);
    }
    const pod = podTemplateOf(m);
    if (pod) {
      const w: Workload = { manifest: m, namespace: nsOf(m), labels: pod.labels, pod: pod.spec };
      workloads.push(w);
      for (const [k, v] of Object.entries(pod.labels)) {
        const pair = `${w.namespace}\u0000${k}=${v}`;
        const list = workloadsByLabel.get(pair) ?? [];
        list.push(w);
        workloadsByLabel.set(pair, list);
      }
    }
  }
  // An Argo Rollout with a workloadRef runs the pods of the Deployment it references.
  for (const m of manifests) {
    const ref = m?.kind === 'Rollout' ? m.spec?.workloadRef : undefined;
    const target = ref ? byKey.get(objKey(ref.kind ?? 'Deployment', nsOf(m), ref.name)) : undefined;
    const pod = target ? podTemplateOf(target) : undefined;
    if (!pod) continue;
    const w: Workload = { manifest: m, namespace: nsOf(m), labels: pod.labels, pod: pod.spec };
    for (const [k, v] of Object.entries(pod.labels)) {
      const pair = `${w.namespace}\u0000${k}=${v}`;
      workloadsByLabel.set(pair, [...workloadsByLabel.get(pair) ?? [], w]);
    }
  }
  const has = (kind: string, ns: string, name: string) => byKey.has(objKey(kind, ns, name));
  const get = (kind: string, ns: string, name: string) => byKey.get(objKey(kind, ns, name));
  const external = (list: string[] | undefined, ns: string, name: string) => (list ?? []).some(e => e === name || e === `${ns}/${name}`);
  const selected = (ns: string, selector: { [k: string]: string } | undefined): Workload[] => {
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) return [];
    const [k, v] = entries[0];
    return (workloadsByLabel.get(`${ns}\u0000${k}=${v}`) ?? []).filter(w => entries.every(([kk, vv]) => w.labels[kk] === vv));
  };
  const servicePort = (svc: any, port: any): any => (svc.spec?.ports ?? []).find((p: any) => (typeof port === 'string' ? p.name === port : p.port === port));

  const nodePorts = new Map<number, any>();

  for (const m of manifests) {
    if (!m || typeof m !== 'object' || !m.kind) continue;
    const ns = nsOf(m);
    switch (m.kind) {
      case 'Service': {
        const spec = m.spec ?? {};
        if (spec.type === 'ExternalName') break;
        if (spec.selector && Object.keys(spec.selector).length > 0) {
          const pods = selected(ns, spec.selector);
          if (pods.length === 0) {
            add(m, 'service-selects-pods', `selects no pods of any workload (selector ${JSON.stringify(spec.selector)}); fix the selector or add the workload`);
          } else {
            for (const p of spec.ports ?? []) {
              const target = p.targetPort ?? p.port;
              if (!pods.some(w => containerHasPort(w.pod, target))) {
                add(m, 'service-target-port', `port "${p.name ?? p.port}" targets ${JSON.stringify(target)}, which no selected container exposes; target a container port`);
              }
            }
          }
        }
        for (const p of spec.ports ?? []) {
          if (p.nodePort === undefined) continue;
          const first = nodePorts.get(p.nodePort);
          if (first) {
            add(m, 'unique-node-port', `nodePort ${p.nodePort} is also used by Service "${first.metadata?.name}"; give each Service its own node port`);
          } else {
            nodePorts.set(p.nodePort, m);
          }
        }
        break;
      }
      case 'Ingress': {
        const backends: any[] = [];
        if (m.spec?.defaultBackend) backends.push(m.spec.defaultBackend);
        for (const rule of m.spec?.rules ?? []) for (const path of rule.http?.paths ?? []) backends.push(path.backend);
        for (const b of backends) {
          if (!b?.service) continue;
          const port = b.service.port?.number ?? b.service.port?.name;
          checkBackend(m, ns, b.service.name, port);
        }
        break;
      }
      case 'HTTPRoute': case 'GRPCRoute': case 'TCPRoute': case 'TLSRoute': case 'UDPRoute': {
        for (const rule of m.spec?.rules ?? []) {
          for (const ref of rule.backendRefs ?? []) {
            if ((ref.kind ?? 'Service') !== 'Service' || (ref.group ?? '') !== '') continue;
            checkBackend(m, ref.namespace ?? ns, ref.name, ref.port);
          }
        }
        for (const parent of m.spec?.parentRefs ?? []) {
          if ((parent.kind ?? 'Gateway') !== 'Gateway') continue;
          const pns = parent.namespace ?? ns;
          if (pns === ns && !has('Gateway', pns, parent.name) && manifests.some(x => x?.kind === 'Gateway')) {
            add(m, 'route-parent', `attaches to Gateway "${parent.name}", which is not defined; fix parentRefs or define the Gateway`);
          }
        }
        break;
      }
      case 'HorizontalPodAutoscaler': {
        const ref = m.spec?.scaleTargetRef ?? {};
        if (!has(ref.kind, ns, ref.name)) {
          add(m, 'hpa-target', `scales ${ref.kind} "${ref.name}", which does not exist; point scaleTargetRef at the workload`);
        } else if (get(ref.kind, ns, ref.name)?.spec?.replicas !== undefined) {
          add(m, 'hpa-target', `scales ${ref.kind} "${ref.name}", which also sets replicas (apply and the autoscaler would fight); drop replicas from the workload`);
        }
        break;
      }
      case 'PodDisruptionBudget': {
        const sel = m.spec?.selector?.matchLabels;
        if (selected(ns, sel).length === 0) {
          add(m, 'pdb-selects-pods', `selects no pods of any workload (selector ${JSON.stringify(sel ?? {})}); match the workload's pod labels`);
        }
        break;
      }
      case 'PersistentVolumeClaim': {
        const spec = m.spec ?? {};
        if (spec.volumeName) {
          const pv = get('PersistentVolume', '', spec.volumeName);
          if (!pv) {
            add(m, 'pvc-binds', `is pre-bound to PersistentVolume "${spec.volumeName}", which does not exist; define it or drop volumeName`);
          } else {
            const claim = { ...m, metadata: { ...m.metadata, namespace: ns } };
            for (const p of pvcBindingProblems(pv, claim)) {
              add(m, 'pvc-binds', `cannot bind to PersistentVolume "${spec.volumeName}": ${p}; make the claim and the volume agree`);
            }
          }
        } else if (spec.storageClassName === '') {
          add(m, 'pvc-binds', 'has storageClassName "" (static provisioning) but no volumeName, so it may bind to any matching volume; pre-bind it with volumeName');
        }
        break;
      }
      default:
        break;
    }

    if (WORKLOAD_KINDS.has(m.kind)) {
      const pod = podTemplateOf(m);
      if (pod) checkPod(m, ns, pod.spec);
    }
  }
  return findings;

  function checkBackend(route: any, ns: string, name: string, port: any): void {
    if (!name) return;
    const svc = get('Service', ns, name);
    if (!svc) {
      if (!external(options.externalServices, ns, name)) {
        add(route, 'route-backend', `sends traffic to Service "${name}", which does not exist in namespace "${ns}"; fix the backend or add the Service`);
      }
      return;
    }
    if (port !== undefined && svc.spec?.type !== 'ExternalName' && !servicePort(svc, port)) {
      const ports = (svc.spec?.ports ?? []).map((p: any) => p.name ? `${p.port} (${p.name})` : `${p.port}`).join(', ');
      add(route, 'route-backend-port', `sends traffic to port ${JSON.stringify(port)} of Service "${name}", which has ports ${ports || 'none'}; use one of them`);
    }
  }

  function checkPod(m: any, ns: string, pod: any): void {
    const containers = [...pod?.containers ?? [], ...pod?.initContainers ?? []];
    for (const c of containers) {
      for (const [probeName, probe] of [['liveness', c.livenessProbe], ['readiness', c.readinessProbe], ['startup', c.startupProbe]] as const) {
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
        if (port !== undefined && !portOf(c, port)) {
          add(m, 'probe-port', `container "${c.name}" has a ${probeName} probe on port ${JSON.stringify(port)}, which it does not expose; probe one of its ports`);
        }
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        if (cm && !cm.optional) checkRef(m, ns, 'ConfigMap', cm.name, cm.key, `env ${e.name} of container "${c.name}"`);
        const sec = e.valueFrom?.secretKeyRef;
        if (sec && !sec.optional) checkRef(m, ns, 'Secret', sec.name, sec.key, `env ${e.name} of container "${c.name}"`);
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !e.configMapRef.optional) checkRef(m, ns, 'ConfigMap', e.configMapRef.name, undefined, `envFrom of container "${c.name}"`);
        if (e.secretRef && !e.secretRef.optional) checkRef(m, ns, 'Secret', e.secretRef.name, undefined, `envFrom of container "${c.name}"`);
      }
    }
    for (const v of pod?.volumes ?? []) {
      if (v.configMap && !v.configMap.optional) checkRef(m, ns, 'ConfigMap', v.configMap.name, undefined, `volume "${v.name}"`);
      if (v.secret && !v.secret.optional) checkRef(m, ns, 'Secret', v.secret.secretName, undefined, `volume "${v.name}"`);
      for (const s of v.projected?.sources ?? []) {
        if (s.configMap && !s.configMap.optional) checkRef(m, ns, 'ConfigMap', s.configMap.name, undefined, `volume "${v.name}"`);
        if (s.secret && !s.secret.optional) checkRef(m, ns, 'Secret', s.secret.name, undefined, `volume "${v.name}"`);
      }
      if (v.persistentVolumeClaim) checkRef(m, ns, 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, undefined, `volume "${v.name}"`);
    }
    const exempt = (options.podSecurityExempt ?? []).includes(m.metadata?.name)
      || m.metadata?.annotations?.[POD_SECURITY_ANNOTATION] === 'exempt';
    if (!options.skipPodSecurity && !exempt) {
      const problems = restrictedViolations(pod);
      if (problems.length > 0) {
        add(m, 'pod-security', `breaks restricted Pod Security: ${problems.join('; ')}; fix the security context or exempt the workload explicitly`);
      }
    }
  }

  function checkRef(m: any, ns: string, kind: string, name: string, key: string | undefined, where: string): void {
    const list = kind === 'ConfigMap' ? options.externalConfigMaps : kind === 'Secret' ? options.externalSecrets : options.externalClaims;
    const target = get(kind, ns, name);
    if (!target) {
      if (!external(list, ns, name)) {
        add(m, 'reference-exists', `${where} reads ${kind} "${name}", which does not exist in namespace "${ns}"; define it or declare it external`);
      }
      return;
    }
    if (key !== undefined && kind !== 'PersistentVolumeClaim') {
      const keys = new Set([...Object.keys(target.data ?? {}), ...Object.keys(target.stringData ?? {}), ...Object.keys(target.binaryData ?? {})]);
      if (!keys.has(key)) {
        add(m, 'reference-exists', `${where} reads key "${key}" of ${kind} "${name}", which has keys ${[...keys].sort().join(', ') || 'none'}; use one of them`);
      }
    }
  }
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'GatewayClass',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'Node', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);

function objKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${CLUSTER_SCOPED.has(kind) ? '' : namespace}\u0000${name}`;
}

function podTemplateOf(m: any): { labels: { [k: string]: string }; spec: any } | undefined {
  if (m.kind === 'Pod') return { labels: m.metadata?.labels ?? {}, spec: m.spec };
  if (!WORKLOAD_KINDS.has(m.kind)) return undefined;
  const template = m.spec?.template;
  if (template) return { labels: template.metadata?.labels ?? {}, spec: template.spec };
  // An Argo Rollout that references a Deployment has no template of its own.
  return undefined;
}

function containerHasPort(pod: any, target: any): boolean {
  return (pod?.containers ?? []).some((c: any) => portOf(c, target));
}

function portOf(container: any, port: any): boolean {
  return (container.ports ?? []).some((p: any) => (typeof port === 'string' ? p.name === port : p.containerPort === port));
}
