import { basename } from 'path';
import { keyPath } from '../diagnostics';
import { ComposeServiceModel, ModelFileRef } from '../model';
import { MapContext } from './context';
import { MountPlan, ObjectPlan } from './plan';

type Section = 'secrets' | 'configs';

/**
 * A service's `secrets` and `configs`: each mounted from its Secret or ConfigMap where compose puts
 * it (`/run/secrets/<name>`, or the target). uid, gid and mode are not mapped.
 */
export function mapFileRefs(ctx: MapContext, svc: ComposeServiceModel): MountPlan[] {
  const out: MountPlan[] = [];
  for (const section of ['secrets', 'configs'] as const) {
    for (const ref of svc[section]) {
      const mount = refMount(ctx, svc, section, ref);
      if (mount) out.push(mount);
    }
  }
  return out;
}

function refMount(ctx: MapContext, svc: ComposeServiceModel, section: Section, ref: ModelFileRef): MountPlan | undefined {
  for (const k of ['uid', 'gid', 'mode'] as const) {
    if (ref[k] !== undefined) ctx.warn(svc, [...ref.key, k], 'is not mapped: the files are readable by the pod\'s user');
  }
  const top = (section === 'secrets' ? ctx.model.secrets : ctx.model.configs).get(ref.source);
  if (!top) {
    ctx.warn(svc, ref.key, `names the ${section === 'secrets' ? 'secret' : 'config'} "${ref.source}", which the top-level ${section} do not declare: it is not mapped`);
    return undefined;
  }
  const target = section === 'secrets'
    ? (ref.target?.startsWith('/') ? ref.target : `/run/secrets/${ref.target ?? ref.source}`)
    : (ref.target ?? `/${ref.source}`);
  const kind = section === 'secrets' ? 'SECRET_OBJECT' : 'CONFIG_OBJECT';
  const name = ctx.names.of(section === 'secrets' ? 'secret' : 'config', top.external ? top.externalName : ref.source);
  return { kind, target, name, item: itemKey(ref.source), readOnly: true, from: section };
}

/** A ConfigMap or Secret key from a compose name. */
export function itemKey(name: string): string {
  return name.replace(/[^-._a-zA-Z0-9]/g, '-');
}

/**
 * The top-level secrets and configs that services use: from a file inside the project, a variable
 * or inline content (created by the app; a literal Secret gets a warning), or external (existing).
 */
export function planObjects(ctx: MapContext, used: { secrets: Set<string>; configs: Set<string> }): ObjectPlan[] {
  const out: ObjectPlan[] = [];
  for (const section of ['secrets', 'configs'] as const) {
    for (const [name, top] of section === 'secrets' ? ctx.model.secrets : ctx.model.configs) {
      const key = keyPath([section, name]);
      if (!used[section].has(name)) {
        ctx.warnAt(top.where, key, 'is not mapped: no active service uses it');
        continue;
      }
      for (const k of top.otherKeys) ctx.warnAt(top.where, keyPath([section, name, k]), 'is not mapped');
      const kind = section === 'secrets' ? 'SECRET' : 'CONFIG_MAP';
      const base = { composeName: name, name: ctx.names.of(section === 'secrets' ? 'secret' : 'config', top.external ? top.externalName : name), kind, item: itemKey(name) } as const;
      if (top.external) {
        ctx.warnAt(top.where, key, `is external: the ${kind === 'SECRET' ? 'Secret' : 'ConfigMap'} "${top.externalName}" must exist in the namespace before the app starts`);
        out.push({ ...base, existing: true });
        continue;
      }
      const content = objectContent(ctx, section, name);
      if (!content) continue;
      if (section === 'secrets') {
        ctx.warnAt(top.where, key, `is written into the YAML as a Secret "${base.name}": create it outside the app (kubectl create secret generic ${base.name} ...) and mark it external: true before this reaches git`);
      }
      out.push({ ...base, existing: false, ...content });
    }
  }
  return out;
}

function objectContent(ctx: MapContext, section: Section, name: string): { sourcePath?: string; value?: string } | undefined {
  const top = (section === 'secrets' ? ctx.model.secrets : ctx.model.configs).get(name)!;
  const key = keyPath([section, name]);
  if (top.file !== undefined) {
    const real = ctx.files.inside(top.file);
    if (real === undefined || ctx.files.stat(real)?.kind !== 'file') {
      ctx.warnAt(top.where, keyPath([section, name, 'file']), `"${basename(top.file)}" is missing or outside the project folder: it is not read, and the ${section === 'secrets' ? 'Secret' : 'ConfigMap'} is not created; create it outside the app`);
      return undefined;
    }
    return { sourcePath: real };
  }
  if (top.environment !== undefined) {
    const value = ctx.model.project.variable(top.environment);
    if (value === undefined) {
      ctx.warnAt(top.where, keyPath([section, name, 'environment']), `names the variable ${top.environment}, which is not set: the object is not created; set it in .env or the environment`);
      return undefined;
    }
    return { value };
  }
  if (top.content !== undefined) return { value: top.content };
  ctx.warnAt(top.where, key, 'has no file, environment or content: it is not created');
  return undefined;
}
