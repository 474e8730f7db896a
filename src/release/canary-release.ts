import { ApiObject, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CanaryTraffic } from './canary-traffic';
import { CANARY_RELEASE } from './prop-types';
import { Fail, propError, PropProblem } from '../core/errors';
import { nameOnly } from '../core/metadata';
import { checkConstruct } from '../core/prop-types';
import { GatewayRoute, RouteBackend } from '../gateway';
import { checkExpressible, checkImages, checkSteps, resolveWeight } from './private/canary-plan';
import { argoSteps, createRollout, detachDeployment, rollingUpdateOf, rolloutScaleTarget } from './private/rollout';
import {
  AVAILABILITY_FIX, checkReplicaCount, createTrack, internalExposure, labelRelease, RELEASE_LABEL, servicePortDefaults,
  suffixedName, TRACK_LABEL, withServiceName,
} from './private/tracks';
import { checkCanaryTrafficKeys, checkIngressOptions, checkPodCount, checkTrafficGateway } from './private/traffic-options';
import { CanaryTrafficMode, IngressTrafficOptions, ReleaseWorkloadOptions } from './release-options';
import { ingressObject, ingressRulesOf, ingressSpec, NGINX } from '../gateway/render/ingress';
import { autoscaleMinReplicas, checkAutoscaleOptions, checkNotAutoscaled, createAutoscaler } from '../workload/autoscaling';
import { ProbedDeployment } from '../workload/probed-deployment';
import { ServiceExposure } from '../workload/service-exposure';
import { createService } from '../workload/service-factory';
import { AutoscaleOptions } from '../workload/workload-options';

const TYPE = 'CanaryRelease';

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

  public constructor(scope: Construct, id: string, given: CanaryReleaseProps) {
    checkConstruct(scope, id, TYPE, given, CANARY_RELEASE);
    super(scope, id);
    const props = withServiceName(given, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    this.traffic = props.traffic ?? CanaryTraffic.replicaRatio();
    const argo = this.traffic.mode === CanaryTrafficMode.ARGO_ROLLOUTS;
    checkCanaryTrafficKeys(this.traffic.mode, this.traffic._options, fail);
    checkTrafficGateway(this.traffic.mode, this.traffic._options.gateway, fail);
    this.steps = argo ? props.steps ?? [50, 100] : props.steps;
    if (this.steps !== undefined) checkSteps(this.steps, fail);
    this.weight = resolveWeight(props, argo, fail);
    checkImages(props, this.weight, fail);
    checkReplicaCount('replicas', props.replicas, AVAILABILITY_FIX, fail);
    if (props.autoscale) {
      checkNotAutoscaled(props.replicas, fail, 'with autoscale');
      checkAutoscaleOptions(this, TYPE, props.autoscale, AVAILABILITY_FIX);
    }

    const canaryImage = props.canaryImage ?? props.image;
    const release: Release = {
      props,
      fail,
      canaryImage,
      // Promoted: the stable Deployment runs the canary's image, as it will once `image` is updated.
      stableImage: this.weight === 100 ? canaryImage : props.image,
      releaseLabel: { [RELEASE_LABEL]: Names.toLabelValue(this) },
      exposure: props.exposure ?? ServiceExposure.clusterIp(),
    };
    const parts = this.splitTraffic(release);
    this.stable = parts.stable;
    this.canary = parts.canary;
    this.service = parts.service;
    this.canaryService = parts.canaryService;
    this.route = parts.route;
    this.ingress = parts.ingress;
    this.canaryIngress = parts.canaryIngress;
    this.rollout = parts.rollout;
    this.rolloutAutoscaler = parts.rolloutAutoscaler;
    this.stableReplicas = parts.stableReplicas;
    this.canaryReplicas = parts.canaryReplicas;
    labelRelease(this, props);
  }

  private splitTraffic(release: Release): Parts {
    switch (this.traffic.mode) {
      case CanaryTrafficMode.REPLICA_RATIO:
        return this.byReplicaRatio(release);
      case CanaryTrafficMode.ARGO_ROLLOUTS:
        return this.byArgoRollouts(release);
      case CanaryTrafficMode.GATEWAY_API:
      case CanaryTrafficMode.INGRESS:
        return this.byWeight(release);
      default:
        throw release.fail({ prop: 'traffic', rule: 'is not a known traffic mode', value: this.traffic.mode, fix: 'use one of the CanaryTraffic factories' });
    }
  }

  /** One Service over both versions; the weight is the canary's share of `totalReplicas` pods. */
  private byReplicaRatio(release: Release): Parts {
    const { props, fail } = release;
    const total = this.traffic._options.totalReplicas ?? 10;
    checkPodCount('traffic.totalReplicas', total, 'use 10 for steps of 10%, 20 for steps of 5%', fail);
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
    checkExpressible('traffic.totalReplicas', total, this.weight, this.steps, fail);
    const canaryReplicas = this.weight === 100 ? 0 : total * this.weight / 100;
    const stableReplicas = total - canaryReplicas;
    const stable = this.track('Stable', release, release.stableImage, stableReplicas, 'stable');
    const canary = this.track('Canary', release, release.canaryImage, canaryReplicas, 'canary');
    const service = createService(this, 'Service', undefined, release.exposure, servicePortDefaults(props, stable, fail), props.serviceName, TYPE);
    // Both versions carry the release label; their own selectors stay cdk8s's per-Deployment label.
    for (const [key, value] of Object.entries(release.releaseLabel)) service.selectLabel(key, value);
    return { stable, canary, service, stableReplicas, canaryReplicas };
  }

  /** One pod template in a Rollout whose controller walks the steps and makes the canary pods. */
  private byArgoRollouts(release: Release): Parts {
    const { props, fail } = release;
    const fixed = props.autoscale ? undefined : props.replicas ?? 2;
    if (fixed !== undefined) checkExpressible('replicas', fixed, this.weight, this.steps, fail, 'Argo Rollouts without a traffic router splits traffic by pods');
    // One pod template for both versions: the controller labels each ReplicaSet's pods with its track.
    const stable = this.track('Stable', release, this.weight === 0 ? props.image : release.canaryImage, fixed ?? autoscaleMinReplicas(props.autoscale!), undefined);
    const template = detachDeployment(stable);
    const ports = servicePortDefaults(props, stable, fail);
    const service = createService(this, 'Service', stable, release.exposure, ports, props.serviceName, TYPE);
    const canaryService = createService(this, 'CanaryService', stable, internalExposure(release.exposure), ports, this.name(release, 'canary', 'Service'), TYPE);
    const steps = this.steps!;
    const pause = this.traffic._options.pause;
    const rollout = createRollout(this, 'Rollout', props.serviceName, {
      deployment: template,
      selector: stable.matchLabels,
      replicas: fixed,
      strategy: () => ({
        canary: {
          stableService: service.name,
          canaryService: canaryService.name,
          stableMetadata: { labels: { [TRACK_LABEL]: 'stable' } },
          canaryMetadata: { labels: { [TRACK_LABEL]: 'canary' } },
          ...rollingUpdateOf(template),
          steps: argoSteps(steps, pause),
        },
      }),
    });
    const autoscaler = props.autoscale ? createAutoscaler(this, 'Autoscaler', rolloutScaleTarget(rollout, stable), props.autoscale) : undefined;
    return { stable, service, canaryService, rollout, rolloutAutoscaler: autoscaler, stableReplicas: fixed, canaryReplicas: undefined };
  }

  /** The stable version keeps its pods, the canary runs its share of them; a route or Ingresses split the traffic. */
  private byWeight(release: Release): Parts {
    const { props } = release;
    const weight = this.weight;
    const replicas = props.replicas ?? 2;
    const share = (count: number) => Math.max(1, Math.ceil(count * weight / 100));
    const canaryRuns = weight > 0 && weight < 100;
    const stableReplicas = props.autoscale ? undefined : replicas;
    const canaryReplicas = !canaryRuns ? 0 : props.autoscale ? undefined : share(replicas);
    const canaryAutoscale = canaryRuns && props.autoscale ? {
      ...props.autoscale,
      minReplicas: share(autoscaleMinReplicas(props.autoscale)),
      maxReplicas: Math.max(share(autoscaleMinReplicas(props.autoscale)), share(props.autoscale.maxReplicas)),
    } : undefined;
    const stable = this.track('Stable', release, release.stableImage, stableReplicas, 'stable', props.autoscale);
    const canary = this.track('Canary', release, release.canaryImage, canaryReplicas, 'canary', canaryAutoscale);
    const ports = servicePortDefaults(props, stable, release.fail);
    const service = createService(this, 'Service', stable, release.exposure, ports, props.serviceName, TYPE);
    const canaryService = createService(this, 'CanaryService', canary, internalExposure(release.exposure), ports, this.name(release, 'canary', 'Service'), TYPE);
    const parts = { stable, canary, service, canaryService, stableReplicas, canaryReplicas };
    const canaryWeight = canaryRuns ? weight : 0;
    if (this.traffic.mode === CanaryTrafficMode.GATEWAY_API) {
      return { ...parts, route: this.weightedRoute(service, canaryService, canaryWeight) };
    }
    return { ...parts, ...this.canaryIngresses(release, this.traffic._options, canaryWeight, canaryRuns, service, canaryService) };
  }

  /** A route on the Gateway API gateway with the two Services as weighted backends. */
  private weightedRoute(service: kplus.Service, canaryService: kplus.Service, canaryWeight: number): GatewayRoute {
    const o = this.traffic._options;
    return new GatewayRoute(this, 'Route', {
      gateway: o.gateway!,
      path: o.path!,
      pathMatch: o.pathMatch,
      hostnames: o.hostnames,
      rewritePrefix: o.rewritePrefix,
      backends: [
        RouteBackend.fromService(service, { weight: 100 - canaryWeight }),
        RouteBackend.fromService(canaryService, { weight: canaryWeight }),
      ],
    });
  }

  /** A primary Ingress to the stable Service, and a canary Ingress with ingress-nginx's canary annotations. */
  private canaryIngresses(
    release: Release, o: IngressTrafficOptions, canaryWeight: number, canaryRuns: boolean, service: kplus.Service, canaryService: kplus.Service,
  ): { ingress: ApiObject; canaryIngress: ApiObject } {
    checkIngressOptions(o, release.fail);
    // An empty list is any host; without a host the Ingresses get no TLS entry.
    const hosts = o.host !== undefined ? [o.host] : o.gateway?.hostnames ?? [];
    const tlsSecretName = o.gateway?.tlsSecretName;
    const ingressClassName = o.ingressClassName ?? o.gateway?.kind.ingressClassName ?? 'nginx';
    const spec = (to: kplus.Service) => ingressSpec({
      ingressClassName,
      tls: tlsSecretName && hosts.length > 0 ? { secretName: tlsSecretName, hosts } : undefined,
      rules: ingressRulesOf([{
        hosts,
        path: o.path ?? '/',
        pathType: o.pathType ?? kplus.HttpIngressPathType.PREFIX,
        service: to.name,
        port: to.ports[0].port,
      }]),
    });
    const primary = spec(service);
    const ingress = ingressObject(this, 'Ingress', nameOnly(release.props.serviceName), () => primary);
    const annotations: { [key: string]: string } = {
      [`${NGINX}/canary`]: 'true',
      [`${NGINX}/canary-weight`]: String(canaryWeight),
    };
    if (o.header && canaryRuns) {
      annotations[`${NGINX}/canary-by-header`] = o.header;
      if (o.headerValue) annotations[`${NGINX}/canary-by-header-value`] = o.headerValue;
    }
    const canary = spec(canaryService);
    const canaryIngress = ingressObject(this, 'CanaryIngress', { ...nameOnly(this.name(release, 'canary')), annotations }, () => canary);
    return { ingress, canaryIngress };
  }

  private track(
    id: string, release: Release, image: string, replicas: number | undefined, track: string | undefined, autoscale?: AutoscaleOptions,
  ): ProbedDeployment {
    return createTrack(this, id, release.props, {
      image,
      replicas,
      autoscale,
      name: this.name(release, id.toLowerCase()),
      labels: track ? { ...release.releaseLabel, [TRACK_LABEL]: track } : release.releaseLabel,
    });
  }

  /** `<serviceName>-<suffix>`, when the release has a service name. */
  private name(release: Release, suffix: string, kind: 'Service' | 'Deployment' = 'Deployment'): string | undefined {
    return suffixedName(this, TYPE, release.props.serviceName, suffix, kind);
  }
}

/** What every traffic mode builds from. */
interface Release {
  readonly props: CanaryReleaseProps;
  readonly fail: Fail;
  readonly canaryImage: string;
  readonly stableImage: string;
  readonly releaseLabel: { [key: string]: string };
  readonly exposure: ServiceExposure;
}

/** The objects of a canary release in one traffic mode. */
interface Parts {
  readonly stable: ProbedDeployment;
  readonly canary?: ProbedDeployment;
  readonly service: kplus.Service;
  readonly canaryService?: kplus.Service;
  readonly route?: GatewayRoute;
  readonly ingress?: ApiObject;
  readonly canaryIngress?: ApiObject;
  readonly rollout?: ApiObject;
  readonly rolloutAutoscaler?: kplus.HorizontalPodAutoscaler;
  readonly stableReplicas?: number;
  readonly canaryReplicas?: number;
}
