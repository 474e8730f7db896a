import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsPeers } from './dns-egress';
import { GatewaySource } from '../../platform';
import { SERVICE_LABEL } from '../labels';

/** What the NetworkPolicies of a stack are drawn from. */
export interface PolicyGraph {
  readonly services: ReadonlyMap<string, { readonly port: number; readonly talksTo: string[] }>;
  readonly backing: ReadonlyMap<string, { readonly port: number }>;
  readonly externals: ReadonlyMap<string, { readonly port?: number }>;
  /** The services the gateway routes to. */
  readonly routed: ReadonlySet<string>;
  /** The labels of the gateway's pods in the stack's namespace, if it runs any there. */
  readonly gatewayPods?: { [key: string]: string };
  /** Where gateway traffic comes from besides those pods. */
  readonly gatewaySource: GatewaySource;
  /** The services whose `talksTo` names `name`. */
  callersOf(name: string): Set<string>;
}

/** Zero trust: nothing in or out, except DNS (to the kube-dns pods and the platform's resolvers). */
export function addBaseNetworkPolicies(scope: Construct, dnsResolverCidrs: string[]): void {
  new ApiObject(scope, 'DefaultDeny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new ApiObject(scope, 'AllowDns', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns' },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: dnsPeers(dnsResolverCidrs),
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    },
  });
}

/**
 * The NetworkPolicy of one service: who may call it (its callers, and the gateway when it is
 * routed) and what it may call (its `talksTo`). Rendered late, so services can be added in any
 * order.
 */
export function addServiceNetworkPolicy(scope: Construct, name: string, port: number, graph: PolicyGraph): void {
  new ApiObject(scope, 'NetworkPolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `allow-${name}` },
    spec: Lazy.any({ produce: () => servicePolicySpec(name, port, graph) }),
  });
}

/**
 * The in-cluster gateway takes traffic from anywhere (on its port, when we know it) and reaches
 * the routed services only. A data plane also fetches its configuration from its controller, in
 * the controller's namespace.
 */
export function addGatewayNetworkPolicy(scope: Construct, graph: PolicyGraph, port: number | undefined, dataPlane: boolean): void {
  const controllerLabels = graph.gatewaySource.controllerNamespaceLabels ?? graph.gatewaySource.namespaceLabels;
  const controller = dataPlane && controllerLabels ? [{ to: [{ namespaceSelector: { matchLabels: controllerLabels } }] }] : [];
  new ApiObject(scope, 'GatewayNetworkPolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-gateway' },
    spec: Lazy.any({
      produce: () => ({
        podSelector: { matchLabels: graph.gatewayPods },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [port === undefined ? {} : { ports: [{ protocol: 'TCP', port }] }],
        egress: [
          ...[...graph.routed].sort().map(n => ({
            to: [podsOf(n)],
            ports: [{ protocol: 'TCP', port: graph.services.get(n)!.port }],
          })),
          ...controller,
        ],
      }),
    }),
  });
}

function servicePolicySpec(name: string, port: number, graph: PolicyGraph): any {
  const ingress: any[] = [];
  const callers = [...graph.callersOf(name)].sort();
  if (callers.length > 0) {
    ingress.push({ from: callers.map(podsOf), ports: [{ protocol: 'TCP', port }] });
  }
  if (graph.routed.has(name)) {
    ingress.push({ from: gatewayPeers(graph), ports: [{ protocol: 'TCP', port }] });
  }
  const egress = [...graph.services.get(name)?.talksTo ?? []].sort().flatMap(target => egressTo(target, graph));
  return {
    podSelector: { matchLabels: { [SERVICE_LABEL]: name } },
    policyTypes: ['Ingress', 'Egress'],
    ingress,
    egress,
  };
}

function egressTo(target: string, graph: PolicyGraph): any[] {
  const inCluster = graph.services.get(target) ?? graph.backing.get(target);
  if (inCluster) return [{ to: [podsOf(target)], ports: [{ protocol: 'TCP', port: inCluster.port }] }];
  const external = graph.externals.get(target);
  if (!external) return [];
  // An ExternalName resolves to a host outside the cluster, at an address we cannot know:
  // allow leaving the cluster, on the dependency's port when it was given.
  return [{
    to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
    ...external.port !== undefined ? { ports: [{ protocol: 'TCP', port: external.port }] } : {},
  }];
}

/** Where gateway traffic comes from: the in-cluster gateway's pods or the platform's sources. */
function gatewayPeers(graph: PolicyGraph): any[] {
  const source = graph.gatewaySource;
  const peers: any[] = [];
  if (graph.gatewayPods) peers.push({ podSelector: { matchLabels: graph.gatewayPods } });
  if (source.namespaceLabels) peers.push({ namespaceSelector: { matchLabels: source.namespaceLabels } });
  for (const cidr of source.cidrs ?? []) peers.push({ ipBlock: { cidr } });
  return peers;
}

function podsOf(name: string): any {
  return { podSelector: { matchLabels: { [SERVICE_LABEL]: name } } };
}
