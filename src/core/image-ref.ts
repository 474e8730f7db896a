import * as kplus from 'cdk8s-plus-28';

/**
 * An image reference split by the grammar of distribution/reference (the one Docker, containerd
 * and the kubelet use): `[domain/]path[:tag][@digest]`.
 *
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
export interface ImageRef {
  /** The registry host (`myregistry.azurecr.io`, `localhost:5000`), if the reference names one. */
  readonly domain?: string;
  /** The repository path (`eshop/catalog-api`, `postgres`). */
  readonly path: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest (`sha256:...`), if any. */
  readonly digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const DOMAIN = /^(?:\[[a-fA-F0-9:]+\]|[^:/]+)(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX = 255;

/**
 * Splits an image reference, or says what is wrong with it (a rule, for error messages).
 */
export function parseImageRef(reference: string): { ref?: ImageRef; problem?: string } {
  if (typeof reference !== 'string' || reference.length === 0) return { problem: 'must be a non-empty image reference' };
  if (/\s/.test(reference)) return { problem: 'must not contain spaces' };
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { problem: `has an invalid digest "${digest}" (algorithm:hex, such as sha256:<64 hex digits>)` };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return { problem: `has an invalid tag "${tag}" (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")` };
    }
  }
  const parts = rest.split('/');
  let domain: string | undefined;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
    domain = parts.shift()!;
    const host = domain.replace(/:[0-9]+$/, '');
    const hostOk = host.startsWith('[') || host.split('.').every(c => DOMAIN_COMPONENT.test(c));
    if (!DOMAIN.test(domain) || !hostOk) return { problem: `has an invalid registry "${domain}"` };
  }
  const bad = parts.find(p => !PATH_COMPONENT.test(p));
  if (bad !== undefined) {
    const rule = 'each part lowercase letters and digits, separated by ".", "_", "__" or "-"';
    return { problem: `has an invalid repository path "${parts.join('/')}": ${rule}` };
  }
  if (rest.length > NAME_MAX) return { problem: `has a name longer than ${NAME_MAX} characters` };
  return { ref: { domain, path: parts.join('/'), tag, digest } };
}

/** The reference with a lowercase repository path, for a fix that suggests one. */
export function suggestImageRef(reference: string): string {
  const trimmed = String(reference).replace(/\s+/g, '');
  const at = trimmed.indexOf('@');
  const head = at >= 0 ? trimmed.slice(0, at) : trimmed;
  const colon = head.lastIndexOf(':');
  const name = colon > head.lastIndexOf('/') ? head.slice(0, colon) : head;
  const parts = name.split('/');
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  const fixed = parts.map((p, i) => (hasDomain && i === 0 ? p : p.toLowerCase())).join('/');
  return fixed + trimmed.slice(name.length);
}

/** The repository without tag or digest (`myregistry.azurecr.io/eshop/catalog-api`). */
export function imageRepository(reference: string): string {
  const { ref } = parseImageRef(reference);
  if (!ref) {
    const at = reference.indexOf('@');
    const head = at >= 0 ? reference.slice(0, at) : reference;
    const colon = head.lastIndexOf(':');
    return colon > head.lastIndexOf('/') ? head.slice(0, colon) : head;
  }
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

/** Whether the reference pins a version: a digest, or a tag other than `latest`. */
export function isPinned(reference: string): boolean {
  const { ref } = parseImageRef(reference);
  if (!ref) return false;
  return ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest');
}

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
