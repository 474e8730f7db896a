/**
 * A managed Kubernetes offering whose load balancers we know how to configure.
 */
export enum CloudProvider {
  /** Azure Kubernetes Service. */
  AKS = 'AKS',
  /** Google Kubernetes Engine. */
  GKE = 'GKE',
}
