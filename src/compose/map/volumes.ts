import { keyPath } from '../diagnostics';
import { ComposeServiceModel, ModelMount, ModelTopLevel } from '../model';
import { ImageFacts, MapContext } from './context';
import { MountPlan, VolumePlan } from './plan';

/** Whether a container path is (inside) one of the image's data paths. */
export function isDataPath(facts: ImageFacts, target: string): boolean {
  return (facts.known?.dataPaths ?? []).some(p => target === p || target.startsWith(`${p}/`) || p.startsWith(`${target}/`));
}

/**
 * A claim for a data folder at `m.target`, registered once: the claim of a host folder (`source`) is
 * shared by every workload that mounts that folder, as they share it under compose; an image data
 * path's claim is the workload's own.
 */
export function dataClaim(ctx: MapContext, owner: string, m: Pick<ModelMount, 'target' | 'readOnly' | 'subPath'>, from: string, source?: string): MountPlan {
  const id = source !== undefined ? `bind:${source}` : `${owner}:${m.target}`;
  let plan = ctx.dataClaims.get(id);
  if (!plan) {
    const base = (source ?? m.target).split(/[\\/]/).filter(p => p !== '' && p !== '.').pop() ?? 'data';
    plan = { composeName: id, name: ctx.names.unique('volume', source !== undefined ? base : `${owner}-${base}`), kind: 'CLAIM', shared: false, users: [owner] };
  } else if (!plan.users.includes(owner)) {
    plan = { ...plan, users: [...plan.users, owner], shared: true };
  }
  ctx.dataClaims.set(id, plan);
  return { kind: 'CLAIM', target: m.target, name: plan.name, readOnly: m.readOnly, subPath: m.subPath, from };
}

/**
 * A `volumes` entry that is not a bind mount: a named volume is its claim (an existing one for
 * `external: true`, an NFS export for `driver_opts` of type nfs); an anonymous volume is the
 * image's data (a claim) at a data path, else an emptyDir; tmpfs is a memory emptyDir.
 */
export function mapVolumeMount(ctx: MapContext, svc: ComposeServiceModel, m: ModelMount, facts: ImageFacts, owner: string): MountPlan | undefined {
  for (const opt of m.ignored) ctx.warn(svc, m.key, `option ${opt} is not mapped`);
  if (m.type === 'tmpfs') return { kind: 'MEMORY', target: m.target, sizeBytes: m.tmpfsSizeBytes, readOnly: false, from: 'tmpfs' };
  if (m.type !== 'volume') {
    ctx.warn(svc, m.key, `of type ${m.type} is not mapped: Kubernetes mounts claims, ConfigMaps, Secrets and emptyDirs`);
    return undefined;
  }
  if (m.source === undefined) {
    if (isDataPath(facts, m.target)) return dataClaim(ctx, owner, m, 'anonymous volume at the image data path');
    ctx.warn(svc, m.key, `anonymous volume at ${m.target} becomes an emptyDir: Docker keeps it while the container is recreated, a pod loses it; name the volume to keep it`);
    return { kind: 'EMPTY_DIR', target: m.target, readOnly: m.readOnly, from: 'anonymous volume' };
  }
  const top = ctx.model.volumes.get(m.source);
  if (!top) {
    ctx.warn(svc, m.key, `names the volume "${m.source}", which the top-level volumes do not declare: it becomes a claim of that name`);
  }
  const kind = top?.external ? 'EXISTING_CLAIM' : nfsOf(top) ? 'NFS' : 'CLAIM';
  return { kind, target: m.target, name: ctx.names.of('volume', top?.external ? top.externalName : m.source), readOnly: m.readOnly, subPath: m.subPath, from: 'named volume' };
}

/** `tmpfs` entries: memory emptyDirs. */
export function mapTmpfs(svc: ComposeServiceModel): MountPlan[] {
  return svc.tmpfs.map(t => ({ kind: 'MEMORY', target: t.target, sizeBytes: t.sizeBytes, readOnly: false, from: 'tmpfs' }));
}

/**
 * The top-level volumes that mounts use, with the workloads that mount them (several: ReadWriteMany),
 * and a warning for each key or volume that is not mapped.
 */
export function planVolumes(ctx: MapContext, users: Map<string, Set<string>>): VolumePlan[] {
  const out: VolumePlan[] = [];
  for (const [name, v] of ctx.model.volumes) {
    const key = keyPath(['volumes', name]);
    const u = users.get(name);
    if (!u) {
      ctx.warnAt(v.where, key, 'is not mapped: no active service mounts it');
      continue;
    }
    const nfs = nfsOf(v);
    for (const k of v.otherKeys) ctx.warnAt(v.where, keyPath(['volumes', name, k]), 'is not mapped');
    if (v.external) {
      ctx.warnAt(v.where, key, `is external: the claim "${v.externalName}" must exist in the namespace before the app starts (kubectl get pvc ${v.externalName})`);
    } else if (!nfs && ((v.driver !== undefined && v.driver !== 'local') || Object.keys(v.driverOpts).length > 0)) {
      ctx.warnAt(v.where, key, 'driver and driver_opts are not mapped (only driver_opts of type nfs are): the claim uses the platform\'s storage class');
    }
    out.push({
      composeName: name,
      name: ctx.names.of('volume', v.external ? v.externalName : name),
      kind: v.external ? 'EXISTING_CLAIM' : nfs ? 'NFS' : 'CLAIM',
      shared: u.size > 1,
      users: [...u].map(n => ctx.names.of('service', n)),
      nfs,
    });
  }
  return out;
}

/** The NFS server, export and mount options of a volume with `driver_opts: { type: nfs, o: addr=..., device: ... }`. */
export function nfsOf(v: ModelTopLevel | undefined): VolumePlan['nfs'] {
  const o = v?.driverOpts;
  if (!o || !/^nfs4?$/.test(o.type ?? '')) return undefined;
  const opts = (o.o ?? '').split(',').map(x => x.trim()).filter(x => x !== '');
  const addr = opts.find(x => x.startsWith('addr='))?.slice(5);
  const device = o.device ?? '';
  const colon = device.indexOf(':');
  const server = addr ?? (colon > 0 ? device.slice(0, colon) : undefined);
  const path = colon >= 0 ? device.slice(colon + 1) : device;
  if (!server || !path.startsWith('/')) return undefined;
  const mountOptions = opts.filter(x => !x.startsWith('addr=') && x !== 'rw');
  if (o.type === 'nfs4' && !mountOptions.some(x => x.startsWith('nfsvers=') || x.startsWith('vers='))) mountOptions.push('nfsvers=4');
  return { server, path, mountOptions };
}
