import { IConstruct } from 'constructs';
import { propError } from '../../core/errors';
import { ImagePolicy, imageReferenceProblem, parseImageRef } from '../../core/image-ref';

const TYPE = 'MicroserviceStack';

/** How a stack completes and checks the images of its workloads. */
export interface ImageDefaults {
  /** Registry put in front of references that name none. */
  readonly imageRegistry?: string;
  /** Tag appended to references without tag or digest. */
  readonly defaultImageTag?: string;
  /** Which references are accepted. */
  readonly imagePolicy?: ImagePolicy;
}

/**
 * The image as the manifests name it: the stack's default tag on a reference without tag or
 * digest, the stack's registry in front of one that names no registry. Under
 * `ImagePolicy.REQUIRE_PINNED` a reference that does not pin a version is refused, because a
 * rollout cannot tell two builds of one tag apart.
 */
export function resolveImage(image: string, scope: IConstruct, defaults: ImageDefaults, prop = 'image'): string {
  const policy = defaults.imagePolicy ?? ImagePolicy.REQUIRE_PINNED;
  const grammar = imageReferenceProblem(image, ImagePolicy.ALLOW_UNPINNED);
  if (grammar) throw propError(scope, TYPE, { prop, rule: grammar.rule, value: image, fix: grammar.fix });
  const ref = parseImageRef(image).ref!;
  const tagged = ref.tag !== undefined || ref.digest !== undefined ? image : withDefaultTag(image, scope, defaults.defaultImageTag, policy, prop);
  const problem = imageReferenceProblem(tagged, policy);
  if (problem) {
    const fix = problem.fix.replace('pass imagePolicy: ImagePolicy.ALLOW_UNPINNED', 'set imagePolicy: ImagePolicy.ALLOW_UNPINNED on the stack');
    throw propError(scope, TYPE, { prop, rule: problem.rule, value: tagged, fix });
  }
  return defaults.imageRegistry && ref.domain === undefined ? `${defaults.imageRegistry.replace(/\/+$/, '')}/${tagged}` : tagged;
}

function withDefaultTag(image: string, scope: IConstruct, tag: string | undefined, policy: ImagePolicy, prop: string): string {
  if (!tag) {
    if (policy === ImagePolicy.ALLOW_UNPINNED) return image;
    throw propError(scope, TYPE, {
      prop,
      rule: 'must have a tag or digest',
      value: image,
      fix: `pin a version such as "${image}:1.0.0", or set defaultImageTag (or imagePolicy: ImagePolicy.ALLOW_UNPINNED) on the stack`,
    });
  }
  const tagged = `${image}:${tag}`;
  const { problem } = parseImageRef(tagged);
  if (problem) {
    throw propError(scope, TYPE, { prop: 'defaultImageTag', rule: problem, value: tag, fix: 'use a version such as "1.0.0"' });
  }
  return tagged;
}
