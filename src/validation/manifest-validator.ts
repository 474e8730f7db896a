import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkManifests } from './check-manifests';
import { ManifestFinding, ManifestValidatorOptions } from './options';
import { MANIFEST_FINDING, MANIFEST_VALIDATOR_OPTIONS, MANIFESTS, SCOPE } from './prop-types';
import { objectKey } from '../core/objects';
import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';

/**
 * Cross-object checks: the references between objects that `kubectl apply` accepts but that leave
 * an application broken.
 *
 * - every Service selects pods of some workload, and its target ports exist on them;
 * - every Ingress and HTTPRoute backend Service and port exists;
 * - HPA targets exist (and do not also set replicas); PDB selectors match pods;
 * - probe ports exist on their containers;
 * - ConfigMap, Secret and PVC references exist (or are declared external), keys included;
 * - each pre-bound PVC can bind to its PersistentVolume (class, access modes, capacity, claimRef);
 * - no two objects share kind, namespace and name; NodePorts are unique;
 * - ConfigMaps and Secrets hold at most 1 MiB of data;
 * - pods pass the Pod Security level their workload declares (restricted unless its
 *   `k8s-course-constructs/pod-security` annotation says `baseline` or `privileged`) and the one
 *   their namespace enforces, unless a workload is exempted.
 *
 * Every check is linear in the number of objects.
 *
 * @example
 * const findings = ManifestValidator.validateChart(chart, { externalSecrets: ['catalog-db'] });
 */
export class ManifestValidator {
  /**
   * Checks plain manifests (for example parsed from YAML).
   */
  public static validateManifests(manifests: any[], options: ManifestValidatorOptions = {}): ManifestFinding[] {
    checkArguments(factoryFail('ManifestValidator.validateManifests', 'ManifestValidator'), { manifests: [manifests, MANIFESTS], options: [options, t.props(MANIFEST_VALIDATOR_OPTIONS)] });
    return checkManifests(manifests, options);
  }

  /**
   * Checks the API objects of a chart (or of any construct tree), with each finding's construct
   * path.
   */
  public static validateChart(scope: IConstruct, options: ManifestValidatorOptions = {}): ManifestFinding[] {
    checkArguments(factoryFail('ManifestValidator.validateChart', 'ManifestValidator'), { scope: [scope, SCOPE], options: [options, t.props(MANIFEST_VALIDATOR_OPTIONS)] });
    const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    return ManifestValidator._checkRendered(scope, objects.map(o => o.toJson()), options);
  }

  /**
   * Checks manifests already rendered from the API objects under `scope`, adding each finding's
   * construct path.
   *
   * @internal
   */
  public static _checkRendered(scope: IConstruct, manifests: any[], options: ManifestValidatorOptions): ManifestFinding[] {
    const defaultNs = options.defaultNamespace ?? defaultNamespaceOf(scope);
    const paths = new Map<string, string>();
    for (const c of scope.node.findAll()) {
      if (c instanceof ApiObject) paths.set(objectKey(c.kind, c.metadata.namespace ?? defaultNs, c.name), c.node.path);
    }
    return checkManifests(manifests, { ...options, defaultNamespace: defaultNs })
      .map(f => ({ ...f, path: paths.get(objectKey(f.kind, f.namespace, f.name)) }));
  }

  /**
   * Makes the chart fail synthesis with every finding at once.
   */
  public static addToChart(chart: Chart, options: ManifestValidatorOptions = {}): void {
    checkArguments(factoryFail('ManifestValidator.addToChart', 'ManifestValidator'), {
      chart: [chart, required(t.instance(Chart, 'Chart', 'pass the Chart to check at synth'))],
      options: [options, t.props(MANIFEST_VALIDATOR_OPTIONS)],
    });
    chart.node.addValidation({
      validate: () => ManifestValidator.validateChart(chart, options).map(f => ManifestValidator.format(f)),
    });
  }

  /**
   * One line for a finding: `[path] Kind/name: message` (or `Kind namespace/name: message`).
   */
  public static format(finding: ManifestFinding): string {
    checkArguments(factoryFail('ManifestValidator.format', 'ManifestValidator'), { finding: [finding, t.props(MANIFEST_FINDING)] });
    const where = finding.path ? `[${finding.path}] ` : '';
    return `${where}${finding.kind} ${finding.namespace}/${finding.name}: ${finding.message} (${finding.rule})`;
  }
}

function defaultNamespaceOf(scope: IConstruct): string {
  const chart = scope.node.scopes.reverse().find((s): s is Chart => Chart.isChart(s));
  return chart?.namespace ?? 'default';
}
