import { GatewayAddress } from './gateway-source';
import { BRING_YOUR_OWN_ALB_OPTIONS, MANAGED_ALB_OPTIONS } from './prop-types';
import { AGC_FACTS } from '../core/cloud';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';

/**
 * Options of {@link ApplicationLoadBalancer.managed}.
 */
export interface ManagedApplicationLoadBalancerOptions {
  /** The namespace of the `ApplicationLoadBalancer` resource (`alb-infra`). */
  readonly namespace: string;
  /** The name of the `ApplicationLoadBalancer` resource (`alb`). */
  readonly name: string;
}

/**
 * Options of {@link ApplicationLoadBalancer.bringYourOwn}.
 */
export interface BringYourOwnApplicationLoadBalancerOptions {
  /**
   * The Azure resource id of the Application Gateway for Containers
   * (`az network alb show -g <group> -n <name> --query id -o tsv`).
   */
  readonly resourceId: string;
  /** The name of one of its frontends; a frontend serves one Gateway only. */
  readonly frontendName: string;
}

/**
 * The Application Gateway for Containers (AKS) that programs the Gateways of class
 * `azure-alb-external`: a Gateway with neither reference is never programmed.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/for-containers/overview#deployment-strategies
 */
export class ApplicationLoadBalancer {
  /**
   * Managed by the ALB controller: an `ApplicationLoadBalancer` resource in the cluster (its
   * `spec.associations` name the delegated subnet); each Gateway gets a frontend of its own.
   * The Gateway is annotated `alb.networking.azure.io/alb-namespace` and `alb-name`.
   *
   * @example
   * ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' })
   */
  public static managed(options: ManagedApplicationLoadBalancerOptions): ApplicationLoadBalancer {
    checkArguments(factoryFail('ApplicationLoadBalancer.managed', 'ApplicationLoadBalancer'), { options: [options, t.props(MANAGED_ALB_OPTIONS)] });
    return new ApplicationLoadBalancer({
      [AGC_FACTS.albNamespaceAnnotation]: options.namespace,
      [AGC_FACTS.albNameAnnotation]: options.name,
    }, []);
  }

  /**
   * Bring your own: an Application Gateway for Containers created in Azure, and one of its
   * frontends. The Gateway is annotated `alb.networking.azure.io/alb-id` and lists the frontend
   * in `spec.addresses`.
   *
   * @example
   * ApplicationLoadBalancer.bringYourOwn({ resourceId: '/subscriptions/.../trafficControllers/alb', frontendName: 'shop' })
   */
  public static bringYourOwn(options: BringYourOwnApplicationLoadBalancerOptions): ApplicationLoadBalancer {
    checkArguments(factoryFail('ApplicationLoadBalancer.bringYourOwn', 'ApplicationLoadBalancer'), { options: [options, t.props(BRING_YOUR_OWN_ALB_OPTIONS)] });
    return new ApplicationLoadBalancer(
      { [AGC_FACTS.albIdAnnotation]: options.resourceId },
      [{ type: AGC_FACTS.frontendAddressType, value: options.frontendName }],
    );
  }

  /** The annotations of a Gateway programmed on this load balancer. */
  public readonly gatewayAnnotations: { [key: string]: string };
  /** The `spec.addresses` of such a Gateway (a bring-your-own frontend). */
  public readonly gatewayAddresses: GatewayAddress[];

  private constructor(annotations: { [key: string]: string }, addresses: GatewayAddress[]) {
    this.gatewayAnnotations = annotations;
    this.gatewayAddresses = addresses;
  }
}
