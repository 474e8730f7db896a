import { parseAllDocuments } from 'yaml';
import { Prerequisite, PrerequisiteCheck, PrerequisiteKind, PrerequisiteStatus } from '../prerequisite';

/** The `kubectl get` that gives {@link checkPrerequisites} everything it can compare. */
export const CHECK_COMMAND = 'kubectl get gatewayclass,ingressclass,storageclass,customresourcedefinition,secret,configmap -A -o json \\\n'
  // Keep the keys of Secrets, not their values: the check reads keys only.
  + '  | jq \'(.items[] | select(.kind == "Secret") | .data) |= with_entries(.value = "")\' > cluster.json';

/** Objects of `kubectl get -o json|yaml` output (a List, one object, or several documents). */
export function clusterObjects(text: string): any[] {
  const docs = parseAllDocuments(text).map(d => d.toJS()).filter(d => d && typeof d === 'object');
  return docs.flatMap(d => (d.kind === 'List' || Array.isArray(d.items) ? d.items ?? [] : [d]));
}

/** Each prerequisite compared with the cluster's objects. */
export function checkPrerequisites(items: Prerequisite[], objects: any[]): PrerequisiteCheck[] {
  return items.map(p => checkOne(p, objects));
}

const KUBE_KIND: { [kind in PrerequisiteKind]?: string } = {
  [PrerequisiteKind.GATEWAY_CLASS]: 'GatewayClass',
  [PrerequisiteKind.INGRESS_CLASS]: 'IngressClass',
  [PrerequisiteKind.STORAGE_CLASS]: 'StorageClass',
  [PrerequisiteKind.SECRET]: 'Secret',
  [PrerequisiteKind.CONFIG_MAP]: 'ConfigMap',
  [PrerequisiteKind.CUSTOM_RESOURCE]: 'CustomResourceDefinition',
};

/** A CRD's name is `<plural>.<group>`; other custom prerequisites (a driver, a resource) are not compared. */
const CRD_NAME = /^[a-z0-9-]+\.[a-z0-9-]+(\.[a-z0-9-]+)+$/;

function checkOne(p: Prerequisite, objects: any[]): PrerequisiteCheck {
  if (p.kind === PrerequisiteKind.STORAGE_CLASS && p.name === '(default)') {
    const isDefault = objects.some(o => o.kind === 'StorageClass' && o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
    return isDefault
      ? { prerequisite: p, status: PrerequisiteStatus.PRESENT, detail: 'a default StorageClass found' }
      : { prerequisite: p, status: PrerequisiteStatus.MISSING, detail: 'no StorageClass is annotated storageclass.kubernetes.io/is-default-class' };
  }
  const kind = KUBE_KIND[p.kind];
  if (!kind || (kind === 'CustomResourceDefinition' && !CRD_NAME.test(p.name))) {
    return { prerequisite: p, status: PrerequisiteStatus.NOT_CHECKED, detail: 'kubectl get cannot show this: check it by hand' };
  }
  const namespaced = kind === 'Secret' || kind === 'ConfigMap';
  const ns = namespaced ? p.namespace ?? 'default' : undefined;
  const found = objects.find(o => o.kind === kind && o.metadata?.name === p.name && (!namespaced || (o.metadata?.namespace ?? 'default') === ns));
  if (!found) return { prerequisite: p, status: PrerequisiteStatus.MISSING, detail: `no ${kind} "${p.name}"${ns ? ` in namespace "${ns}"` : ''}` };
  const have = new Set(Object.keys({ ...found.data, ...found.stringData, ...found.binaryData }));
  const missing = p.keys.filter(k => !have.has(k));
  return missing.length > 0
    ? { prerequisite: p, status: PrerequisiteStatus.MISSING, detail: `${kind} "${p.name}" lacks the keys ${missing.join(', ')}` }
    : { prerequisite: p, status: PrerequisiteStatus.PRESENT, detail: `${kind} "${p.name}" found` };
}
