/**
 * Where a gateway's traffic comes from, for the NetworkPolicies that let it reach the routed
 * services.
 */
export interface GatewaySource {
  /**
   * Label selector of the namespace the gateway's proxies run in
   * (`kubernetes.io/metadata.name` is set on every namespace): routed services admit every pod
   * of that namespace.
   *
   * @default - no namespace selector
   */
  readonly namespaceLabels?: { [key: string]: string };

  /**
   * Source CIDRs of a gateway that is not a pod (a cloud load balancer's health checkers and
   * proxies).
   *
   * @default - none
   */
  readonly cidrs?: string[];

  /**
   * Whether the implementation runs its proxies as pods in the Gateway's own namespace,
   * labelled `gateway.networking.k8s.io/gateway-name: <gateway>` (NGINX Gateway Fabric 2,
   * Istio): the stack then gives those pods a NetworkPolicy and lets them reach the routed
   * services.
   *
   * @default true
   */
  readonly dataPlanePods?: boolean;

  /**
   * Label selector of the namespace of the controller that a data plane in the Gateway's
   * namespace gets its configuration from (NGINX Gateway Fabric: `nginx-gateway`; Istio:
   * `istio-system` or `aks-istio-system`). Only the data-plane pods may reach it.
   *
   * @default - `namespaceLabels`
   */
  readonly controllerNamespaceLabels?: { [key: string]: string };
}

/**
 * An entry of a Gateway's `spec.addresses`: the address the implementation should use
 * (Application Gateway for Containers: a frontend of a bring-your-own load balancer).
 */
export interface GatewayAddress {
  /**
   * The address type: `IPAddress`, `Hostname` or an implementation's own type.
   *
   * @default "IPAddress"
   */
  readonly type?: string;

  /** The address. */
  readonly value: string;
}
