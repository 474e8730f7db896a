/**
 * The traffic options of both releases: which keys each traffic mode takes (and who owns the
 * others, for option bags that arrive untyped), and the rules of the options themselves.
 */
import { Fail } from '../../core/errors';
import { hostnameProblem } from '../../core/names';
import { ApiGateway, GatewayImplementation, IngressController } from '../../gateway';
import {
  ArgoRolloutsTrafficOptions, BlueGreenTrafficMode, CanaryTrafficMode, GatewayApiTrafficOptions, IngressTrafficOptions, ReplicaRatioTrafficOptions,
} from '../release-options';

/**
 * The options a CanaryTraffic holds: those of its factory, and any other key that an untyped
 * caller (JavaScript, a release plan read from JSON) passed, which the release reports.
 */
export interface CanaryTrafficOptions extends ReplicaRatioTrafficOptions, IngressTrafficOptions, ArgoRolloutsTrafficOptions,
  Pick<GatewayApiTrafficOptions, 'pathMatch' | 'hostnames' | 'rewritePrefix'> {}

/** The factory of each canary traffic mode, as messages name it. */
export const CANARY_FACTORY: { [mode in CanaryTrafficMode]: string } = {
  [CanaryTrafficMode.REPLICA_RATIO]: 'CanaryTraffic.replicaRatio()',
  [CanaryTrafficMode.GATEWAY_API]: 'CanaryTraffic.gatewayApi()',
  [CanaryTrafficMode.INGRESS]: 'CanaryTraffic.ingress()',
  [CanaryTrafficMode.ARGO_ROLLOUTS]: 'CanaryTraffic.argoRollouts()',
};

/** The factory of each blue-green traffic mode, as messages name it. */
const BLUE_GREEN_FACTORY: { [mode in BlueGreenTrafficMode]: string } = {
  [BlueGreenTrafficMode.SERVICES]: 'BlueGreenTraffic.services()',
  [BlueGreenTrafficMode.ARGO_ROLLOUTS]: 'BlueGreenTraffic.argoRollouts()',
};

const CANARY_KEYS: { [mode in CanaryTrafficMode]: string[] } = {
  [CanaryTrafficMode.REPLICA_RATIO]: ['totalReplicas'],
  [CanaryTrafficMode.GATEWAY_API]: ['gateway', 'path', 'pathMatch', 'hostnames', 'rewritePrefix'],
  [CanaryTrafficMode.INGRESS]: ['gateway', 'ingressClassName', 'host', 'path', 'pathType', 'header', 'headerValue'],
  [CanaryTrafficMode.ARGO_ROLLOUTS]: ['pause'],
};

const BLUE_GREEN_KEYS: { [mode in BlueGreenTrafficMode]: string[] } = {
  [BlueGreenTrafficMode.SERVICES]: [],
  [BlueGreenTrafficMode.ARGO_ROLLOUTS]: ['autoPromotionEnabled', 'scaleDownDelay', 'previewReplicas'],
};

/** Who owns each key a caller may put into canary traffic options by mistake. */
const CANARY_OWNERS: { [key: string]: string } = ownersOf(CANARY_KEYS, CANARY_FACTORY, {
  ...Object.fromEntries(['steps', 'step', 'weight', 'replicas', 'autoscale'].map(key => [key, 'CanaryReleaseProps'])),
  ...Object.fromEntries(BLUE_GREEN_KEYS.ARGO_ROLLOUTS.map(key => [key, BLUE_GREEN_FACTORY.ARGO_ROLLOUTS])),
});

/** Who owns each key a caller may put into blue-green traffic options by mistake. */
const BLUE_GREEN_OWNERS: { [key: string]: string } = ownersOf(BLUE_GREEN_KEYS, BLUE_GREEN_FACTORY, {
  ...Object.fromEntries(['activeSlot', 'idleReplicas', 'replicas'].map(key => [key, 'BlueGreenReleaseProps'])),
  pause: CANARY_FACTORY[CanaryTrafficMode.ARGO_ROLLOUTS],
  steps: 'CanaryReleaseProps',
});

/** Canary traffic options hold only the keys of their mode. */
export function checkCanaryTrafficKeys(mode: CanaryTrafficMode, options: object, fail: Fail): void {
  const own = CANARY_KEYS[mode];
  checkTrafficKeys(options, { factory: CANARY_FACTORY[mode], own, owners: CANARY_OWNERS }, fail,
    (key, owner) => owner ? `move ${key} to ${owner}, or drop it` : `use only ${own.join(', ')}`);
}

/** Blue-green traffic options hold only the keys of their mode. */
export function checkBlueGreenTrafficKeys(mode: BlueGreenTrafficMode, options: object, fail: Fail): void {
  checkTrafficKeys(options, { factory: BLUE_GREEN_FACTORY[mode], own: BLUE_GREEN_KEYS[mode], owners: BLUE_GREEN_OWNERS }, fail,
    (key, owner) => owner ? `use ${owner} to set ${key}, or drop it` : 'drop it');
}

/** The gateway a canary traffic mode needs, and the kind of gateway it must be. */
export function checkTrafficGateway(mode: CanaryTrafficMode, gateway: ApiGateway | undefined, fail: Fail): void {
  if (mode === CanaryTrafficMode.GATEWAY_API) {
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
  if (mode === CanaryTrafficMode.INGRESS && gateway) {
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

/** The host, path and header of the canary Ingresses. */
export function checkIngressOptions(o: IngressTrafficOptions, fail: Fail): void {
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

/** A pod count a traffic mode needs at least one of (`totalReplicas`, `previewReplicas`). */
export function checkPodCount(prop: string, value: number, fix: string, fail: Fail): void {
  if (!Number.isInteger(value) || value < 1) throw fail({ prop, rule: 'must be an integer of at least 1', value, fix });
}

/** The keys a traffic mode takes, and who owns the keys that belong elsewhere. */
interface TrafficKeys {
  /** The factory that made the options, as messages name it. */
  readonly factory: string;
  readonly own: string[];
  readonly owners: { [key: string]: string };
}

/**
 * Option keys that belong to another mode than the one chosen, for option bags that arrive
 * untyped (JavaScript callers, a release plan read from JSON).
 */
function checkTrafficKeys(options: object, keys: TrafficKeys, fail: Fail, fix: (key: string, owner: string | undefined) => string): void {
  for (const [key, value] of Object.entries(options)) {
    if (keys.own.includes(key)) continue;
    const owner = keys.owners[key];
    throw fail({
      prop: `traffic.${key}`,
      rule: owner ? `is an option of ${owner}, not of ${keys.factory}` : `is not an option of ${keys.factory}`,
      value,
      fix: fix(key, owner),
    });
  }
}

/** The owner of every key of every mode (the first mode's factory, for keys two modes share), and the other owners. */
function ownersOf<M extends string>(
  keys: { [mode in M]: string[] }, factories: { [mode in M]: string }, others: { [key: string]: string },
): { [key: string]: string } {
  const owners: { [key: string]: string } = {};
  for (const mode of Object.keys(keys) as M[]) {
    for (const key of keys[mode]) owners[key] = owners[key] ?? factories[mode];
  }
  return { ...owners, ...others };
}
