import { IConstruct } from 'constructs';
import { AGC_FACTS } from '../../core/cloud';
import { propError } from '../../core/errors';
import { GatewayImplementation, GatewayKind } from '../../gateway';
import { GatewaySource, Platform } from '../../platform';

/**
 * The stack's gateway kind: a Gateway of the platform's class, with the annotations and addresses
 * its implementation needs (Application Gateway for Containers names its load balancer there).
 * A Gateway API kind of the platform's class given without them gets the platform's.
 */
export function platformGatewayKind(platform: Platform, given: GatewayKind | undefined): GatewayKind {
  const platformKind = (options: { healthCheckPolicies?: boolean }) => GatewayKind.gatewayApi({
    gatewayClassName: platform.gatewayClassName,
    annotations: platform.gatewayAnnotations,
    addresses: platform.gatewayAddresses,
    ...options,
  });
  if (given === undefined) return platformKind({});
  const bare = given.implementation === GatewayImplementation.GATEWAY_API && !given.existing
    && given.gatewayClassName === platform.gatewayClassName
    && Object.keys(given.gatewayAnnotations).length === 0 && given.gatewayAddresses.length === 0;
  return bare ? platformKind({ healthCheckPolicies: given.healthCheckPolicies }) : given;
}

/**
 * Where the traffic of the stack's gateway comes from, by what renders its routes: the Ingress
 * controller's sources for an Ingress, the Gateway API implementation's (with the cloud
 * gateway's subnet) for a Gateway, nothing but its own pods for an in-cluster gateway.
 */
export function gatewaySourceOf(platform: Platform, kind: GatewayKind): GatewaySource {
  switch (kind.implementation) {
    case GatewayImplementation.INGRESS:
      return { ...platform.ingressSource, dataPlanePods: false };
    case GatewayImplementation.GATEWAY_API: {
      const source = platform.gatewaySource;
      const subnet = platform.gatewaySubnetCidr;
      const cidrs = [...source.cidrs ?? [], ...subnet !== undefined && !(source.cidrs ?? []).includes(subnet) ? [subnet] : []];
      return { ...source, ...cidrs.length > 0 ? { cidrs } : {}, dataPlanePods: !kind.existing && (source.dataPlanePods ?? true) };
    }
    default:
      return { dataPlanePods: false };
  }
}

/**
 * A Gateway of a class whose proxies send from a subnet only the user knows (Application Gateway
 * for Containers; GKE's regional and internal classes) cannot be admitted by the NetworkPolicies
 * without it: fail with the prop to set.
 */
export function checkGatewaySubnet(stack: IConstruct, platform: Platform, kind: GatewayKind, networkPolicies: boolean): void {
  if (!networkPolicies || kind.implementation !== GatewayImplementation.GATEWAY_API || kind.existing) return;
  if (kind.gatewayClassName !== platform.gatewayClassName || !platform.gatewaySubnetRequired || platform.gatewaySubnetCidr !== undefined) return;
  const agc = platform.gatewayClassName === AGC_FACTS.gatewayClassName;
  throw propError(stack, 'MicroserviceStack', {
    prop: 'platform.gatewaySubnetCidr',
    rule: agc
      ? 'is required with NetworkPolicies on a Gateway of class azure-alb-external: Application Gateway for Containers reaches the pods from the subnet associated with it, which the policies must admit'
      : `is required with NetworkPolicies on a Gateway of class ${platform.gatewayClassName}: its proxies send from the region's proxy-only subnet, which the policies must admit`,
    value: undefined,
    fix: agc
      ? 'use Platform.aksApplicationGateway({ loadBalancer, subnetCidr: \'<the delegated subnet, such as 10.225.0.0/24>\' }), or networkPolicies: false'
      : 'use Platform.gkeGateway({ gatewayClassName, proxyOnlySubnetCidr: \'<the proxy-only subnet, such as 10.129.0.0/23>\' }) (gcloud compute networks subnets list --filter="purpose=REGIONAL_MANAGED_PROXY"), or networkPolicies: false',
  });
}
