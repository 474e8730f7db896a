import { CloudProvider } from '../../core/cloud';

// These two read cloud facts that belong in core/cloud.ts; they move there with the other cloud
// facts (issue 14), and the stack then calls core's.

/** The cloud whose load balancer an annotation configures, if any. */
export function cloudOfAnnotations(annotations: { [key: string]: string }): CloudProvider | undefined {
  const keys = Object.keys(annotations);
  if (keys.some(k => k.startsWith('service.beta.kubernetes.io/azure-'))) return CloudProvider.AKS;
  if (keys.some(k => k.startsWith('networking.gke.io/') || k.startsWith('cloud.google.com/'))) return CloudProvider.GKE;
  return undefined;
}

/** The cloud an ingress class belongs to, if it belongs to one. */
export function cloudOfClass(ingressClassName: string | undefined): CloudProvider | undefined {
  if (ingressClassName === 'webapprouting.kubernetes.azure.com' || ingressClassName === 'azure-application-gateway') return CloudProvider.AKS;
  if (ingressClassName === 'gce' || ingressClassName === 'gce-internal') return CloudProvider.GKE;
  return undefined;
}
