// The types the manifest checks and their public entry point share, in a file of their own so
// that neither imports the other.

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
   * Workloads (by name) allowed to break their Pod Security level. A workload can also carry the
   * annotation `k8s-course-constructs/pod-security: exempt`.
   *
   * @default - none
   */
  readonly podSecurityExempt?: string[];

  /**
   * Skip the Pod Security check.
   *
   * @default false
   */
  readonly skipPodSecurity?: boolean;
}
