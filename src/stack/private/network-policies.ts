import { createHash } from 'crypto';
import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { dnsPeers } from './dns-egress';
import { StackMember } from './stack-context';
import { GatewaySource } from '../../platform';
import { ResolvedPort } from '../../workload/port-list';
import { NETWORK_LABEL_PREFIX, SERVICE_LABEL } from '../labels';
import { NetworkPolicyMode } from '../stack-options';

/** What the NetworkPolicies of a stack are drawn from. */
export interface PolicyGraph {
  /** How the policies are drawn (never NONE here: then there are none). */
  readonly mode: NetworkPolicyMode;
  /** The workloads of the stack: microservices, backing services and jobs. */
  readonly members: ReadonlyMap<string, StackMember>;
  readonly externals: ReadonlyMap<string, { readonly port?: number }>;
  /** The services the gateway routes to. */
  readonly routed: ReadonlySet<string>;
  /** The labels of the gateway's pods in the stack's namespace, if it runs any there. */
  readonly gatewayPods?: { [key: string]: string };
  /** Where gateway traffic comes from besides those pods. */
  readonly gatewaySource: GatewaySource;
  /** Networks whose members reach only each other. */
  readonly internalNetworks: ReadonlySet<string>;
  /** The platform's DNS resolvers besides the kube-dns pods. */
  readonly dnsResolverCidrs: string[];
  /** The workloads whose `talksTo` names `name`. */
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

/** Compose's stance: nothing reaches a pod unless a policy lets it in; egress stays open. */
export function addIngressDefaultDeny(scope: Construct): void {
  new ApiObject(scope, 'DefaultDeny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
}

/**
 * The NetworkPolicy of one workload. Call graph: who may call it (its callers, and the gateway
 * when it is routed) and what it may call (its `talksTo`). Networks: who shares a network with
 * it, the gateway, and anyone on an exposed Service. Rendered late, so workloads can be added in
 * any order.
 */
export function addServiceNetworkPolicy(scope: Construct, name: string, graph: PolicyGraph): void {
  new ApiObject(scope, 'NetworkPolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `allow-${name}` },
    spec: Lazy.any({ produce: () => (graph.mode === NetworkPolicyMode.NETWORKS ? networksPolicySpec(name, graph) : servicePolicySpec(name, graph)) }),
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
        ingress: [port === undefined ? {} : { ports: [{ protocol: 'TCP', port }] }],
        // Under compose's stance egress is open, for the gateway too.
        ...graph.mode === NetworkPolicyMode.NETWORKS ? { policyTypes: ['Ingress'] } : {
          policyTypes: ['Ingress', 'Egress'],
          egress: [
            ...[...graph.routed].sort().map(n => ({ to: [podsOf(n)], ports: policyPorts(tcpPorts(graph.members.get(n))) })),
            ...controller,
          ],
        },
      }),
    }),
  });
}

function servicePolicySpec(name: string, graph: PolicyGraph): any {
  const member = graph.members.get(name);
  const ports = policyPorts(member?.memberPorts ?? []);
  const ingress: any[] = [];
  const callers = [...graph.callersOf(name)].sort();
  if (callers.length > 0 && ports.length > 0) {
    ingress.push({ from: callers.map(podsOf), ports });
  }
  const routedPorts = policyPorts(tcpPorts(member));
  if (graph.routed.has(name) && routedPorts.length > 0) {
    ingress.push({ from: gatewayPeers(graph), ports: routedPorts });
  }
  const egress = [...new Set([...member?.talksTo ?? [], ...member?.waitFor ?? []])].sort().flatMap(target => egressTo(target, graph));
  return {
    podSelector: { matchLabels: { [SERVICE_LABEL]: name } },
    policyTypes: ['Ingress', 'Egress'],
    ingress,
    egress,
  };
}

/**
 * Compose's reachability: the members of its networks on its ports, the gateway when it is
 * routed, anyone when its Service is a NodePort or LoadBalancer; egress is not restricted.
 */
function networksPolicySpec(name: string, graph: PolicyGraph): any {
  const member = graph.members.get(name);
  const ports = policyPorts(member?.memberPorts ?? []);
  const ingress: any[] = [];
  // One peer per network, selected by the network's label rather than by listing its members, so
  // a policy's size does not grow with the stack. Like compose, this also admits the other pods of
  // its own service (they are members of the same networks).
  const networks = [...new Set(member?.networks ?? [])].sort();
  const peers = networks.map(networkPeer);
  if (ports.length > 0 && peers.length > 0) ingress.push({ from: peers, ports });
  const routedPorts = policyPorts(tcpPorts(member));
  if (graph.routed.has(name) && routedPorts.length > 0) ingress.push({ from: gatewayPeers(graph), ports: routedPorts });
  const exposed = member?.serviceType === kplus.ServiceType.NODE_PORT || member?.serviceType === kplus.ServiceType.LOAD_BALANCER;
  if (exposed && ports.length > 0) ingress.push({ ports });
  const spec = { podSelector: { matchLabels: { [SERVICE_LABEL]: name } }, policyTypes: ['Ingress'], ingress };
  if (networks.length === 0 || !networks.every(n => graph.internalNetworks.has(n))) return spec;
  // Only on internal networks: its peers and DNS, nothing outside (compose's `internal: true`).
  return {
    ...spec,
    policyTypes: ['Ingress', 'Egress'],
    egress: [
      { to: dnsPeers(graph.dnsResolverCidrs), ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      { to: peers },
    ],
  };
}

/**
 * The label that marks the pods of a network's members under the NETWORKS mode. A network name
 * that is not a valid label name (at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both
 * ends) is cut to a valid one with a hash of the whole name appended, so two networks never share
 * a label.
 */
export function networkLabel(network: string): string {
  if (network.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(network)) return NETWORK_LABEL_PREFIX + network;
  const hash = createHash('sha256').update(network).digest('hex').slice(0, 8);
  const cut = network.replace(/[^-A-Za-z0-9_.]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63 - 9).replace(/[^A-Za-z0-9]+$/, '');
  return `${NETWORK_LABEL_PREFIX}${cut === '' ? '' : `${cut}-`}${hash}`;
}

/** The pod labels of a member of `networks` (under the NETWORKS mode only). */
export function networkPodLabels(mode: NetworkPolicyMode, networks: string[]): { [key: string]: string } {
  if (mode !== NetworkPolicyMode.NETWORKS) return {};
  return Object.fromEntries([...new Set(networks)].sort().map(n => [networkLabel(n), 'true']));
}

/** The pods of the members of a network. */
function networkPeer(network: string): any {
  return { podSelector: { matchLabels: { [networkLabel(network)]: 'true' } } };
}

/** The TCP ports of a member (what HTTP gateways reach). */
function tcpPorts(member: StackMember | undefined): ResolvedPort[] {
  return (member?.memberPorts ?? []).filter(p => p.protocol === kplus.Protocol.TCP);
}

/** Ports as a NetworkPolicy writes them. */
function policyPorts(ports: ResolvedPort[]): any[] {
  return ports.map(p => ({ protocol: p.protocol, port: p.port }));
}

function egressTo(target: string, graph: PolicyGraph): any[] {
  const inCluster = graph.members.get(target);
  if (inCluster) {
    const ports = policyPorts(inCluster.memberPorts);
    return ports.length > 0 ? [{ to: [podsOf(target)], ports }] : [];
  }
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
