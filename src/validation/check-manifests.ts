import { ManifestIndex, podTemplateOf, serviceBackendsOf, isObject } from './manifest-index';
import { ManifestFinding, ManifestValidatorOptions } from './options';
import { hpaTarget } from './rules/hpa-target';
import { objectSize } from './rules/object-size';
import { pdbSelectsPods } from './rules/pdb-selects-pods';
import { podSecurity } from './rules/pod-security';
import { probePort } from './rules/probe-port';
import { pvcBinds } from './rules/pvc-binds';
import { referenceExists } from './rules/reference-exists';
import { routeBackend } from './rules/route-backend';
import { routeBackendPort } from './rules/route-backend-port';
import { routeParent } from './rules/route-parent';
import { Rule, RuleContext } from './rules/rule';
import { serviceSelectsPods } from './rules/service-selects-pods';
import { serviceTargetPort } from './rules/service-target-port';
import { uniqueName } from './rules/unique-name';
import { uniqueNodePort } from './rules/unique-node-port';
import { containerReferences, podContainers, volumeReferences } from '../core/pod-spec';

/** The rules of each kind, in the order their findings are reported. */
const OBJECT_RULES = new Map<string, Array<Rule<any>>>([
  ['Service', [serviceSelectsPods, serviceTargetPort, uniqueNodePort]],
  ['HorizontalPodAutoscaler', [hpaTarget]],
  ['PodDisruptionBudget', [pdbSelectsPods]],
  ['PersistentVolumeClaim', [pvcBinds]],
  ['ConfigMap', [objectSize]],
  ['Secret', [objectSize]],
]);
const ROUTE_KINDS = new Set(['Ingress', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);
const BACKEND_RULES = [routeBackend, routeBackendPort];

/**
 * Runs every manifest rule and returns the findings: names first, then each object's in manifest
 * order (for a route, backend by backend; for a workload, container by container, then volumes).
 */
export function checkManifests(manifests: any[], options: ManifestValidatorOptions = {}): ManifestFinding[] {
  const context: RuleContext = { index: new ManifestIndex(manifests, options.defaultNamespace ?? 'default'), options };
  const findings: ManifestFinding[] = [];
  const report = (m: any, ruleId: string, messages: string[]) => {
    for (const message of messages) findings.push(findingOf(m, ruleId, message, context));
  };
  for (const [m, message] of uniqueName.check(manifests, context)) report(m, uniqueName.id, [message]);
  for (const m of manifests.filter(isObject)) {
    const apply = <S>(rules: Array<Rule<S>>, subject: S) => rules.forEach(rule => report(m, rule.id, rule.check(subject, context)));
    apply(OBJECT_RULES.get(m.kind) ?? [], m);
    if (ROUTE_KINDS.has(m.kind)) {
      for (const backend of serviceBackendsOf(m, context.index.namespaceOf(m))) apply(BACKEND_RULES, backend);
      if (m.kind !== 'Ingress') apply([routeParent], m);
    }
    const pod = podTemplateOf(m)?.spec;
    if (pod) checkPod(m, pod, context, apply);
  }
  return findings;
}

type Apply = <S>(rules: Array<Rule<S>>, subject: S) => void;

function checkPod(m: any, pod: any, context: RuleContext, apply: Apply): void {
  const namespace = context.index.namespaceOf(m);
  for (const container of podContainers(pod)) {
    apply([probePort], container);
    for (const reference of containerReferences(container)) apply([referenceExists], { namespace, reference });
  }
  for (const volume of pod.volumes ?? []) {
    for (const reference of volumeReferences(volume)) apply([referenceExists], { namespace, reference });
  }
  apply([podSecurity], { manifest: m, pod });
}

function findingOf(m: any, rule: string, message: string, { index }: RuleContext): ManifestFinding {
  return { kind: String(m?.kind ?? '?'), namespace: index.namespaceOf(m), name: String(m?.metadata?.name ?? '?'), rule, message };
}
