import { IConstruct } from 'constructs';
import { propError } from '../../core/errors';
import { isPinned, parseImageRef, suggestImageRef } from '../../core/image-ref';

const TYPE = 'MicroserviceStack';

/** How a stack completes the images of its services. */
export interface ImageDefaults {
  /** Registry put in front of references that name none. */
  readonly imageRegistry?: string;
  /** Tag appended to references without tag or digest. */
  readonly defaultImageTag?: string;
}

/**
 * The image as the manifests name it: the stack's default tag on a reference without tag or
 * digest, the stack's registry in front of one that names no registry. A reference that does not
 * pin a version is refused, because a rollout cannot tell two builds of one tag apart.
 */
export function resolveImage(image: string, scope: IConstruct, defaults: ImageDefaults): string {
  const { ref, problem } = parseImageRef(image);
  if (!ref) {
    const suggestion = suggestImageRef(image);
    throw propError(scope, TYPE, {
      prop: 'image',
      rule: problem!,
      value: image,
      fix: suggestion !== image ? `use "${suggestion}"` : 'write it as [registry/]repository:tag, such as "eshop/catalog-api:1.0.0"',
    });
  }
  const tagged = ref.tag !== undefined || ref.digest !== undefined ? image : withDefaultTag(image, scope, defaults.defaultImageTag);
  if (!isPinned(tagged)) {
    throw propError(scope, TYPE, {
      prop: 'image',
      rule: 'must not use the tag "latest" (a rollout cannot tell two latest builds apart)',
      value: tagged,
      fix: 'tag each build with its version',
    });
  }
  return defaults.imageRegistry && ref.domain === undefined ? `${defaults.imageRegistry.replace(/\/+$/, '')}/${tagged}` : tagged;
}

function withDefaultTag(image: string, scope: IConstruct, tag: string | undefined): string {
  if (!tag) {
    throw propError(scope, TYPE, {
      prop: 'image',
      rule: 'must have a tag or digest',
      value: image,
      fix: `pin a version such as "${image}:1.0.0", or set defaultImageTag on the stack`,
    });
  }
  const tagged = `${image}:${tag}`;
  const { problem } = parseImageRef(tagged);
  if (problem) {
    throw propError(scope, TYPE, { prop: 'defaultImageTag', rule: problem, value: tag, fix: 'use a version such as "1.0.0"' });
  }
  return tagged;
}
