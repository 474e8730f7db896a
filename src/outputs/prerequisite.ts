/**
 * What a {@link Prerequisite} is: the kinds of things an application assumes of its cluster.
 */
export enum PrerequisiteKind {
  /** A GatewayClass and the Gateway API implementation behind it. */
  GATEWAY_CLASS = 'GATEWAY_CLASS',
  /** An IngressClass and its controller. */
  INGRESS_CLASS = 'INGRESS_CLASS',
  /** A StorageClass and its CSI driver (or the default StorageClass). */
  STORAGE_CLASS = 'STORAGE_CLASS',
  /** A Secret the app reads but does not create. */
  SECRET = 'SECRET',
  /** A ConfigMap the app reads but does not create. */
  CONFIG_MAP = 'CONFIG_MAP',
  /** A custom resource or its CRDs (Argo Rollouts, an ApplicationLoadBalancer, GKE policies). */
  CUSTOM_RESOURCE = 'CUSTOM_RESOURCE',
  /** A registry the nodes pull images from. */
  IMAGE_REGISTRY = 'IMAGE_REGISTRY',
  /** An NFS client on the nodes, and a route to the NFS server. */
  NFS_CLIENT = 'NFS_CLIENT',
  /** Something that enforces NetworkPolicies. */
  NETWORK_POLICY_ENGINE = 'NETWORK_POLICY_ENGINE',
  /** HTTP endpoints an image must answer for its probes. */
  HEALTH_ENDPOINTS = 'HEALTH_ENDPOINTS',
}

/**
 * One thing an application's manifests assume of the cluster without creating it.
 */
export interface Prerequisite {
  /** What kind of thing it is. */
  readonly kind: PrerequisiteKind;
  /** Its name: a class, Secret, registry, NFS export, image and paths. */
  readonly name: string;
  /**
   * Its namespace, for a Secret or ConfigMap.
   *
   * @default - cluster-wide
   */
  readonly namespace?: string;
  /** The keys the app reads, for a Secret or ConfigMap; empty otherwise. */
  readonly keys: string[];
  /** The objects that need it (`Deployment/catalog`). */
  readonly usedBy: string[];
  /** What it is and how to provide it (Markdown). */
  readonly how: string;
  /**
   * A command that provides it.
   *
   * @default - none
   */
  readonly command?: string;
}

/** Whether `kubectl get` output shows a prerequisite. */
export enum PrerequisiteStatus {
  /** The cluster has it (with every key, for a Secret or ConfigMap). */
  PRESENT = 'PRESENT',
  /** The cluster lacks it, or some of its keys. */
  MISSING = 'MISSING',
  /** `kubectl get` cannot show it (a registry, an NFS client, an endpoint of an image). */
  NOT_CHECKED = 'NOT_CHECKED',
}

/** A prerequisite compared with the cluster. */
export interface PrerequisiteCheck {
  /** The prerequisite. */
  readonly prerequisite: Prerequisite;
  /** What the cluster's objects say. */
  readonly status: PrerequisiteStatus;
  /** Why, in a sentence: what was found or what is missing. */
  readonly detail: string;
}
