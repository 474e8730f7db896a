import { Size } from 'cdk8s';

/**
 * A managed Kubernetes offering whose load balancers we know how to configure.
 */
export enum CloudProvider {
  /** Azure Kubernetes Service. */
  AKS = 'AKS',
  /** Google Kubernetes Engine. */
  GKE = 'GKE',
}

/** The ReadWriteMany file-share StorageClass a managed cluster ships with. */
export interface CloudFileShare {
  /** The StorageClass name (`azurefile-csi`). */
  readonly storageClassName: string;
  /** The smallest share the cloud provisions, when it has a floor. */
  readonly minimumSize?: Size;
}

/** What a managed cluster comes with, and how its objects are told apart from another cloud's. */
export interface CloudFacts {
  /** The short platform name (`aks`), used in Skaffold profiles. */
  readonly platformName: string;
  /** The GatewayClass of the cloud's managed Gateway API implementation. */
  readonly gatewayClassName: string;
  /** The IngressClass of the cloud's managed ingress, the platform's default. */
  readonly ingressClassName: string;
  /** Every IngressClass that exists only on this cloud. */
  readonly ingressClasses: readonly string[];
  /** The built-in ReadWriteMany file-share class. */
  readonly fileShare: CloudFileShare;
  /** The Service annotations that make a load balancer internal (a private IP). */
  readonly internalLoadBalancerAnnotations: { readonly [key: string]: string };
  /** Prefixes of the annotations only this cloud's controllers read. */
  readonly annotationPrefixes: readonly string[];
  /** Labels of the namespace the managed gateway runs in, if it runs in pods. */
  readonly gatewayNamespaceLabels?: { readonly [key: string]: string };
  /** Source ranges of a gateway that is not a pod (the cloud's proxies and health checkers). */
  readonly gatewayCidrs?: readonly string[];
  /** Labels of the namespace the controller of the platform's IngressClass runs in. */
  readonly ingressNamespaceLabels?: { readonly [key: string]: string };
  /**
   * Link-local DNS resolvers that pods of this cloud may be told to use instead of the kube-dns
   * pods: host-network endpoints that no pod selector matches, so DNS egress names them as CIDRs.
   */
  readonly dnsResolverCidrs: readonly string[];
}

/**
 * The default address of NodeLocal DNSCache, on any cluster that installs it.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/cluster/addons/dns/nodelocaldns/README.md
 */
export const NODE_LOCAL_DNS_CIDR = '169.254.20.10/32';

/**
 * Where Google Cloud load balancers' health checks (and the global external Application Load
 * Balancer's proxies, for container-native backends) come from. The newest firewall page lists
 * only 35.191.0.0/16 for IPv4 health checks of the global external ALB; 130.211.0.0/22 is still
 * listed for the others, so both are admitted.
 *
 * @see https://cloud.google.com/load-balancing/docs/firewall-rules
 */
export const GKE_HEALTH_CHECK_CIDRS: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22'];

/**
 * The GKE Gateway classes whose proxies are Envoy-based regional or cross-region load balancers:
 * their traffic comes from the region's proxy-only subnet, besides the health-check ranges. The
 * global external classes (`gke-l7-global-external-managed`, `gke-l7-gxlb` and their `-mc`
 * variants) send from the health-check ranges only. Which load balancer each class name stands
 * for (`gke-l7-rilb`: regional internal; `gke-l7-gxlb`: classic) is GKE's naming, not re-verified
 * against the class table here.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/gatewayclass-capabilities
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources
 */
export const GKE_PROXY_ONLY_SUBNET_CLASSES: readonly string[] = [
  'gke-l7-regional-external-managed', 'gke-l7-rilb',
  'gke-l7-regional-external-managed-mc', 'gke-l7-rilb-mc', 'gke-l7-cross-regional-internal-managed-mc',
];

/** Every GKE Gateway class (`kubectl get gatewayclass` on GKE lists these). */
export function isGkeGatewayClass(gatewayClassName: string | undefined): boolean {
  return gatewayClassName !== undefined && gatewayClassName.startsWith('gke-l7-');
}

/**
 * Application Gateway for Containers (AKS): its GatewayClass, the Gateway annotations that name
 * its load balancer, and the address type of a bring-your-own frontend. Listeners may use ports
 * 80 and 443 only.
 *
 * ALB-managed (an `ApplicationLoadBalancer` resource in the cluster) and bring-your-own (an
 * Azure resource id and a frontend) deployments, from
 * https://learn.microsoft.com/azure/application-gateway/for-containers/how-to-traffic-splitting-gateway-api
 * (MicrosoftDocs/azure-docs@0a8a1a9ae76215cd2722eea0a97e0979046feb7c
 * articles/application-gateway/for-containers/how-to-traffic-splitting-gateway-api.md); the
 * ports from .../for-containers/overview ("Implementation of Gateway API").
 */
export const AGC_FACTS = {
  gatewayClassName: 'azure-alb-external',
  albNamespaceAnnotation: 'alb.networking.azure.io/alb-namespace',
  albNameAnnotation: 'alb.networking.azure.io/alb-name',
  albIdAnnotation: 'alb.networking.azure.io/alb-id',
  frontendAddressType: 'alb.networking.azure.io/alb-frontend',
  listenerPorts: [80, 443] as readonly number[],
} as const;

/**
 * The facts of each cloud, in one place: the platform presets, internal load balancers, the
 * cloud checks of a stack and the file-share storage classes read them from here.
 */
export const CLOUD_FACTS: { readonly [cloud in CloudProvider]: CloudFacts } = {
  [CloudProvider.AKS]: {
    platformName: 'aks',
    gatewayClassName: 'azure-alb-external',
    ingressClassName: 'webapprouting.kubernetes.azure.com',
    ingressClasses: ['webapprouting.kubernetes.azure.com', 'azure-application-gateway'],
    fileShare: { storageClassName: 'azurefile-csi' },
    internalLoadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
    annotationPrefixes: ['service.beta.kubernetes.io/azure-'],
    // Application Gateway for Containers is not a pod of the cluster: it reaches pods from the
    // subnet it is associated with, which only the user knows (Platform.aksApplicationGateway).
    // The Ingress class is the application routing add-on's managed NGINX, whose controller runs
    // in app-routing-system: https://learn.microsoft.com/azure/aks/app-routing
    // (MicrosoftDocs/azure-aks-docs@137190e53a209a0fa0861747b526c4f7e6ec5529 articles/aks/app-routing.md).
    ingressNamespaceLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' },
    // LocalDNS (preview, Kubernetes 1.33+) answers pods from 169.254.10.10 or 169.254.10.11; the
    // docs do not say which address serves which dnsPolicy, so both are admitted:
    // https://learn.microsoft.com/azure/aks/aks-local-dns
    // (MicrosoftDocs/azure-aks-docs@11f9e9b96163c0cd99b01bbcdbb159d5e593240e articles/aks/aks-local-dns.md).
    dnsResolverCidrs: ['169.254.10.10/32', '169.254.10.11/32'],
  },
  [CloudProvider.GKE]: {
    platformName: 'gke',
    gatewayClassName: 'gke-l7-global-external-managed',
    ingressClassName: 'gce',
    ingressClasses: ['gce', 'gce-internal'],
    // Filestore's basic HDD tier starts at 1 TiB on most GKE versions.
    fileShare: { storageClassName: 'standard-rwx', minimumSize: Size.tebibytes(1) },
    internalLoadBalancerAnnotations: { 'networking.gke.io/load-balancer-type': 'Internal' },
    annotationPrefixes: ['networking.gke.io/', 'cloud.google.com/'],
    gatewayCidrs: GKE_HEALTH_CHECK_CIDRS,
    // NodeLocal DNSCache listens on 169.254.20.10 (on by default in Autopilot, and in Standard
    // from 1.34.1-gke.3720000 by the English page; translations say 1.33.1):
    // https://cloud.google.com/kubernetes-engine/docs/how-to/nodelocal-dns-cache.
    // With Cloud DNS, pods resolve through the metadata server 169.254.169.254:
    // https://cloud.google.com/kubernetes-engine/docs/concepts/service-discovery. That a
    // NetworkPolicy must admit both by ipBlock is not stated by Google; it is what Tekton and
    // Restate do after DNS broke on Dataplane V2 (github.com/tektoncd/operator/issues/4000,
    // github.com/restatedev/restate-operator/pull/88).
    dnsResolverCidrs: [NODE_LOCAL_DNS_CIDR, '169.254.169.254/32'],
  },
};

/** Every cloud, in declaration order (AKS first). */
const CLOUDS = Object.values(CloudProvider);

/** The facts of a cloud, or undefined for a value that is not a CloudProvider (JavaScript callers). */
function cloudFacts(cloud: CloudProvider): CloudFacts | undefined {
  return CLOUD_FACTS[cloud];
}

/** The Service annotations that ask `cloud` for an internal load balancer. */
export function internalLoadBalancerAnnotations(cloud: CloudProvider | undefined): { [key: string]: string } {
  return cloud === undefined ? {} : { ...cloudFacts(cloud)?.internalLoadBalancerAnnotations };
}

/** The cloud whose load balancer one of these annotations configures, if any. */
export function cloudOfAnnotations(annotations: { [key: string]: string }): CloudProvider | undefined {
  const keys = Object.keys(annotations);
  return CLOUDS.find(cloud => keys.some(k => CLOUD_FACTS[cloud].annotationPrefixes.some(prefix => k.startsWith(prefix))));
}

/** The cloud an ingress class belongs to, if it belongs to one. */
export function cloudOfIngressClass(ingressClassName: string | undefined): CloudProvider | undefined {
  if (ingressClassName === undefined) return undefined;
  return CLOUDS.find(cloud => CLOUD_FACTS[cloud].ingressClasses.includes(ingressClassName));
}

/** The built-in ReadWriteMany file-share class of `cloud`, or undefined for an unknown cloud. */
export function cloudFileShare(cloud: CloudProvider): CloudFileShare | undefined {
  return cloudFacts(cloud)?.fileShare;
}
