import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GatewayKind } from './gateway-kind';

/**
 * A gateway that routes join: what a {@link GatewayRoute} needs from the gateway it belongs to.
 *
 * {@link ApiGateway} implements it, so a route depends on this contract and never on the
 * gateway construct (as cdk8s-plus's HorizontalPodAutoscaler takes an `IScalable`).
 */
export interface IGateway extends IConstruct {
  /** Which gateway renders the routes. */
  readonly kind: GatewayKind;

  /** Host names the gateway answers (any host when empty), for routes that list none of their own. */
  readonly hostnames: string[];

  /**
   * The namespace the routes' objects live in.
   *
   * @internal
   */
  readonly _routeNamespace?: string;

  /**
   * Called by each route's constructor: records the route and creates the objects it renders
   * into. Returns the route's own Ingress, if it needs one.
   *
   * @internal
   */
  _registerRoute(route: IConstruct): ApiObject | undefined;
}
