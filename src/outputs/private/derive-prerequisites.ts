import { podContainers, podReferences } from '../../core/pod-spec';
import { Platform } from '../../platform';
import { gatewayClassSetup, ingressClassSetup, networkPolicyEngineSetup, nfsClientSetup, registrySetup, Setup, storageClassSetup } from '../../platform/cluster-setup';
import { Prerequisite, PrerequisiteKind } from '../prerequisite';

/** A prerequisite being collected: usedBy and keys grow as manifests are read. */
interface Draft {
  kind: PrerequisiteKind;
  name: string;
  namespace?: string;
  keys: Set<string>;
  usedBy: Set<string>;
  setup: Setup;
  optionalKeysUnknown?: boolean;
}

const POD_KINDS: { [kind: string]: (m: any) => any } = {
  Deployment: m => m.spec?.template?.spec,
  StatefulSet: m => m.spec?.template?.spec,
  DaemonSet: m => m.spec?.template?.spec,
  Rollout: m => m.spec?.template?.spec,
  Job: m => m.spec?.template?.spec,
  CronJob: m => m.spec?.jobTemplate?.spec?.template?.spec,
  Pod: m => m.spec,
};

/** Collects the drafts in first-seen order, one per kind, namespace and name. */
class Drafts {
  private readonly byKey = new Map<string, Draft>();

  public add(kind: PrerequisiteKind, name: string, usedBy: string, setup: () => Setup, namespace?: string, keys: string[] = []): Draft {
    const key = `${kind}/${namespace ?? ''}/${name}`;
    let draft = this.byKey.get(key);
    if (!draft) {
      draft = { kind, name, namespace, keys: new Set(), usedBy: new Set(), setup: setup() };
      this.byKey.set(key, draft);
    }
    draft.usedBy.add(usedBy);
    for (const k of keys) draft.keys.add(k);
    return draft;
  }

  public list(): Prerequisite[] {
    return [...this.byKey.values()].map(d => ({
      kind: d.kind,
      name: d.name,
      namespace: d.namespace,
      keys: [...d.keys].sort(),
      usedBy: [...d.usedBy].sort(),
      how: d.setup.how,
      command: d.setup.command,
    }));
  }
}

/**
 * What the manifests assume that they do not create, read from the manifests alone (and the
 * platform, for how to provide it): classes, drivers, Secrets and ConfigMaps, registries, an NFS
 * client, a NetworkPolicy engine, and the health endpoints the images must answer.
 */
export function derivePrerequisites(manifests: any[], platform: Platform | undefined): Prerequisite[] {
  const drafts = new Drafts();
  const created = new Set(manifests.map(m => `${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`));
  const exists: Exists = (kind, ns, name) => created.has(`${kind}/${ns ?? ''}/${name}`);
  for (const m of manifests) {
    const ref = `${m.kind}/${m.metadata?.name}`;
    const ns = m.metadata?.namespace;
    routing(drafts, m, ref);
    storage(drafts, m, ref, platform, exists);
    const pod = POD_KINDS[m.kind]?.(m);
    if (pod) podNeeds(drafts, pod, ref, ns, platform, exists);
    if (m.kind === 'NetworkPolicy') drafts.add(PrerequisiteKind.NETWORK_POLICY_ENGINE, 'NetworkPolicy', ref, () => networkPolicyEngineSetup(platform));
    if (m.kind === 'Rollout') drafts.add(PrerequisiteKind.CUSTOM_RESOURCE, 'rollouts.argoproj.io', ref, () => ({ how: 'Argo Rollouts: its controller and CRDs.', command: 'kubectl create namespace argo-rollouts && kubectl apply -n argo-rollouts -f https://github.com/argoproj/argo-rollouts/releases/latest/download/install.yaml' }));
    for (const secret of tlsSecrets(m)) {
      if (!exists('Secret', ns, secret)) {
        drafts.add(PrerequisiteKind.SECRET, secret, ref, () => ({ how: 'A `kubernetes.io/tls` Secret with the certificate and key.', command: `kubectl create secret tls ${secret}${nsFlag(ns)} --cert=<cert.pem> --key=<key.pem>` }), ns, ['tls.crt', 'tls.key']);
      }
    }
  }
  return drafts.list();
}

function routing(drafts: Drafts, m: any, ref: string): void {
  if (m.kind === 'Gateway' && m.spec?.gatewayClassName) {
    drafts.add(PrerequisiteKind.GATEWAY_CLASS, m.spec.gatewayClassName, ref, () => gatewayClassSetup(m.spec.gatewayClassName));
    const a = m.metadata?.annotations ?? {};
    if (a['alb.networking.azure.io/alb-name'] !== undefined) {
      drafts.add(PrerequisiteKind.CUSTOM_RESOURCE, `ApplicationLoadBalancer ${a['alb.networking.azure.io/alb-namespace']}/${a['alb.networking.azure.io/alb-name']}`, ref, () => ({
        how: 'The `ApplicationLoadBalancer` (alb.networking.azure.io/v1) the Gateway names, whose `spec.associations` lists the delegated subnet\'s resource id.',
      }));
    }
  }
  const ingressClass = m.kind === 'Ingress' ? m.spec?.ingressClassName ?? m.metadata?.annotations?.['kubernetes.io/ingress.class'] : undefined;
  if (ingressClass) drafts.add(PrerequisiteKind.INGRESS_CLASS, ingressClass, ref, () => ingressClassSetup(ingressClass));
  if (m.kind === 'HealthCheckPolicy') {
    drafts.add(PrerequisiteKind.CUSTOM_RESOURCE, 'healthcheckpolicies.networking.gke.io', ref, () => ({ how: 'GKE Gateway\'s policy CRDs (installed with the Gateway API on GKE).' }));
  }
}

/** Whether the manifests create an object of that kind, namespace and name. */
type Exists = (kind: string, ns: string | undefined, name: string) => boolean;

function storage(drafts: Drafts, m: any, ref: string, platform: Platform | undefined, exists: Exists): void {
  if (m.kind === 'PersistentVolumeClaim' && m.spec?.storageClassName && !exists('StorageClass', undefined, m.spec.storageClassName)) {
    drafts.add(PrerequisiteKind.STORAGE_CLASS, m.spec.storageClassName, ref, () => storageClassSetup(m.spec.storageClassName));
  }
  if (m.kind === 'PersistentVolumeClaim' && m.spec?.storageClassName === undefined && !m.spec?.volumeName) {
    drafts.add(PrerequisiteKind.STORAGE_CLASS, '(default)', ref, () => ({ how: 'A default StorageClass (`kubectl get storageclass` marks it `(default)`); kind and minikube ship one.' }));
  }
  const nfs = m.kind === 'PersistentVolume' ? m.spec?.nfs : undefined;
  if (nfs) drafts.add(PrerequisiteKind.NFS_CLIENT, `${nfs.server}:${nfs.path}`, ref, () => nfsClientSetup(platform, nfs.server));
  if (m.kind === 'StorageClass' && m.provisioner === 'nfs.csi.k8s.io') {
    drafts.add(PrerequisiteKind.CUSTOM_RESOURCE, 'nfs.csi.k8s.io', ref, () => storageClassSetup('nfs-csi'));
  }
}

function podNeeds(drafts: Drafts, pod: any, ref: string, ns: string | undefined, platform: Platform | undefined, exists: Exists): void {
  for (const r of podReferences(pod)) {
    if (r.optional || r.kind === 'PersistentVolumeClaim' || exists(r.kind, ns, r.name)) continue;
    const keys = r.key !== undefined ? [r.key] : [];
    const draft = drafts.add(r.kind === 'Secret' ? PrerequisiteKind.SECRET : PrerequisiteKind.CONFIG_MAP, r.name, ref, () => ({ how: '' }), ns, keys);
    if (r.key === undefined) draft.optionalKeysUnknown = true;
    draft.setup = referenceSetup(r.kind, r.name, ns, [...draft.keys], draft.optionalKeysUnknown === true);
  }
  for (const s of pod.imagePullSecrets ?? []) {
    if (!exists('Secret', ns, s.name)) drafts.add(PrerequisiteKind.SECRET, s.name, ref, () => ({ how: 'An image pull Secret for the registry.', command: `kubectl create secret docker-registry ${s.name}${nsFlag(ns)} --docker-server=<registry> --docker-username=<user> --docker-password=<password>` }), ns);
  }
  for (const c of podContainers(pod)) {
    const registry = registryOf(String(c.image ?? ''));
    drafts.add(PrerequisiteKind.IMAGE_REGISTRY, registry, ref, () => registrySetup(platform, registry));
  }
  const main = pod.containers?.[0];
  const paths = [main?.livenessProbe, main?.readinessProbe, main?.startupProbe].map(p => p?.httpGet).filter(g => g);
  if (paths.length > 0) {
    const env = (main.env ?? []).find((e: any) => e.name === 'ASPNETCORE_ENVIRONMENT')?.value;
    const list = [...new Set(paths.map((g: any) => `${g.path} on ${g.port}`))].join(', ');
    const name = `GET ${list}${env ? ` (ASPNETCORE_ENVIRONMENT=${env})` : ''}`;
    drafts.add(PrerequisiteKind.HEALTH_ENDPOINTS, name, ref, () => ({
      how: `The image answers GET ${list} with a status from 200 to 399${env ? ` when ASPNETCORE_ENVIRONMENT is "${env}"` : ' as Production (ASPNETCORE_ENVIRONMENT is not set)'}. `
        + 'The .NET Aspire service defaults map /alive and /health in Development only: map them in every environment, or the kubelet restarts the container.',
    }));
  }
}

function referenceSetup(kind: 'Secret' | 'ConfigMap', name: string, ns: string | undefined, keys: string[], moreKeys: boolean): Setup {
  const literals = keys.map(k => `--from-literal=${k}=...`).join(' ');
  const what = kind === 'Secret' ? 'secret generic' : 'configmap';
  return {
    how: `${kind === 'Secret' ? 'A Secret' : 'A ConfigMap'} the app reads but does not create${keys.length > 0 ? `, with the keys ${keys.map(k => `\`${k}\``).join(', ')}` : ''}${moreKeys ? ' (and every key the pods load from it whole)' : ''}.`,
    command: `kubectl create ${what} ${name}${nsFlag(ns)}${literals ? ` ${literals}` : ' --from-literal=<key>=...'}`,
  };
}

function tlsSecrets(m: any): string[] {
  if (m.kind === 'Gateway') return (m.spec?.listeners ?? []).flatMap((l: any) => (l.tls?.certificateRefs ?? []).filter((r: any) => !r.namespace).map((r: any) => r.name));
  if (m.kind === 'Ingress') return (m.spec?.tls ?? []).map((t: any) => t.secretName).filter((n: any) => n);
  return [];
}

/** The registry of an image reference: its first part when it has a dot, a port or is localhost; else Docker Hub. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

function nsFlag(ns: string | undefined): string {
  return ns ? ` -n ${ns}` : '';
}
