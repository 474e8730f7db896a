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
}

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
    gatewayNamespaceLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' },
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
    gatewayCidrs: ['35.191.0.0/16', '130.211.0.0/22'],
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
