import { ApiObject, Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { propError, PropProblem } from '../core/errors';
import { hostnameProblem } from '../core/names';
import { ApiGateway, GatewayImplementation, GatewayRoute, IngressController, PathMatch, RouteBackend } from '../gateway';
import {
  checkAutoscale, createRollout, createTrack, detachDeployment, foreignKeys, internalExposure, RELEASE_LABEL, rollingUpdateOf,
  rolloutAutoscaler, suffixedName, TRACK_LABEL,
} from './private/release';
import { AutoscaleOptions, ProbedDeployment } from '../workload/probed-deployment';
import { ServiceExposure } from '../workload/service-exposure';
import { WorkloadOptions } from '../workload/workload-options';
import { createService } from '../workload/service-factory';

const TYPE = 'CanaryRelease';

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

const OWN_KEYS: { [mode in CanaryTrafficMode]: string[] } = {
  [CanaryTrafficMode.REPLICA_RATIO]: ['totalReplicas'],
  [CanaryTrafficMode.GATEWAY_API]: ['gateway', 'path', 'pathMatch', 'hostnames', 'rewritePrefix'],
  [CanaryTrafficMode.INGRESS]: ['gateway', 'ingressClassName', 'host', 'path', 'pathType', 'header', 'headerValue'],
  [CanaryTrafficMode.ARGO_ROLLOUTS]: ['pause'],
};

const FACTORY: { [mode in CanaryTrafficMode]: string } = {
  [CanaryTrafficMode.REPLICA_RATIO]: 'CanaryTraffic.replicaRatio()',
  [CanaryTrafficMode.GATEWAY_API]: 'CanaryTraffic.gatewayApi()',
  [CanaryTrafficMode.INGRESS]: 'CanaryTraffic.ingress()',
  [CanaryTrafficMode.ARGO_ROLLOUTS]: 'CanaryTraffic.argoRollouts()',
};

/** Who owns each option key, for the message when a key lands in another mode's options. */
function owners(): { [key: string]: string } {
  const result: { [key: string]: string } = {};
  for (const mode of Object.values(CanaryTrafficMode)) {
    for (const key of OWN_KEYS[mode]) result[key] = result[key] ?? FACTORY[mode];
  }
  for (const key of ['steps', 'step', 'weight', 'replicas', 'autoscale']) result[key] = 'CanaryReleaseProps';
  for (const key of ['autoPromotionEnabled', 'scaleDownDelay', 'previewReplicas']) result[key] = 'BlueGreenTraffic.argoRollouts()';
  return result;
}

/**
 * How a {@link CanaryRelease} splits traffic between its stable version and its canary.
 *
 * - `replicaRatio()`: plain Kubernetes, no controller; the weight is a share of the pods.
 * - `gatewayApi(...)`: an HTTPRoute on an {@link ApiGateway} with weighted backends.
 * - `ingress(...)`: ingress-nginx canary annotations.
 * - `argoRollouts(...)`: an Argo Rollouts `Rollout` that walks the steps itself.
 */
export class CanaryTraffic {
  /**
   * One Service selects the pods of both versions; `totalReplicas` pods are shared out by weight
   * (10% of 10 pods: 9 stable, 1 canary). Needs nothing but Kubernetes.
   *
   * @example
   * CanaryTraffic.replicaRatio({ totalReplicas: 20 })
   */
  public static replicaRatio(options: ReplicaRatioTrafficOptions = {}): CanaryTraffic {
    return new CanaryTraffic(CanaryTrafficMode.REPLICA_RATIO, options);
  }

  /**
   * A route on a Gateway API {@link ApiGateway} with two weighted backends, the stable Service
   * and the canary Service (`backendRefs` weights 90 and 10 at weight 10).
   *
   * @example
   * CanaryTraffic.gatewayApi({ gateway, path: '/catalog', rewritePrefix: '/' })
   * @see https://gateway-api.sigs.k8s.io/guides/traffic-splitting/
   */
  public static gatewayApi(options: GatewayApiTrafficOptions): CanaryTraffic {
    return new CanaryTraffic(CanaryTrafficMode.GATEWAY_API, options);
  }

  /**
   * A primary Ingress to the stable Service and a canary Ingress to the canary Service with
   * ingress-nginx's `canary` and `canary-weight` annotations (and `canary-by-header`). Other
   * ingress controllers ignore these annotations.
   *
   * @example
   * CanaryTraffic.ingress({ host: 'shop.example.com', path: '/catalog', header: 'X-Canary' })
   * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#canary
   */
  public static ingress(options: IngressTrafficOptions = {}): CanaryTraffic {
    return new CanaryTraffic(CanaryTrafficMode.INGRESS, options);
  }

  /**
   * An Argo Rollouts `Rollout` (argoproj.io/v1alpha1) with a canary strategy: `setWeight` and
   * `pause` for each step of the release's plan, and stable and canary Services that the
   * controller points at the right pods. Needs the Argo Rollouts controller in the cluster.
   *
   * The Rollout carries the stable ProbedDeployment's rendered pod template (restricted security,
   * probes, resources and config checksum included) rather than a `workloadRef` to a Deployment:
   * the YAML shows the whole workload, no Deployment sits at 0/0 pods beside it, and blue-green
   * Rollouts with `workloadRef` have ignored `autoPromotionEnabled: false` (argo-rollouts#4503).
   * No traffic router is configured, so the controller realises each weight with pod counts: the
   * steps must be shares of `replicas` that whole pods can run.
   *
   * @example
   * CanaryTraffic.argoRollouts({ pause: Duration.minutes(10) })
   * @see https://argo-rollouts.readthedocs.io/en/stable/features/canary/
   */
  public static argoRollouts(options: ArgoRolloutsTrafficOptions = {}): CanaryTraffic {
    return new CanaryTraffic(CanaryTrafficMode.ARGO_ROLLOUTS, options);
  }

  /** The traffic mode. */
  public readonly mode: CanaryTrafficMode;

  /** @internal */
  public readonly _options: any;

  private constructor(mode: CanaryTrafficMode, options: object) {
    this.mode = mode;
    this._options = { ...options };
  }

  /** The factory that made this value, for messages. */
  public get factory(): string {
    return FACTORY[this.mode];
  }
}

/**
 * Props of {@link CanaryRelease}.
 */
export interface CanaryReleaseProps extends ReleaseWorkloadOptions {
  /**
   * The stable version's image: what runs when no canary does.
   */
  readonly image: string;

  /**
   * The canary's image. Between releases, leave it out: the canary Deployment then runs `image`
   * at 0 replicas and the weight must be 0.
   *
   * The same image as `image` is an error, not a warning: such a canary tests nothing, in a
   * synth-per-step workflow it is nearly always a forgotten edit (the canary version not bumped,
   * or `image` updated after a promotion without dropping `canaryImage`), and cdk8s has no
   * warning channel that `cdk8s synth` prints, so a warning would go unseen.
   *
   * @default - no canary in flight
   */
  readonly canaryImage?: string;

  /**
   * How traffic is split between the two versions.
   *
   * @default CanaryTraffic.replicaRatio()
   */
  readonly traffic?: CanaryTraffic;

  /**
   * The canary's share of the traffic, 0 to 100. 0 is rolled back (the canary runs no pods);
   * 100 is promoted: the stable Deployment runs `canaryImage` (a zero-downtime rolling update),
   * exactly as it will once `image` is set to it, and the canary runs no pods.
   *
   * In Argo Rollouts mode the controller walks `steps` itself: only 0 (roll back) and 100 are
   * accepted.
   *
   * @default - `steps[step]` when `steps` and `canaryImage` are given, else 0 (Argo Rollouts
   * mode: 100 with a `canaryImage`, else 0)
   */
  readonly weight?: number;

  /**
   * The release plan: the canary weights in order, ending at 100 (`[5, 25, 50, 100]`). With
   * `step` it gives the weight; in Argo Rollouts mode it becomes the Rollout's steps.
   *
   * @default - no plan (Argo Rollouts mode: [50, 100])
   */
  readonly steps?: number[];

  /**
   * Index into `steps` of the current step. Not used in Argo Rollouts mode, where the controller
   * moves between steps.
   *
   * @default 0 when `steps` are given and `weight` is not
   */
  readonly step?: number;

  /**
   * Pods of the stable version (Gateway API, ingress and Argo Rollouts modes). The canary runs
   * its share of this count, at least 1. In replica-ratio mode use `totalReplicas` instead.
   *
   * @default 2
   */
  readonly replicas?: number;
}

/**
 * One microservice released in two versions, the stable one and a canary, behind one Service
 * name that clients keep using.
 *
 * Both versions are {@link ProbedDeployment}s that share probes, port, configuration and
 * security; only the image differs. Each step of a release is the same program synthesized with
 * another `weight` (or `step`) and applied with `kubectl apply`: no step renames an object or
 * changes a Deployment's selector, and at every step the Service selects ready pods.
 *
 * @example
 * new CanaryRelease(chart, 'catalog', {
 *   serviceName: 'catalog',
 *   image: 'eshop/catalog-api:1.4.0',
 *   canaryImage: 'eshop/catalog-api:1.5.0',
 *   healthChecks: HealthChecks.aspNetCore(),
 *   steps: [10, 50, 100],
 *   step: 0,
 * });
 */
export class CanaryRelease extends Construct {
  /** How traffic is split. */
  public readonly traffic: CanaryTraffic;
  /** The canary's share of the traffic at this step, 0 to 100. */
  public readonly weight: number;
  /** The release plan, if any. */
  public readonly steps?: number[];
  /**
   * The stable version. In Argo Rollouts mode it is not written as a Deployment: its pod template
   * (with the image the controller rolls out) is the Rollout's, and its PodDisruptionBudget
   * covers the Rollout's pods.
   */
  public readonly stable: ProbedDeployment;
  /** The canary version (not in Argo Rollouts mode, where the controller makes the canary pods). */
  public readonly canary?: ProbedDeployment;
  /** The Service that clients use; in replica-ratio mode it selects the pods of both versions. */
  public readonly service: kplus.Service;
  /** The Service of the canary pods only (Gateway API, ingress and Argo Rollouts modes). */
  public readonly canaryService?: kplus.Service;
  /** The route with the weighted backends (Gateway API mode). */
  public readonly route?: GatewayRoute;
  /** The primary Ingress (ingress mode). */
  public readonly ingress?: ApiObject;
  /** The canary Ingress with the canary annotations (ingress mode). */
  public readonly canaryIngress?: ApiObject;
  /** The Argo Rollouts `Rollout` (Argo Rollouts mode). */
  public readonly rollout?: ApiObject;
  /** The Rollout's HorizontalPodAutoscaler (Argo Rollouts mode with `autoscale`). */
  public readonly rolloutAutoscaler?: kplus.HorizontalPodAutoscaler;
  /** Pods of the stable Deployment (or the Rollout) at this step; undefined when autoscaled. */
  public readonly stableReplicas?: number;
  /** Pods of the canary Deployment at this step; undefined when autoscaled. */
  public readonly canaryReplicas?: number;

  public constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    super(scope, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const traffic = props.traffic ?? CanaryTraffic.replicaRatio();
    this.traffic = traffic;
    const mode = traffic.mode;
    const argo = mode === CanaryTrafficMode.ARGO_ROLLOUTS;

    checkTrafficOptions(traffic, fail);
    checkGateway(traffic, fail);
    const steps = argo ? props.steps ?? [50, 100] : props.steps;
    if (steps !== undefined) checkSteps(steps, fail);
    this.steps = steps;
    this.weight = resolveWeight(props, argo, fail);
    const weight = this.weight;
    checkImages(props, weight, fail);
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
      throw fail({ prop: 'replicas', rule: 'must be an integer of 0 or more', value: props.replicas, fix: 'use 2 or more for availability' });
    }
    if (props.autoscale && props.replicas !== undefined) {
      throw fail({
        prop: 'replicas',
        rule: 'must not be set with autoscale (the autoscaler owns the replica count)',
        value: props.replicas,
        fix: 'drop replicas and set autoscale.minReplicas instead',
      });
    }
    if (props.autoscale) checkAutoscale(this, TYPE, props.autoscale);

    const canaryImage = props.canaryImage ?? props.image;
    // Promoted: the stable Deployment runs the canary's image, as it will once `image` is updated.
    const stableImage = weight === 100 ? canaryImage : props.image;
    const releaseLabel = { [RELEASE_LABEL]: releaseLabelValue(this) };
    const exposure = props.exposure ?? ServiceExposure.clusterIp();
    const name = (suffix: string, kind: 'Service' | 'Deployment' = 'Deployment') => suffixedName(this, TYPE, props.serviceName, suffix, kind);

    if (mode === CanaryTrafficMode.REPLICA_RATIO) {
      const total = traffic._options.totalReplicas ?? 10;
      if (!Number.isInteger(total) || total < 1) {
        throw fail({ prop: 'traffic.totalReplicas', rule: 'must be an integer of at least 1', value: total, fix: 'use 10 for steps of 10%, 20 for steps of 5%' });
      }
      if (props.replicas !== undefined) {
        throw fail({
          prop: 'replicas',
          rule: 'is not used in replica-ratio mode, where both versions share totalReplicas',
          value: props.replicas,
          fix: `pass CanaryTraffic.replicaRatio({ totalReplicas: ${props.replicas} }) instead`,
        });
      }
      if (props.autoscale) {
        throw fail({
          prop: 'autoscale',
          rule: 'is not possible in replica-ratio mode: autoscalers would change the pod counts that make the weight',
          value: props.autoscale,
          fix: 'use CanaryTraffic.gatewayApi(...) or .ingress(...), where the weight does not depend on pod counts, or fixed totalReplicas',
        });
      }
      checkExpressible('traffic.totalReplicas', total, weight, steps, fail);
      const canaryPods = weight === 100 ? 0 : total * weight / 100;
      this.stableReplicas = total - canaryPods;
      this.canaryReplicas = canaryPods;
      this.stable = this.track('Stable', props, stableImage, this.stableReplicas, 'stable', name('stable'), releaseLabel);
      this.canary = this.track('Canary', props, canaryImage, this.canaryReplicas, 'canary', name('canary'), releaseLabel);
      this.service = createService(this, 'Service', undefined, exposure, this.stable.port, props.serviceName, TYPE);
      // Both versions carry the release label; their own selectors stay cdk8s's per-Deployment label.
      for (const [key, value] of Object.entries(releaseLabel)) this.service.selectLabel(key, value);
      return;
    }

    const replicas = props.replicas ?? 2;
    if (argo) {
      const fixed = props.autoscale ? undefined : replicas;
      if (fixed !== undefined) checkExpressible('replicas', fixed, weight, steps, fail, 'Argo Rollouts without a traffic router splits traffic by pods');
      this.stableReplicas = fixed;
      this.canaryReplicas = undefined;
      // One pod template for both versions: the controller labels each ReplicaSet's pods with its track.
      this.stable = this.track('Stable', props, weight === 0 ? props.image : canaryImage, fixed ?? props.autoscale!.minReplicas ?? 2, undefined, name('stable'), releaseLabel);
      detachDeployment(this.stable);
      this.service = createService(this, 'Service', this.stable, exposure, this.stable.port, props.serviceName, TYPE);
      this.canaryService = createService(this, 'CanaryService', this.stable, internalExposure(exposure), this.stable.port, name('canary', 'Service'), TYPE);
      const pause: Duration | undefined = traffic._options.pause;
      const template = this.stable;
      const service = this.service;
      const canaryService = this.canaryService;
      this.rollout = createRollout(this, 'Rollout', props.serviceName, {
        template,
        selector: template.matchLabels,
        replicas: fixed,
        strategy: () => ({
          canary: {
            stableService: service.name,
            canaryService: canaryService.name,
            stableMetadata: { labels: { [TRACK_LABEL]: 'stable' } },
            canaryMetadata: { labels: { [TRACK_LABEL]: 'canary' } },
            ...rollingUpdateOf(template),
            steps: argoSteps(steps!, pause),
          },
        }),
      });
      if (props.autoscale) this.rolloutAutoscaler = rolloutAutoscaler(this, 'Autoscaler', this.rollout, template, props.autoscale);
      return;
    }

    // Weighted modes: the stable version keeps its pods, the canary runs its share of them.
    const share = (count: number) => Math.max(1, Math.ceil(count * weight / 100));
    const canaryRuns = weight > 0 && weight < 100;
    this.stableReplicas = props.autoscale ? undefined : replicas;
    this.canaryReplicas = !canaryRuns ? 0 : props.autoscale ? undefined : share(replicas);
    const canaryAutoscale = canaryRuns && props.autoscale ? {
      ...props.autoscale,
      minReplicas: share(props.autoscale.minReplicas ?? 2),
      maxReplicas: Math.max(share(props.autoscale.minReplicas ?? 2), share(props.autoscale.maxReplicas)),
    } : undefined;
    this.stable = this.track('Stable', props, stableImage, this.stableReplicas, 'stable', name('stable'), releaseLabel, props.autoscale);
    this.canary = this.track('Canary', props, canaryImage, this.canaryReplicas, 'canary', name('canary'), releaseLabel, canaryAutoscale);
    this.service = createService(this, 'Service', this.stable, exposure, this.stable.port, props.serviceName, TYPE);
    this.canaryService = createService(this, 'CanaryService', this.canary, internalExposure(exposure), this.canary.port, name('canary', 'Service'), TYPE);
    const canaryWeight = canaryRuns ? weight : 0;

    if (mode === CanaryTrafficMode.GATEWAY_API) {
      const o = traffic._options as GatewayApiTrafficOptions;
      this.route = new GatewayRoute(this, 'Route', {
        gateway: o.gateway,
        path: o.path,
        pathMatch: o.pathMatch,
        hostnames: o.hostnames,
        rewritePrefix: o.rewritePrefix,
        backends: [
          RouteBackend.fromService(this.service, { weight: 100 - canaryWeight }),
          RouteBackend.fromService(this.canaryService, { weight: canaryWeight }),
        ],
      });
      return;
    }

    if (mode === CanaryTrafficMode.INGRESS) {
      const o = traffic._options as IngressTrafficOptions;
      checkIngressOptions(o, fail);
      const gatewayHosts = o.gateway?.hostnames ?? [];
      const hosts: Array<string | undefined> = o.host !== undefined ? [o.host] : gatewayHosts.length > 0 ? gatewayHosts : [undefined];
      const tlsSecretName = o.gateway?.tlsSecretName;
      const rules = (service: kplus.Service): k8s.IngressRule[] => hosts.map(host => ({
        host,
        http: {
          paths: [{
            path: o.path ?? '/',
            pathType: o.pathType ?? kplus.HttpIngressPathType.PREFIX,
            backend: { service: { name: service.name, port: { number: service.ports[0].port } } },
          }],
        },
      }));
      const ingressClassName = o.ingressClassName ?? o.gateway?.kind.ingressClassName ?? 'nginx';
      const tls = tlsSecretName && hosts[0] !== undefined ? [{ hosts: hosts as string[], secretName: tlsSecretName }] : undefined;
      this.ingress = new k8s.KubeIngress(this, 'Ingress', {
        metadata: named(props.serviceName),
        spec: { ingressClassName, rules: rules(this.service), tls },
      });
      const annotations: { [key: string]: string } = {
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': String(canaryWeight),
      };
      if (o.header && canaryRuns) {
        annotations['nginx.ingress.kubernetes.io/canary-by-header'] = o.header;
        if (o.headerValue) annotations['nginx.ingress.kubernetes.io/canary-by-header-value'] = o.headerValue;
      }
      this.canaryIngress = new k8s.KubeIngress(this, 'CanaryIngress', {
        metadata: { ...named(name('canary')), annotations },
        spec: { ingressClassName, rules: rules(this.canaryService), tls },
      });
      return;
    }

    throw fail({ prop: 'traffic', rule: 'is not a known traffic mode', value: mode, fix: 'use one of the CanaryTraffic factories' });
  }

  private track(
    id: string, props: CanaryReleaseProps, image: string, replicas: number | undefined, track: string | undefined, name: string | undefined,
    releaseLabel: { [key: string]: string }, autoscale?: AutoscaleOptions,
  ): ProbedDeployment {
    return createTrack(this, id, props, {
      image,
      replicas,
      autoscale,
      name,
      labels: track ? { ...releaseLabel, [TRACK_LABEL]: track } : releaseLabel,
    });
  }
}

/** Metadata with a name only when one is given: an explicit undefined name replaces cdk8s's. */
function named(name: string | undefined): { name?: string } {
  return name !== undefined ? { name } : {};
}

/** The value of the release label: stable, because it depends only on the construct path. */
function releaseLabelValue(release: Construct): string {
  return Names.toLabelValue(release);
}

function checkTrafficOptions(traffic: CanaryTraffic, fail: (p: PropProblem) => Error): void {
  for (const [key, owner] of foreignKeys(traffic._options, OWN_KEYS[traffic.mode], owners())) {
    const known = owner !== 'no traffic mode';
    throw fail({
      prop: `traffic.${key}`,
      rule: known ? `is an option of ${owner}, not of ${traffic.factory}` : `is not an option of ${traffic.factory}`,
      value: traffic._options[key],
      fix: known ? `move ${key} to ${owner}, or drop it` : `use only ${OWN_KEYS[traffic.mode].join(', ')}`,
    });
  }
}

/** The gateway a traffic mode needs, and the kind of gateway it must be. */
function checkGateway(traffic: CanaryTraffic, fail: (p: PropProblem) => Error): void {
  const gateway: ApiGateway | undefined = traffic._options.gateway;
  if (traffic.mode === CanaryTrafficMode.GATEWAY_API) {
    if (!gateway) {
      throw fail({
        prop: 'traffic.gateway',
        rule: 'is required in Gateway API mode: the weighted route belongs to a gateway',
        value: gateway,
        fix: 'pass CanaryTraffic.gatewayApi({ gateway, path }) with an ApiGateway, or use CanaryTraffic.replicaRatio() without one',
      });
    }
    if (gateway.kind.implementation !== GatewayImplementation.GATEWAY_API) {
      throw fail({
        prop: 'traffic.gateway',
        rule: 'must be a Gateway API gateway (HTTPRoute weights); Ingress has no per-backend weights and YARP and Ocelot balance destinations equally',
        value: `${gateway.node.path} (${gateway.kind.implementation})`,
        fix: gateway.kind.implementation === GatewayImplementation.INGRESS
          ? 'use CanaryTraffic.ingress({ gateway }) for ingress-nginx canary annotations'
          : 'use a gateway of GatewayKind.gatewayApi(), or CanaryTraffic.replicaRatio()',
      });
    }
  }
  if (traffic.mode === CanaryTrafficMode.INGRESS && gateway) {
    if (gateway.kind.implementation !== GatewayImplementation.INGRESS || gateway.kind.ingressController !== IngressController.NGINX) {
      throw fail({
        prop: 'traffic.gateway',
        rule: 'must be an Ingress gateway for ingress-nginx (or a controller that reads its annotations): only it reads the canary annotations',
        value: `${gateway.node.path} (${gateway.kind.implementation}${gateway.kind.ingressClassName ? ` ${gateway.kind.ingressClassName}` : ''})`,
        fix: gateway.kind.implementation === GatewayImplementation.GATEWAY_API
          ? 'use CanaryTraffic.gatewayApi({ gateway, path }) for a Gateway API gateway'
          : 'use GatewayKind.ingressNginx() or GatewayKind.aksApplicationRouting(), or drop gateway and set ingressClassName',
      });
    }
  }
}

function checkSteps(steps: number[], fail: (p: PropProblem) => Error): void {
  const example = 'list the canary weights in order, such as [5, 25, 50, 100]';
  if (!Array.isArray(steps) || steps.length === 0) {
    throw fail({ prop: 'steps', rule: 'must list at least one weight', value: steps, fix: example });
  }
  steps.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      throw fail({ prop: `steps[${i}]`, rule: 'must be an integer from 0 to 100', value: w, fix: example });
    }
    if (i > 0 && w <= steps[i - 1]) {
      throw fail({ prop: 'steps', rule: `must increase from one step to the next (steps[${i - 1}] is ${steps[i - 1]}, steps[${i}] is ${w})`, value: steps, fix: example });
    }
  });
  if (steps[steps.length - 1] !== 100) {
    throw fail({ prop: 'steps', rule: 'must end at 100 (the promotion)', value: steps, fix: `append 100: [${[...steps, 100].join(', ')}]` });
  }
}

function resolveWeight(props: CanaryReleaseProps, argo: boolean, fail: (p: PropProblem) => Error): number {
  const { weight, step } = props;
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100)) {
    throw fail({ prop: 'weight', rule: 'must be an integer from 0 to 100', value: weight, fix: 'pass a percentage: 0 rolls back, 100 promotes' });
  }
  if (argo) {
    if (step !== undefined) {
      throw fail({
        prop: 'step',
        rule: 'is not used in Argo Rollouts mode, where the controller walks the steps',
        value: step,
        fix: 'drop step; move on with `kubectl argo rollouts promote`, roll back with weight: 0',
      });
    }
    if (weight !== undefined && weight !== 0 && weight !== 100) {
      throw fail({
        prop: 'weight',
        rule: 'must be 0 (roll back) or 100 in Argo Rollouts mode, where the controller sets the weights in between',
        value: weight,
        fix: 'put the weight in steps, or drop weight',
      });
    }
    return weight ?? (props.canaryImage === undefined ? 0 : 100);
  }
  if (step !== undefined) {
    if (props.steps === undefined) {
      throw fail({ prop: 'step', rule: 'needs a plan in steps', value: step, fix: 'pass steps, such as [5, 25, 50, 100], or a weight instead' });
    }
    if (weight !== undefined) {
      throw fail({ prop: 'weight', rule: `and step are exclusive (step ${step} already gives the weight)`, value: weight, fix: 'drop step to set the weight directly (weight: 0 rolls back)' });
    }
    if (!Number.isInteger(step) || step < 0 || step >= props.steps.length) {
      throw fail({
        prop: 'step',
        rule: `must be an index of steps, from 0 to ${props.steps.length - 1}`,
        value: step,
        fix: `pick a step of the plan [${props.steps.join(', ')}], or pass weight: 0 to roll back`,
      });
    }
    return props.steps[step];
  }
  if (weight !== undefined) return weight;
  return props.steps && props.canaryImage !== undefined ? props.steps[0] : 0;
}

function checkImages(props: CanaryReleaseProps, weight: number, fail: (p: PropProblem) => Error): void {
  if (props.canaryImage !== undefined && props.canaryImage === props.image) {
    throw fail({
      prop: 'canaryImage',
      rule: 'must differ from image: a canary of the same version tests nothing',
      value: props.canaryImage,
      fix: 'set canaryImage to the new version; after a promotion, set image to it and drop canaryImage',
    });
  }
  if (props.canaryImage === undefined && weight > 0) {
    throw fail({
      prop: 'canaryImage',
      rule: `is required to send traffic to a canary (weight ${weight})`,
      value: props.canaryImage,
      fix: 'pass canaryImage with the new version, or weight 0',
    });
  }
}

/**
 * Checks that `total` pods can realise the weight (and every step of the plan) exactly. When
 * they cannot, the message names the nearest possible weights and a total that works.
 */
function checkExpressible(
  prop: string, total: number, weight: number, steps: number[] | undefined, fail: (p: PropProblem) => Error, why?: string,
): void {
  const wanted = [...new Set([...steps ?? [], weight])];
  const bad = wanted.filter(w => w !== 100 && (total * w) % 100 !== 0);
  if (bad.length === 0) return;
  const w = bad.includes(weight) ? weight : bad[0];
  let lower = w;
  while ((total * lower) % 100 !== 0) lower--;
  let upper = w;
  while ((total * upper) % 100 !== 0) upper++;
  const needed = wanted.reduce((acc, x) => lcm(acc, 100 / gcd(x, 100)), 1);
  const suggestion = needed * Math.max(1, Math.ceil(Math.max(total, 2) / needed));
  const where = bad.includes(weight) && (steps === undefined || !steps.includes(weight)) ? 'weight' : `steps[${steps!.indexOf(w)}]`;
  throw fail({
    prop: where,
    rule: `must be a share of the pods that ${prop} ${total} can run in whole pods (${w}% of ${total} is ${total * w / 100} pods)${why ? `: ${why}` : ''}`,
    value: w,
    fix: `use weight ${lower === upper ? lower : `${lower} or ${upper}`}, or ${prop} ${suggestion}`,
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return a / gcd(a, b) * b;
}

function checkIngressOptions(o: IngressTrafficOptions, fail: (p: PropProblem) => Error): void {
  if (o.host !== undefined && hostnameProblem(o.host)) {
    throw fail({ prop: 'traffic.host', rule: hostnameProblem(o.host)!, value: o.host, fix: 'pass a DNS name such as "shop.example.com"' });
  }
  if (o.path !== undefined && (typeof o.path !== 'string' || !o.path.startsWith('/'))) {
    throw fail({ prop: 'traffic.path', rule: 'must be an absolute path (start with "/")', value: o.path, fix: 'pass a path such as "/catalog"' });
  }
  if (o.headerValue !== undefined && o.header === undefined) {
    throw fail({ prop: 'traffic.headerValue', rule: 'needs header', value: o.headerValue, fix: 'pass header as well, such as "X-Canary"' });
  }
}

/** Argo Rollouts steps: setWeight for each weight of the plan, a pause between two. */
function argoSteps(steps: number[], pause: Duration | undefined): any[] {
  const result: any[] = [];
  steps.forEach((w, i) => {
    result.push({ setWeight: w });
    if (i < steps.length - 1) result.push({ pause: pause ? { duration: `${pause.toSeconds()}s` } : {} });
  });
  return result;
}
