/**
 * The run-time types of the gateway props and factory options (see core/prop-types). Not exported
 * from the package; it imports only types from this folder, so the classes can import it.
 */
import * as kplus from 'cdk8s-plus-28';
import type { ApiGatewayProps } from './api-gateway';
import type { GatewayApiOptions, GkeIngressOptions, InClusterGatewayOptions, IngressOptions, OcelotGatewayOptions, YarpGatewayOptions } from './gateway-kind';
import type { RouteBackendOptions, ServiceNameBackendOptions } from './route-backend';
import type { GatewayRouteOptions, GatewayRouteProps } from './route-options';
import { PathMatch } from './route-options';
import { PropsSpec, PropTypes, types as t } from '../core/prop-types';
import { GATEWAY_ADDRESSES } from '../platform/prop-types';
import { HEALTH_CHECKS, SERVICE_EXPOSURE } from '../workload/prop-types';

/** A GatewayKind made by its factories. */
export const GATEWAY_KIND = t.valueClass('GatewayKind', 'pass GatewayKind.gatewayApi(), .ingressNginx(), .ingress({ ingressClassName }), .yarp() or .ocelot({ image })');
/** Host names of a gateway or a route. */
export const HOSTNAMES = t.strings('["shop.example.com"]');

const ROUTE_OPTIONS: PropTypes<GatewayRouteOptions> = {
  // checkPath reports a path that is not a string, or not given, as not an absolute path.
  path: t.checkedBy('checkPath', 'pass an absolute path, such as "/catalog"'),
  pathMatch: t.enum(PathMatch, 'PathMatch'),
  hostnames: HOSTNAMES,
  methods: t.strings('["GET", "POST"]'),
  headers: t.stringMap('{ "X-Api-Version": "2" }'),
  rewritePrefix: t.string('/'),
  timeout: t.duration('Duration.seconds(30)'),
  backends: t.arrayOf(t.valueClass('RouteBackend', 'pass RouteBackend.fromDeployment(catalog), .fromService(service) or .fromServiceName("catalog")'),
    'RouteBackend values'),
};

export const GATEWAY_ROUTE_OPTIONS: PropsSpec<GatewayRouteOptions> = {
  types: ROUTE_OPTIONS,
  required: true,
  example: '{ path: "/catalog", backends: [RouteBackend.fromDeployment(catalog)] }',
};

export const GATEWAY_ROUTE: PropsSpec<GatewayRouteProps> = {
  types: {
    ...ROUTE_OPTIONS,
    gateway: t.implementing('gateway (an ApiGateway)', ['kind', '_registerRoute'], 'pass the ApiGateway, or call gateway.addRoute(id, options)'),
  },
  required: true,
  example: '{ gateway, path: "/catalog", backends: [RouteBackend.fromDeployment(catalog)] }',
};

export const API_GATEWAY: PropsSpec<ApiGatewayProps> = {
  types: {
    kind: GATEWAY_KIND,
    name: t.string('gateway'),
    hostnames: HOSTNAMES,
    tlsSecretName: t.string('shop-tls'),
    httpPort: t.number({ example: 80 }),
    httpsPort: t.number({ example: 443 }),
  },
  required: false,
  example: '{ kind: GatewayKind.gatewayApi(), hostnames: ["shop.example.com"] }',
};

export const GATEWAY_API_OPTIONS: PropsSpec<GatewayApiOptions> = {
  types: {
    gatewayClassName: t.string('nginx'),
    annotations: t.stringMap('{ "example.com/owner": "team-a" }'),
    addresses: GATEWAY_ADDRESSES,
    healthCheckPolicies: t.boolean(),
  },
  required: false,
  example: '{ gatewayClassName: "eg" }',
};

/**
 * The options of GatewayKind.ingress; ApiGateway's kind checks report a missing class name with
 * their own message. The enum is passed in: gateway-kind.ts, which declares it, imports this file.
 */
export function ingressOptions(controllers: object): PropsSpec<IngressOptions> {
  return {
    types: { ingressClassName: t.string('nginx'), controller: t.enum(controllers, 'IngressController') },
    required: true,
    example: '{ ingressClassName: "nginx" }',
  };
}

export const GKE_INGRESS_OPTIONS: PropsSpec<GkeIngressOptions> = { types: { internal: t.boolean() }, required: false, example: '{ internal: true }' };

const IN_CLUSTER: PropTypes<InClusterGatewayOptions> = {
  port: t.number({ example: 8080 }),
  tlsPort: t.number({ example: 8443 }),
  exposure: SERVICE_EXPOSURE,
  replicas: t.number({ example: 2 }),
  healthChecks: HEALTH_CHECKS,
  configDirectory: t.string('/app/config'),
  clusterDomain: t.string('cluster.local'),
};

export const YARP_OPTIONS: PropsSpec<YarpGatewayOptions> = {
  types: { ...IN_CLUSTER, image: t.string('eshop/gateway:1.0.0') },
  required: false,
  example: '{ exposure: ServiceExposure.nodePort(30080) }',
};

// ApiGateway's kind checks report a missing image with the Ocelot advice.
export const OCELOT_OPTIONS: PropsSpec<OcelotGatewayOptions> = {
  types: { ...IN_CLUSTER, image: t.string('eshop/gateway:1.0.0') },
  required: true,
  example: '{ image: "eshop/gateway:1.0.0" }',
};

const BACKEND_OPTIONS: PropTypes<RouteBackendOptions> = { port: t.number({ example: 80 }), weight: t.number({ example: 90 }) };

export const ROUTE_BACKEND_OPTIONS: PropsSpec<RouteBackendOptions> = { types: BACKEND_OPTIONS, required: false, example: '{ port: 80, weight: 90 }' };

export const SERVICE_NAME_BACKEND_OPTIONS: PropsSpec<ServiceNameBackendOptions> = {
  types: { ...BACKEND_OPTIONS, namespace: t.string('shop') },
  required: false,
  example: '{ namespace: "shop", port: 80 }',
};

/** A cdk8s-plus Service. */
export const KPLUS_SERVICE = t.instance(kplus.Service, 'kplus.Service', 'pass a kplus.Service, such as deployment.service');
