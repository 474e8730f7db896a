/**
 * The run-time types of the platform factories' options (see core/prop-types). Not exported from
 * the package; it imports only types from this folder, so the classes can import it.
 */
import type { BringYourOwnApplicationLoadBalancerOptions, ManagedApplicationLoadBalancerOptions } from './application-load-balancer';
import type { GatewayAddress, GatewaySource } from './gateway-source';
import type { AksApplicationGatewayOptions, GkeGatewayOptions, PlatformOverrides, PlatformProps } from './platform';
import { CloudProvider } from '../core/cloud';
import { PropsSpec, PropTypes, required, types as t } from '../core/prop-types';
import { SERVICE_EXPOSURE } from '../workload/prop-types';

/** Which pods and addresses the gateway's traffic comes from. */
export const GATEWAY_SOURCE = t.object<GatewaySource>({
  namespaceLabels: t.stringMap('{ "kubernetes.io/metadata.name": "ingress-nginx" }'),
  cidrs: t.strings('["10.225.0.0/24"]'),
  dataPlanePods: t.boolean(),
  controllerNamespaceLabels: t.stringMap('{ "kubernetes.io/metadata.name": "azure-alb-system" }'),
}, '{ cidrs: ["10.225.0.0/24"] }');

/** An address of a Gateway. */
export const GATEWAY_ADDRESSES = t.arrayOf(t.object<GatewayAddress>({
  type: t.string('IPAddress'),
  value: required(t.string('203.0.113.10')),
}, '{ value: "203.0.113.10" }'), 'gateway addresses ({ type, value })');

const APPLICATION_LOAD_BALANCER = t.valueClass('ApplicationLoadBalancer',
  'pass ApplicationLoadBalancer.managed({ namespace, name }) or ApplicationLoadBalancer.bringYourOwn({ resourceId, frontendName })');

const OVERRIDES: PropTypes<PlatformOverrides> = {
  name: t.string('aks-staging'),
  gatewayExposure: SERVICE_EXPOSURE,
  gatewayClassName: t.string('azure-alb-external'),
  ingressClassName: t.string('webapprouting.kubernetes.azure.com'),
  rwxStorageClass: t.string('azurefile-csi'),
  gatewaySource: GATEWAY_SOURCE,
  ingressSource: GATEWAY_SOURCE,
  applicationLoadBalancer: APPLICATION_LOAD_BALANCER,
  gatewaySubnetCidr: t.string('10.225.0.0/24'),
  dnsResolverCidrs: t.strings('["169.254.20.10/32"]'),
};

export const PLATFORM_PROPS: PropsSpec<PlatformProps> = {
  types: { ...OVERRIDES, name: required(t.string('aks-staging')), cloud: t.enum(CloudProvider, 'CloudProvider') },
  required: true,
  example: '{ name: "my-cluster", gatewayClassName: "nginx" }',
};

export const PLATFORM_OVERRIDES: PropsSpec<PlatformOverrides> = { types: OVERRIDES, required: true, example: '{ gatewayClassName: "nginx" }' };

export const AKS_APPLICATION_GATEWAY_OPTIONS: PropsSpec<AksApplicationGatewayOptions> = {
  types: { loadBalancer: required(APPLICATION_LOAD_BALANCER), subnetCidr: t.string('10.225.0.0/24') },
  required: true,
  example: '{ loadBalancer: ApplicationLoadBalancer.managed({ namespace: "alb", name: "shop" }) }',
};

export const GKE_GATEWAY_OPTIONS: PropsSpec<GkeGatewayOptions> = {
  types: { gatewayClassName: t.string('gke-l7-regional-external-managed'), proxyOnlySubnetCidr: t.string('10.129.0.0/23') },
  required: true,
  example: '{ gatewayClassName: "gke-l7-global-external-managed" }',
};

export const MANAGED_ALB_OPTIONS: PropsSpec<ManagedApplicationLoadBalancerOptions> = {
  types: { namespace: required(t.string('alb')), name: required(t.string('shop')) },
  required: true,
  example: '{ namespace: "alb", name: "shop" }',
};

export const BRING_YOUR_OWN_ALB_OPTIONS: PropsSpec<BringYourOwnApplicationLoadBalancerOptions> = {
  types: { resourceId: required(t.string('/subscriptions/.../trafficControllers/shop')), frontendName: required(t.string('shop-frontend')) },
  required: true,
  example: '{ resourceId: "/subscriptions/.../trafficControllers/shop", frontendName: "shop-frontend" }',
};
