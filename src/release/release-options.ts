/**
 * The options of the release constructs and of their traffic value classes. They sit below the
 * constructs and the value classes so that the checks in private/ read them without importing
 * either.
 */
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiGateway, PathMatch } from '../gateway';
import { AutoscaleOptions, WorkloadOptions } from '../workload/workload-options';

/**
 * What the two versions of a release share: everything of a {@link ProbedDeployment} except its
 * image and replica count, plus the Service that clients use.
 *
 * Each member means what the ProbedDeployment prop of the same name means.
 */
export interface ReleaseWorkloadOptions extends WorkloadOptions {
  /**
   * Minimum time a new pod must be ready before it counts as available.
   *
   * @default Duration.seconds(5)
   */
  readonly minReady?: Duration;

  /**
   * Time after which a stuck rollout is reported as failed.
   *
   * @default Duration.seconds(600)
   */
  readonly progressDeadline?: Duration;

  /**
   * Scale with a HorizontalPodAutoscaler instead of a fixed replica count.
   *
   * @default - fixed replicas
   */
  readonly autoscale?: AutoscaleOptions;

  /**
   * The pods' security context (`fsGroup`, ...). Each container's own comes from `podSecurity`.
   *
   * @default - non-root
   */
  readonly securityContext?: kplus.PodSecurityContextProps;

  /**
   * Entries of the pods' `/etc/hosts`.
   *
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];

  /**
   * How long the containers get to stop after SIGTERM before they are killed.
   *
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
}

/**
 * How a canary release splits traffic between the stable version and the canary.
 */
export enum CanaryTrafficMode {
  /** One Service selects both Deployments; the weight is the canary's share of the pods. */
  REPLICA_RATIO = 'REPLICA_RATIO',
  /** A Gateway API HTTPRoute with weighted backends. */
  GATEWAY_API = 'GATEWAY_API',
  /** ingress-nginx canary annotations on a second Ingress. */
  INGRESS = 'INGRESS',
  /** An Argo Rollouts `Rollout` with canary steps. */
  ARGO_ROLLOUTS = 'ARGO_ROLLOUTS',
}

/**
 * Options of {@link CanaryTraffic.replicaRatio}.
 */
export interface ReplicaRatioTrafficOptions {
  /**
   * Pods of both versions together. The canary runs `totalReplicas * weight / 100` of them, so
   * this decides which weights are possible: 10 gives steps of 10%, 20 steps of 5%.
   *
   * @default 10
   */
  readonly totalReplicas?: number;
}

/**
 * Options of {@link CanaryTraffic.gatewayApi}.
 */
export interface GatewayApiTrafficOptions {
  /**
   * The Gateway API gateway whose HTTPRoute gets the release's route.
   */
  readonly gateway: ApiGateway;

  /**
   * The request path of the route (`/catalog`).
   */
  readonly path: string;

  /**
   * How `path` is compared with the request path.
   *
   * @default PathMatch.PREFIX
   */
  readonly pathMatch?: PathMatch;

  /**
   * Host names of the route.
   *
   * @default - the gateway's hostnames
   */
  readonly hostnames?: string[];

  /**
   * Replace the matched prefix before forwarding (`/catalog/items` reaches the Service as
   * `/items` with `rewritePrefix: '/'`).
   *
   * @default - the path is forwarded unchanged
   */
  readonly rewritePrefix?: string;
}

/**
 * Options of {@link CanaryTraffic.ingress}.
 */
export interface IngressTrafficOptions {
  /**
   * An ApiGateway of Ingress kind for ingress-nginx (or the AKS application routing add-on):
   * the two Ingresses take its IngressClass, hostnames and TLS Secret. Its own routes are
   * unchanged; the release adds the Ingresses of its path next to them.
   *
   * @default - `ingressClassName` and `host` from these options
   */
  readonly gateway?: ApiGateway;

  /**
   * The IngressClass of the ingress-nginx controller that reads the canary annotations.
   *
   * @default - the gateway's, else "nginx"
   */
  readonly ingressClassName?: string;

  /**
   * Host name the two Ingresses serve.
   *
   * @default - the gateway's hostnames, else every host
   */
  readonly host?: string;

  /**
   * URL path the two Ingresses serve.
   *
   * @default "/"
   */
  readonly path?: string;

  /**
   * How `path` matches.
   *
   * @default kplus.HttpIngressPathType.PREFIX
   */
  readonly pathType?: kplus.HttpIngressPathType;

  /**
   * A request header that sends a request to the canary regardless of the weight
   * (`nginx.ingress.kubernetes.io/canary-by-header`): with value `always` (or `headerValue`) it
   * goes to the canary, with `never` to the stable version. Only while a canary runs (weight 1-99).
   *
   * @default - no header routing
   */
  readonly header?: string;

  /**
   * The header value that selects the canary (`canary-by-header-value`).
   *
   * @default - "always" selects the canary, "never" the stable version
   */
  readonly headerValue?: string;
}

/**
 * Options of {@link CanaryTraffic.argoRollouts}.
 */
export interface ArgoRolloutsTrafficOptions {
  /**
   * How long the Rollout pauses after each step before the next.
   *
   * @default - indefinitely: `kubectl argo rollouts promote <name>` moves to the next step
   */
  readonly pause?: Duration;
}

/**
 * How a blue-green release switches traffic.
 */
export enum BlueGreenTrafficMode {
  /** Plain Kubernetes: the Service's selector moves to the active slot's pods. */
  SERVICES = 'SERVICES',
  /** An Argo Rollouts `Rollout` with a blueGreen strategy. */
  ARGO_ROLLOUTS = 'ARGO_ROLLOUTS',
}

/**
 * Options of {@link BlueGreenTraffic.argoRollouts}.
 */
export interface ArgoBlueGreenOptions {
  /**
   * Switch the active Service to the new version as soon as its pods are ready. When false, the
   * new version waits behind the preview Service until `kubectl argo rollouts promote <name>`.
   *
   * @default false (test the preview, then promote; Argo's own default is true)
   */
  readonly autoPromotionEnabled?: boolean;

  /**
   * How long the old version keeps running after the switch, for a quick rollback and for
   * clients that still resolve the old endpoints.
   *
   * @default Duration.seconds(30)
   */
  readonly scaleDownDelay?: Duration;

  /**
   * Pods of the new version while it is only previewed (before promotion).
   *
   * @default - all replicas
   */
  readonly previewReplicas?: number;
}
