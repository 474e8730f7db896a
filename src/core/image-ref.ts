import * as kplus from 'cdk8s-plus-28';

/**
 * Kubernetes' own default, which cdk8s-plus replaces with `Always`: a tagged image is pulled only
 * when the node does not have it, an untagged or `latest` one every time.
 */
export function defaultPullPolicy(image: string): kplus.ImagePullPolicy {
  if (image.includes('@')) return kplus.ImagePullPolicy.IF_NOT_PRESENT;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
  return tag === undefined || tag === 'latest' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT;
}
