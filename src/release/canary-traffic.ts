import { CANARY_FACTORY, CanaryTrafficOptions } from './private/traffic-options';
import { ARGO_ROLLOUTS_TRAFFIC_OPTIONS, GATEWAY_API_TRAFFIC_OPTIONS, INGRESS_TRAFFIC_OPTIONS, REPLICA_RATIO_OPTIONS } from './prop-types';
import { ArgoRolloutsTrafficOptions, CanaryTrafficMode, GatewayApiTrafficOptions, IngressTrafficOptions, ReplicaRatioTrafficOptions } from './release-options';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';

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
    checkArguments(factoryFail('CanaryTraffic.replicaRatio', 'CanaryTraffic'), { options: [options, t.props(REPLICA_RATIO_OPTIONS)] });
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
    checkArguments(factoryFail('CanaryTraffic.gatewayApi', 'CanaryTraffic'), { options: [options, t.props(GATEWAY_API_TRAFFIC_OPTIONS)] });
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
    checkArguments(factoryFail('CanaryTraffic.ingress', 'CanaryTraffic'), { options: [options, t.props(INGRESS_TRAFFIC_OPTIONS)] });
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
    checkArguments(factoryFail('CanaryTraffic.argoRollouts', 'CanaryTraffic'), { options: [options, t.props(ARGO_ROLLOUTS_TRAFFIC_OPTIONS)] });
    return new CanaryTraffic(CanaryTrafficMode.ARGO_ROLLOUTS, options);
  }

  /** The traffic mode. */
  public readonly mode: CanaryTrafficMode;

  /**
   * The options of the factory that made this value (and whatever else an untyped caller passed).
   *
   * @internal
   */
  public readonly _options: CanaryTrafficOptions;

  private constructor(mode: CanaryTrafficMode, options: CanaryTrafficOptions) {
    this.mode = mode;
    this._options = { ...options };
  }

  /** The factory that made this value, for messages. */
  public get factory(): string {
    return CANARY_FACTORY[this.mode];
  }
}
