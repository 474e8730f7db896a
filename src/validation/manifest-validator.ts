import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { crossCheck } from './cross-checks';

/**
 * One broken reference or rule found by {@link ManifestValidator}.
 */
export interface ManifestFinding {
  /** Kind of the object at fault. */
  readonly kind: string;
  /** Its namespace (the default namespace when it names none). */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
  /** The rule it breaks, a stable id such as `service-selects-pods` or `route-backend-port`. */
  readonly rule: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /**
   * The construct path of the object, when it came from a chart.
   *
   * @default - not known (plain manifests)
   */
  readonly path?: string;
}

/**
 * Options of {@link ManifestValidator}.
 */
export interface ManifestValidatorOptions {
  /**
   * Namespace of objects that do not name one.
   *
   * @default "default"
   */
  readonly defaultNamespace?: string;

  /**
   * ConfigMaps created outside the manifests (`name` or `namespace/name`).
   *
   * @default - none
   */
  readonly externalConfigMaps?: string[];

  /**
   * Secrets created outside the manifests (`name` or `namespace/name`).
   *
   * @default - none
   */
  readonly externalSecrets?: string[];

  /**
   * PersistentVolumeClaims created outside the manifests.
   *
   * @default - none
   */
  readonly externalClaims?: string[];

  /**
   * Services created outside the manifests that routes may send traffic to.
   *
   * @default - none
   */
  readonly externalServices?: string[];

  /**
   * Workloads (by name) allowed to break restricted Pod Security. A workload can also carry the
   * annotation `k8s-course-constructs/pod-security: exempt`.
   *
   * @default - none
   */
  readonly podSecurityExempt?: string[];

  /**
   * Skip the restricted Pod Security check.
   *
   * @default false
   */
  readonly skipPodSecurity?: boolean;
}

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
 * - restricted Pod Security holds, unless a workload is exempted.
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
    return crossCheck(manifests, options).map(f => ({ ...f }));
  }

  /**
   * Checks the API objects of a chart (or of any construct tree), with each finding's construct
   * path.
   */
  public static validateChart(scope: IConstruct, options: ManifestValidatorOptions = {}): ManifestFinding[] {
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
      if (c instanceof ApiObject) paths.set(`${c.kind}\u0000${c.metadata.namespace ?? defaultNs}\u0000${c.name}`, c.node.path);
    }
    return crossCheck(manifests, { ...options, defaultNamespace: defaultNs })
      .map(f => ({ ...f, path: paths.get(`${f.kind}\u0000${f.namespace}\u0000${f.name}`) }));
  }

  /**
   * Makes the chart fail synthesis with every finding at once.
   */
  public static addToChart(chart: Chart, options: ManifestValidatorOptions = {}): void {
    chart.node.addValidation({
      validate: () => ManifestValidator.validateChart(chart, options).map(f => ManifestValidator.format(f)),
    });
  }

  /**
   * One line for a finding: `[path] Kind/name: message` (or `Kind namespace/name: message`).
   */
  public static format(finding: ManifestFinding): string {
    const where = finding.path ? `[${finding.path}] ` : '';
    return `${where}${finding.kind} ${finding.namespace}/${finding.name}: ${finding.message} (${finding.rule})`;
  }
}

function defaultNamespaceOf(scope: IConstruct): string {
  const chart = scope.node.scopes.reverse().find((s): s is Chart => Chart.isChart(s));
  return chart?.namespace ?? 'default';
}
