/**
 * Where pods send DNS queries. The kube-dns pods (CoreDNS, labelled `k8s-app: kube-dns` in
 * kube-system on kind, minikube, AKS and GKE; AKS: Azure/aks-engine@04782b84c65fc588870aa9e1e68c385fc57758ff
 * parts/k8s/addons/coredns.yaml) are matched by selector. Node-local caches and cloud metadata
 * resolvers are host-network or link-local endpoints that no pod selector matches, so the
 * platform names them as CIDRs (core/cloud.ts cites each); without them a policy engine that
 * enforces egress (Dataplane V2, Cilium) drops every lookup.
 */
export function dnsPeers(resolverCidrs: string[]): any[] {
  return [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
    ...[...new Set(resolverCidrs)].map(cidr => ({ ipBlock: { cidr } })),
  ];
}
