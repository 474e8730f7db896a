import { ComposeServiceModel } from '../model';
import { mapImage } from './build';
import { mapCommand } from './command';
import { ImageFacts, MapContext } from './context';
import { mapEnvironment } from './environment';
import { mapBindMount } from './files';
import { ContainerPlan, MountPlan, PublishedPortPlan } from './plan';
import { mapPorts } from './ports';
import { mapProbes } from './probes';
import { mapResources } from './resources';
import { mapFileRefs } from './secrets';
import { mapSecurity } from './security';
import { dataClaim, mapTmpfs, mapVolumeMount } from './volumes';

/** A container, and the ports its service publishes. */
export interface MappedContainer {
  readonly container: ContainerPlan;
  readonly published: PublishedPortPlan[];
}

/**
 * One compose service as a container of the workload `owner` (its own, or the pod it joins):
 * image, command, environment, ports, mounts, probes, security and resources.
 */
export function mapContainer(ctx: MapContext, svc: ComposeServiceModel, owner: string, stateful: boolean): MappedContainer {
  const name = ctx.names.of('service', svc.name);
  const facts = ctx.imageFacts(svc);
  const { ports, published } = mapPorts(ctx, svc, facts);
  const { env, secretEnv } = mapEnvironment(ctx, svc);
  imageEnv(ctx, svc, facts, env, secretEnv);
  const mounts = mapMounts(ctx, svc, owner, stateful);
  const ownNames = [svc.name, name, svc.hostname, svc.containerName, ...svc.networks.flatMap(n => n.aliases)]
    .filter((x): x is string => x !== undefined);
  const container: ContainerPlan = {
    service: svc.name,
    name,
    image: mapImage(ctx, svc, name),
    ...mapCommand(svc),
    env,
    secretEnv,
    ports,
    probes: mapProbes(ctx, svc, ports, facts, ownNames),
    mounts,
    security: mapSecurity(ctx, svc, facts, mounts, ports),
    resources: mapResources(ctx, svc),
  };
  return { container, published };
}

type EnvMap = { [name: string]: string };

/**
 * Variables the image table says a well-known image needs on Kubernetes (PGDATA below a fresh
 * claim's lost+found, KAFKA_LOG_DIRS into the data volume, ENVOY_UID=0 to start without su-exec),
 * set when the compose file leaves them unset, each named in a warning.
 */
function imageEnv(ctx: MapContext, svc: ComposeServiceModel, facts: ImageFacts, env: EnvMap, secretEnv: EnvMap): void {
  if (facts.dockerfile) return;
  for (const e of facts.known?.env ?? []) {
    if (e.name in env || e.name in secretEnv) continue;
    env[e.name] = e.value;
    ctx.warn(svc, ['environment'], `gets ${e.name}=${e.value} from the image table of ${facts.known!.name}: ${e.reason}`);
  }
}

/** `volumes`, `tmpfs`, `shm_size`, `secrets` and `configs`; for a stateful image, a claim at each data path nothing mounts. */
function mapMounts(ctx: MapContext, svc: ComposeServiceModel, owner: string, stateful: boolean): MountPlan[] {
  const facts = ctx.imageFacts(svc);
  const out: MountPlan[] = [];
  for (const m of svc.volumes) {
    const plan = m.type === 'bind' ? mapBindMount(ctx, svc, m, facts, owner) : mapVolumeMount(ctx, svc, m, facts, owner);
    if (plan) out.push(plan);
  }
  for (const bad of svc.invalidMounts) ctx.warn(svc, bad.key, `is not mapped: it ${bad.problem} (a Linux container path such as /data)`);
  for (const v of svc.volumesFrom) ctx.warn(svc, ['volumes_from'], `"${v}" is not mapped: mount the same named volume in both services instead`);
  out.push(...mapTmpfs(svc));
  if (svc.shmSizeBytes !== undefined) out.push({ kind: 'MEMORY', target: '/dev/shm', sizeBytes: svc.shmSizeBytes, readOnly: false, from: 'shm_size' });
  out.push(...mapFileRefs(ctx, svc));
  if (stateful) {
    for (const path of facts.known?.dataPaths ?? []) {
      if (out.some(m => m.target === path || path.startsWith(`${m.target}/`))) continue;
      out.push(dataClaim(ctx, owner, { target: path, readOnly: false }, 'image data path'));
    }
  }
  const sub = facts.known?.volumeSubPath;
  const withSubPath = out.map(m => (sub && m.kind === 'CLAIM' && m.subPath === undefined && facts.known!.dataPaths.includes(m.target) ? { ...m, subPath: sub } : m));
  return dedupeTargets(ctx, svc, withSubPath);
}

/** One mount per target: the later entry wins, as in compose. */
function dedupeTargets(ctx: MapContext, svc: ComposeServiceModel, mounts: MountPlan[]): MountPlan[] {
  const byTarget = new Map<string, MountPlan>();
  for (const m of mounts) {
    if (byTarget.has(m.target)) ctx.warn(svc, ['volumes'], `mounts ${m.target} twice: the last one (${m.from}) is kept`);
    byTarget.set(m.target, m);
  }
  return [...byTarget.values()];
}
