import { EmitContext } from './context';
import { keyPath } from '../diagnostics';
import { MountPlan, ObjectPlan, VolumePlan } from '../map/plan';
import { Expr } from '../program';

const GI = 2 ** 30;
const MI = 2 ** 20;

/**
 * The volumes the app creates itself, before the workloads that mount them: an NFS export
 * (`addVolume(name, { server, path })`), or a ReadWriteMany claim on the platform's class
 * (`addVolume(name)`) for a volume that several workloads, or several replicas, share. A volume
 * of one workload is a claim of its mounts (`ServiceMount.claim`).
 */
export function emitVolumes(ctx: EmitContext): void {
  for (const v of ctx.plan.volumes) {
    if (v.kind === 'NFS') {
      const nfs = v.nfs!;
      ctx.program.comment(`${keyPath(['volumes', v.composeName])}: the NFS export ${nfs.server}:${nfs.path}`);
      const props = { server: nfs.server, path: nfs.path, mountOptions: nfs.mountOptions.length > 0 ? nfs.mountOptions : undefined };
      ctx.volumeVars.set(v.name, ctx.program.declare(v.name, ctx.stack.method('addVolume', v.name, props)));
    } else if (v.kind === 'CLAIM' && sharedClaim(ctx, v)) {
      ctx.program.comment(`${v.composeName.startsWith('bind:') ? 'a host folder' : keyPath(['volumes', v.composeName])} shared by ${v.users.join(', ')}: `
        + 'a ReadWriteMany claim on the platform\'s file share class');
      ctx.volumeVars.set(v.name, ctx.program.declare(v.name, ctx.stack.method('addVolume', v.name)));
    }
  }
}

/** Whether a claim is shared: by several workloads, or by the replicas of one Deployment. */
function sharedClaim(ctx: EmitContext, v: VolumePlan): boolean {
  if (v.shared || v.users.length > 1) return true;
  const w = ctx.workload(v.users[0]);
  return w !== undefined && w.kind === 'DEPLOYMENT' && w.replicas > 1;
}

/**
 * The Secrets and ConfigMaps of compose's top-level `secrets` and `configs` whose content the
 * compose file gives (`content:`, `environment:`): created once, mounted where each service
 * mounts them. File-backed ones are mounted as files, existing ones by name.
 */
export function emitObjects(ctx: EmitContext): void {
  for (const o of ctx.plan.objects) {
    if (o.existing || o.value === undefined) continue;
    const section = o.kind === 'SECRET' ? 'secrets' : 'configs';
    ctx.program.comment(`${keyPath([section, o.composeName])}: a ${o.kind === 'SECRET' ? 'Secret' : 'ConfigMap'} mounted where compose mounts it`);
    const kind = o.kind === 'SECRET' ? 'Secret' : 'ConfigMap';
    const data = { [o.item]: o.value };
    ctx.program.add(Expr.sym('kplus').get(kind).construct(ctx.stack, `${section}-${o.name}`, {
      metadata: { name: o.name },
      ...o.kind === 'SECRET' ? { stringData: data } : { data },
    }));
  }
}

/** `ServiceMount`s of a container's mounts. */
export function mountExprs(ctx: EmitContext, mounts: MountPlan[]): Expr[] {
  return mounts.map(m => mountExpr(ctx, m));
}

function mountExpr(ctx: EmitContext, m: MountPlan): Expr {
  const sm = Expr.sym('ServiceMount');
  switch (m.kind) {
    case 'FILE':
      return sm.method('file', m.target, ctx.projectPath(m.sourcePath!), ...m.secret ? [{ secret: true }] : []);
    case 'DIRECTORY':
      return sm.method('directory', m.target, ctx.projectPath(m.sourcePath!, m.files ?? []), ...m.secret ? [{ secret: true }] : []);
    case 'EMPTY_DIR':
      return sm.method('emptyDir', m.target);
    case 'MEMORY':
      return sm.method('emptyDir', m.target, { memory: true, ...m.sizeBytes !== undefined ? { sizeLimit: sizeExpr(m.sizeBytes) } : {} });
    case 'SECRET_OBJECT':
    case 'CONFIG_OBJECT':
      return objectMount(ctx, m);
    default:
      return claimMount(ctx, m);
  }
}

/** A claim: a volume of the app (NFS, shared), an existing claim, or the workload's own. */
function claimMount(ctx: EmitContext, m: MountPlan): Expr {
  const sm = Expr.sym('ServiceMount');
  const options = { ...m.readOnly ? { readOnly: true } : {}, ...m.subPath !== undefined ? { subPath: m.subPath } : {} };
  const volume = ctx.volumeVars.get(m.name!);
  if (volume) return sm.method('volume', m.target, volume, ...Object.keys(options).length > 0 ? [options] : []);
  const existing = m.kind === 'EXISTING_CLAIM' ? { existing: true } : {};
  const all = { ...existing, ...options };
  return sm.method('claim', m.target, m.name!, ...Object.keys(all).length > 0 ? [all] : []);
}

/** A compose secret or config: from its file, from the object the app creates, or from one that exists. */
function objectMount(ctx: EmitContext, m: MountPlan): Expr {
  const sm = Expr.sym('ServiceMount');
  const kind: ObjectPlan['kind'] = m.kind === 'SECRET_OBJECT' ? 'SECRET' : 'CONFIG_MAP';
  const o = ctx.object(kind, m.name!);
  if (o?.sourcePath !== undefined && !o.existing) {
    return sm.method('file', m.target, ctx.projectPath(o.sourcePath), { ...kind === 'SECRET' ? { secret: true } : {}, key: m.item });
  }
  // Created by the app (a value), or expected to exist (external, or content that could not be read).
  const existing = o === undefined || o.existing || o.value === undefined;
  return sm.method(kind === 'SECRET' ? 'secret' : 'configMap', m.target, m.name!, { key: m.item, ...existing ? { existing: true } : {} });
}

/** A size as Size.gibibytes or Size.mebibytes (rounded up to whole mebibytes). */
export function sizeExpr(bytes: number): Expr {
  if (bytes % GI === 0) return Expr.sym('Size').method('gibibytes', bytes / GI);
  return Expr.sym('Size').method('mebibytes', Math.max(1, Math.ceil(bytes / MI)));
}
