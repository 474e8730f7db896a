import { CloudProvider } from '../../src';
import { cloudFileShare, cloudOfAnnotations, cloudOfIngressClass, internalLoadBalancerAnnotations } from '../../src/core/cloud';

describe('cloud facts', () => {
  test('name the internal load balancer annotations of each cloud', () => {
    expect(internalLoadBalancerAnnotations(CloudProvider.AKS)).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
    expect(internalLoadBalancerAnnotations(CloudProvider.GKE)).toEqual({ 'networking.gke.io/load-balancer-type': 'Internal' });
    expect(internalLoadBalancerAnnotations(undefined)).toEqual({});
  });

  test('tell which cloud an annotation or an ingress class belongs to', () => {
    expect(cloudOfAnnotations({ 'service.beta.kubernetes.io/azure-dns-label-name': 'shop' })).toBe(CloudProvider.AKS);
    expect(cloudOfAnnotations({ 'cloud.google.com/neg': '{}' })).toBe(CloudProvider.GKE);
    expect(cloudOfAnnotations({ 'example.com/owner': 'team' })).toBeUndefined();
    expect(cloudOfIngressClass('azure-application-gateway')).toBe(CloudProvider.AKS);
    expect(cloudOfIngressClass('gce-internal')).toBe(CloudProvider.GKE);
    expect(cloudOfIngressClass('nginx')).toBeUndefined();
    expect(cloudOfIngressClass(undefined)).toBeUndefined();
  });

  test('give each cloud\'s file-share class and its minimum size', () => {
    expect(cloudFileShare(CloudProvider.AKS)).toEqual({ storageClassName: 'azurefile-csi' });
    expect(cloudFileShare(CloudProvider.GKE)?.storageClassName).toBe('standard-rwx');
    expect(cloudFileShare(CloudProvider.GKE)?.minimumSize?.asString()).toBe('1Ti');
    expect(cloudFileShare('OTHER' as CloudProvider)).toBeUndefined();
  });
});
