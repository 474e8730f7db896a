/**
 * The run-time types of the release props and traffic options (see core/prop-types). Not exported
 * from the package; it imports only types from this folder, so the classes can import it.
 */
import * as kplus from 'cdk8s-plus-28';
import type { BlueGreenReleaseProps } from './blue-green-release';
import type { CanaryReleaseProps } from './canary-release';
import type {
  ArgoBlueGreenOptions, ArgoRolloutsTrafficOptions, GatewayApiTrafficOptions, IngressTrafficOptions, ReleaseWorkloadOptions,
  ReplicaRatioTrafficOptions,
} from './release-options';
import { PropsSpec, PropTypes, types as t } from '../core/prop-types';
import { ApiGateway, PathMatch } from '../gateway';
import { AUTOSCALE, HOST_ALIASES, POD_SECURITY_CONTEXT, WORKLOAD_OPTIONS_TYPES } from '../workload/prop-types';

const GATEWAY = t.instance(ApiGateway, 'ApiGateway', 'pass the ApiGateway that routes to the service');

/** What both versions of a release run. */
export const RELEASE_WORKLOAD_TYPES: PropTypes<ReleaseWorkloadOptions> = {
  ...WORKLOAD_OPTIONS_TYPES,
  minReady: t.duration('Duration.seconds(5)'),
  progressDeadline: t.duration('Duration.minutes(10)'),
  autoscale: AUTOSCALE,
  securityContext: POD_SECURITY_CONTEXT,
  hostAliases: HOST_ALIASES,
  terminationGracePeriod: t.duration('Duration.seconds(30)'),
};

/** A CanaryTraffic made by its factories. */
export const CANARY_TRAFFIC = t.valueClass('CanaryTraffic',
  'pass CanaryTraffic.replicaRatio(), .gatewayApi({ gateway, path }), .ingress() or .argoRollouts()');
/** A BlueGreenTraffic made by its factories. */
export const BLUE_GREEN_TRAFFIC = t.valueClass('BlueGreenTraffic', 'pass BlueGreenTraffic.services() or BlueGreenTraffic.argoRollouts()');

export const CANARY_RELEASE: PropsSpec<CanaryReleaseProps> = {
  types: {
    ...RELEASE_WORKLOAD_TYPES,
    image: t.string('eshop/catalog-api:1.0.0'),
    canaryImage: t.string('eshop/catalog-api:1.1.0'),
    traffic: CANARY_TRAFFIC,
    // resolveWeight and checkSteps say what a weight and a plan must be, whatever the type.
    weight: t.checkedBy('resolveWeight', 'pass a percentage such as 10, or leave weight out'),
    steps: t.checkedBy('checkSteps', 'pass the canary weights in order, such as [5, 25, 50, 100], or leave steps out'),
    step: t.number({ example: 1 }),
    replicas: t.number({ example: 2 }),
  },
  required: true,
  example: '{ image: "eshop/catalog-api:1.0.0", canaryImage: "eshop/catalog-api:1.1.0", weight: 10 }',
};

export const BLUE_GREEN_RELEASE: PropsSpec<BlueGreenReleaseProps> = {
  types: {
    ...RELEASE_WORKLOAD_TYPES,
    blueImage: t.string('eshop/basket-api:1.0.0'),
    greenImage: t.string('eshop/basket-api:2.0.0'),
    // checkSlots says what a slot must be.
    activeSlot: t.checkedBy('checkSlots', 'pass BlueGreenSlot.BLUE or BlueGreenSlot.GREEN, or leave activeSlot out'),
    replicas: t.number({ example: 2 }),
    idleReplicas: t.number({ example: 0 }),
    traffic: BLUE_GREEN_TRAFFIC,
  },
  required: true,
  example: '{ blueImage: "eshop/basket-api:1.0.0", greenImage: "eshop/basket-api:2.0.0" }',
};

export const REPLICA_RATIO_OPTIONS: PropsSpec<ReplicaRatioTrafficOptions> = {
  types: { totalReplicas: t.number({ example: 10 }) },
  required: false,
  example: '{ totalReplicas: 10 }',
};

// The release says that Gateway API mode needs a gateway; the route checks the path.
export const GATEWAY_API_TRAFFIC_OPTIONS: PropsSpec<GatewayApiTrafficOptions> = {
  types: {
    gateway: GATEWAY,
    path: t.string('/catalog'),
    pathMatch: t.enum(PathMatch, 'PathMatch'),
    hostnames: t.strings('["shop.example.com"]'),
    rewritePrefix: t.string('/'),
  },
  required: true,
  example: '{ gateway, path: "/catalog" }',
};

export const INGRESS_TRAFFIC_OPTIONS: PropsSpec<IngressTrafficOptions> = {
  types: {
    gateway: GATEWAY,
    ingressClassName: t.string('nginx'),
    host: t.string('shop.example.com'),
    path: t.string('/catalog'),
    pathType: t.enum(kplus.HttpIngressPathType, 'kplus.HttpIngressPathType'),
    header: t.string('X-Canary'),
    headerValue: t.string('always'),
  },
  required: false,
  example: '{ host: "shop.example.com", path: "/catalog" }',
};

export const ARGO_ROLLOUTS_TRAFFIC_OPTIONS: PropsSpec<ArgoRolloutsTrafficOptions> = {
  types: { pause: t.duration('Duration.minutes(10)') },
  required: false,
  example: '{ pause: Duration.minutes(10) }',
};

export const ARGO_BLUE_GREEN_OPTIONS: PropsSpec<ArgoBlueGreenOptions> = {
  types: { autoPromotionEnabled: t.boolean(), scaleDownDelay: t.duration('Duration.seconds(30)'), previewReplicas: t.number({ example: 1 }) },
  required: false,
  example: '{ autoPromotionEnabled: false }',
};
