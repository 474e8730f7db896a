import { AGC_FACTS } from '../../core/cloud';
import { validationMessage } from '../../core/errors';

/** What an Application Gateway for Containers Gateway is checked on, at synth. */
export interface AgcGateway {
  readonly gatewayClassName?: string;
  /** The Gateway's annotations as rendered (escape hatches included). */
  readonly annotations: { [key: string]: string };
  readonly addresses: Array<{ readonly type?: string; readonly value: string }>;
  readonly ports: number[];
}

/**
 * A Gateway of class `azure-alb-external` is programmed only when it names its load balancer:
 * an ALB-managed `ApplicationLoadBalancer` (namespace and name annotations) or a bring-your-own
 * resource id with a frontend in `spec.addresses`; its listeners may use ports 80 and 443 only.
 * Facts and sources: core/cloud.ts AGC_FACTS.
 */
export function agcProblems(type: string, gateway: AgcGateway): string[] {
  if (gateway.gatewayClassName !== AGC_FACTS.gatewayClassName) return [];
  const a = gateway.annotations;
  const problems: string[] = [];
  const managed = a[AGC_FACTS.albNamespaceAnnotation] !== undefined && a[AGC_FACTS.albNameAnnotation] !== undefined;
  const own = a[AGC_FACTS.albIdAnnotation] !== undefined;
  if (!managed && !own) {
    problems.push(validationMessage(type, {
      prop: 'kind.annotations',
      rule: `must name the Application Gateway for Containers that programs a Gateway of class ${AGC_FACTS.gatewayClassName} (${AGC_FACTS.albNamespaceAnnotation} and ${AGC_FACTS.albNameAnnotation}, or ${AGC_FACTS.albIdAnnotation}); without them the Gateway is never programmed`,
      value: Object.keys(a),
      fix: 'on a MicroserviceStack use Platform.aksApplicationGateway({ loadBalancer: ApplicationLoadBalancer.managed({ namespace, name }) }); '
        + 'else GatewayKind.gatewayApi({ gatewayClassName: \'azure-alb-external\', annotations: ApplicationLoadBalancer.managed({ namespace, name }).gatewayAnnotations })',
    }));
  }
  if (own && !gateway.addresses.some(x => x.type === AGC_FACTS.frontendAddressType)) {
    problems.push(validationMessage(type, {
      prop: 'kind.addresses',
      rule: `must name a frontend (type ${AGC_FACTS.frontendAddressType}) of the bring-your-own load balancer named by ${AGC_FACTS.albIdAnnotation}`,
      value: gateway.addresses,
      fix: 'use ApplicationLoadBalancer.bringYourOwn({ resourceId, frontendName }), which sets both',
    }));
  }
  const bad = gateway.ports.filter(p => !AGC_FACTS.listenerPorts.includes(p));
  if (bad.length > 0) {
    problems.push(validationMessage(type, {
      prop: 'httpPort',
      rule: 'must be 80 (HTTP) or 443 (HTTPS): Application Gateway for Containers listens on those ports only',
      value: bad,
      fix: 'drop httpPort and httpsPort',
    }));
  }
  return problems;
}
