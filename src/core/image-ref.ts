import * as kplus from 'cdk8s-plus-28';
import { PropProblem } from './errors';

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

/**
 * Which image references a workload accepts.
 */
export enum ImagePolicy {
  /**
   * Only references that pin a version: a tag other than `latest`, or a digest. A rollout (and a
   * rollback) can then tell two builds apart, and every node runs the same one.
   */
  REQUIRE_PINNED = 'REQUIRE_PINNED',
  /**
   * Untagged and `latest` references too, pulled with `imagePullPolicy: Always` as Kubernetes
   * defaults them. For images the app does not control, such as those of a compose file.
   */
  ALLOW_UNPINNED = 'ALLOW_UNPINNED',
}

/**
 * What is wrong with an image reference under a policy: the rule it breaks and a fix, or undefined
 * when it is accepted. The grammar applies under every policy.
 */
export function imageReferenceProblem(image: string, policy: ImagePolicy = ImagePolicy.REQUIRE_PINNED): { rule: string; fix: string } | undefined {
  const { ref, problem } = parseImageRef(image);
  if (!ref) {
    const suggestion = suggestImageRef(image);
    const fix = suggestion !== image && parseImageRef(suggestion).ref
      ? `use "${suggestion}"`
      : 'write it as [registry/]repository:tag, such as "eshop/catalog-api:1.0.0"';
    return { rule: problem!, fix };
  }
  if (policy === ImagePolicy.ALLOW_UNPINNED) return undefined;
  const allow = 'or pass imagePolicy: ImagePolicy.ALLOW_UNPINNED for an image you do not build';
  if (ref.tag === undefined && ref.digest === undefined) {
    return { rule: 'must have a tag or digest', fix: `pin a version such as "${image}:1.0.0", ${allow}` };
  }
  if (!isPinned(image)) {
    return { rule: 'must not use the tag "latest" (a rollout cannot tell two latest builds apart)', fix: `tag each build with its version, ${allow}` };
  }
  return undefined;
}

/**
 * What is wrong with the image a prop names: missing, against the reference grammar (with the
 * lowercase, trimmed reference as the fix when that one is valid), or not pinned under the policy.
 */
export function imagePropProblem(prop: string, image: string | undefined, policy?: ImagePolicy): PropProblem | undefined {
  if (!image) {
    return { prop, rule: 'is required', value: image, fix: 'pass an image with a tag, such as "eshop/catalog-api:1.0.0"' };
  }
  const problem = imageReferenceProblem(image, policy);
  return problem ? { prop, rule: problem.rule, value: image, fix: problem.fix } : undefined;
}

/**
 * The version an image reference names, as a label value (`1.4.0` for `eshop/catalog-api:1.4.0`):
 * its tag, cut to the 63 characters a label value may have; undefined without a tag.
 */
export function imageVersion(image: string): string | undefined {
  const { ref } = parseImageRef(image);
  const tag = ref?.tag;
  if (tag === undefined) return undefined;
  const value = tag.slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
  return value.length > 0 ? value : undefined;
}
