import { relative } from 'path';
import { imageRepository, parseImageRef, suggestImageRef } from '../../core/image-ref';
import { ComposeServiceModel } from '../model';
import { MapContext } from './context';
import { ImagePlan } from './plan';

/**
 * The image of a service. Untagged and `:latest` images convert, each with one warning saying how
 * to pin it; `--image-tag` fills in missing tags. A service with `build` and no `image` gets
 * `<name>:<image tag, else dev>`, which Skaffold builds and replaces.
 */
export function mapImage(ctx: MapContext, svc: ComposeServiceModel, k8sName: string): ImagePlan {
  const build = buildOf(ctx, svc);
  const pullPolicy = pullPolicyOf(ctx, svc);
  if (svc.image === undefined) {
    const image = `${k8sName}:${ctx.options.imageTag ?? 'dev'}`;
    ctx.warn(svc, ['build'], `gives no image: the image is named "${image}" (Skaffold builds it and replaces the tag); add image: to push it to a registry`);
    return { image, pullPolicy, build };
  }
  let image = svc.image;
  if (!parseImageRef(image).ref) return { image: repairedImage(ctx, svc, image, k8sName), pullPolicy, build };
  const { ref } = parseImageRef(image);
  if (ref && ref.tag === undefined && ref.digest === undefined) {
    if (ctx.options.imageTag !== undefined) {
      image = `${image}:${ctx.options.imageTag}`;
    } else {
      ctx.warn(svc, ['image'], `has no tag: every node pulls whatever "latest" is when it starts the pod; pin a version (${image}:<version>) or pass --image-tag`);
    }
  } else if (ref?.tag === 'latest' && ref.digest === undefined) {
    ctx.warn(svc, ['image'], 'uses the tag "latest": every node pulls whatever it is when it starts the pod; pin a version, or a digest (@sha256:...)');
  }
  return { image, pullPolicy, build };
}

/**
 * A reference Kubernetes accepts for one compose accepts but cannot pull (an upper-case
 * repository, a tag left empty by an unset variable, a placeholder such as `|version|`): the
 * reference lower-cased, else without its tag, else the service's name; with a warning naming
 * what runs instead.
 */
function repairedImage(ctx: MapContext, svc: ComposeServiceModel, image: string, k8sName: string): string {
  const suggested = suggestImageRef(image);
  const untagged = suggestImageRef(imageRepository(image));
  const repaired = parseImageRef(suggested).ref ? suggested : parseImageRef(untagged).ref ? untagged : k8sName;
  const why = repaired === untagged ? 'its tag is not valid, so it runs untagged (latest)' : repaired === k8sName ? 'it runs under the service\'s name' : 'it runs as written in lower case';
  ctx.warn(svc, ['image'], `"${image}" is not a valid image reference (docker cannot pull it either): ${why} as "${repaired}"; `
    + 'give a valid reference ([registry/]repository:tag), or set the variable it is built from');
  return repaired;
}

function buildOf(ctx: MapContext, svc: ComposeServiceModel): ImagePlan['build'] {
  const b = svc.build;
  if (!b) return undefined;
  for (const k of b.otherKeys) ctx.warn(svc, ['build', k], 'is not mapped: add it to the Skaffold artifact by hand');
  if (b.remote) {
    ctx.warn(svc, ['build', 'context'], 'is a remote context and is not mapped: Skaffold builds local folders; build and push the image, then give image:');
    return undefined;
  }
  if (b.dockerfileInline !== undefined) ctx.warn(svc, ['build', 'dockerfile_inline'], 'is not mapped: write it to a Dockerfile in the context for Skaffold');
  const rel = relative(ctx.model.project.directory, b.context).split('\\').join('/');
  return { context: rel === '' ? '.' : rel, dockerfile: b.dockerfile, target: b.target, args: b.args };
}

function pullPolicyOf(ctx: MapContext, svc: ComposeServiceModel): string | undefined {
  const p = svc.pullPolicy;
  if (p === undefined) return undefined;
  if (p === 'always') return 'Always';
  if (p === 'never') return 'Never';
  if (p === 'missing' || p === 'if_not_present') return 'IfNotPresent';
  if (p === 'build') return 'IfNotPresent';
  ctx.warn(svc, ['pull_policy'], `${p} is not mapped: Kubernetes pulls Always, IfNotPresent or Never`);
  return undefined;
}
