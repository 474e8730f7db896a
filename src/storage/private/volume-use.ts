/**
 * The synth-time rules of an NfsVolume over the whole app: who mounts it, who else claims its
 * PersistentVolume, and whether its access modes allow that many writers.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { PropProblem } from '../../core/errors';
import { objectKey } from '../../core/objects';
import { ProbedDeployment } from '../../workload/probed-deployment';

/** One mount of the volume: by which container of which workload. */
export interface VolumeUse {
  readonly workload: kplus.AbstractPod;
  readonly container: kplus.Container;
  readonly mount: kplus.VolumeMount;
}

/** The objects of a static volume: the PersistentVolume and the claim bound to it. */
export interface StaticPair {
  readonly claim: kplus.PersistentVolumeClaim;
  readonly persistentVolume: kplus.PersistentVolume;
}

/** What one walk of the app finds. */
export interface UseScan {
  readonly uses: VolumeUse[];
  readonly problems: PropProblem[];
}

/**
 * Walks the app once: the mounts of `podVolume`, and the objects that clash with a static pair
 * (another claim of its PersistentVolume, another PersistentVolume of the same name).
 */
export function scanApp(root: IConstruct, podVolume: kplus.Volume | undefined, pair: StaticPair | undefined): UseScan {
  const uses: VolumeUse[] = [];
  const problems: PropProblem[] = [];
  const ownPv = pair ? ApiObject.of(pair.persistentVolume) : undefined;
  const pvName = pair?.persistentVolume.name;
  // PersistentVolumes are cluster-scoped: one of the same name in any namespace is the same object.
  const pvKey = ownPv && pvName !== undefined ? objectKey(ownPv.kind, ownPv.metadata.namespace, pvName) : undefined;
  for (const c of root.node.findAll()) {
    if (podVolume && c instanceof kplus.AbstractPod) uses.push(...mountsOf(c, podVolume));
    if (pair === undefined || pvName === undefined) continue;
    if (c instanceof kplus.PersistentVolumeClaim) {
      // A claim bound to another volume of the same name is the duplicate-name error below.
      const volume = c.volume;
      if (c !== pair.claim && volume?.name === pvName && (volume === pair.persistentVolume || !(volume instanceof kplus.PersistentVolume))) {
        problems.push(claimedTwice(pvName, c.node.path));
      }
    } else if (c instanceof ApiObject && c !== ownPv && objectKey(c.kind, c.metadata.namespace, c.name) === pvKey) {
      problems.push({
        prop: 'persistentVolumeName',
        rule: `must be unique in the app (PersistentVolumes are cluster-wide), but ${c.node.path} defines it too`,
        value: pvName,
        fix: 'give each NfsVolume its own persistentVolumeName',
      });
    } else if (c instanceof ApiObject && c.kind === 'PersistentVolumeClaim' && !(c.node.scope instanceof kplus.PersistentVolumeClaim)) {
      if (volumeNameOf(c) === pvName) problems.push(claimedTwice(pvName, c.node.path));
    }
  }
  return { uses, problems };
}

/** ReadWriteOnce (and ReadWriteOncePod): one writer. With ReadOnlyMany too, readers do not count. */
export function singleWriterProblems(modes: kplus.PersistentVolumeAccessMode[], uses: VolumeUse[]): PropProblem[] {
  const single = modes.filter(m => m !== kplus.PersistentVolumeAccessMode.READ_ONLY_MANY).join(', ');
  if (modes.includes(kplus.PersistentVolumeAccessMode.READ_WRITE_MANY) || single === '') return [];
  const readOnlyAllowed = modes.includes(kplus.PersistentVolumeAccessMode.READ_ONLY_MANY);
  const writers = [...new Set(uses.filter(u => !(readOnlyAllowed && u.mount.readOnly)).map(u => u.workload))];
  const problems: PropProblem[] = [];
  if (writers.length > 1) {
    problems.push({
      prop: 'accessModes',
      rule: `must include ReadWriteMany when ${writers.length} workloads mount the volume (${writers.map(w => w.node.path).join(', ')}): ${single} allows one writer`,
      value: modes,
      fix: 'use ReadWriteMany (NFS serves many nodes at once), or mount the volume in one workload only',
    });
  }
  for (const w of writers) {
    const replicas = replicasOf(w);
    if (replicas.many) {
      problems.push({
        prop: 'accessModes',
        rule: `must include ReadWriteMany when ${w.node.path} ${replicas.text}: ${single} allows one writer`,
        value: modes,
        fix: 'use ReadWriteMany (NFS serves many nodes at once), or run a single replica',
      });
    }
  }
  return problems;
}

/**
 * Mount paths of one container are unique. One report per collision: from the owner of the last
 * NfsVolume mount on that path (`isNfsVolume` tells NfsVolume pod volumes from others).
 */
export function collisionProblems(uses: VolumeUse[], podVolume: kplus.Volume, isNfsVolume: (v: kplus.Volume) => boolean): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const container of new Set(uses.map(u => u.container))) {
    const byPath = new Map<string, kplus.VolumeMount[]>();
    for (const m of container.mounts) {
      const key = normalPath(m.path);
      byPath.set(key, [...byPath.get(key) ?? [], m]);
    }
    for (const mounts of byPath.values()) {
      if (mounts.length < 2) continue;
      const ours = mounts.filter(m => isNfsVolume(m.volume));
      if (ours[ours.length - 1]?.volume !== podVolume) continue;
      const workload = uses.find(u => u.container === container)?.workload;
      const mine = mounts.find(m => m.volume === podVolume)!;
      problems.push(collision(container, workload, mine.path, mounts.find(m => m !== mine)!));
    }
  }
  return problems;
}

/** A mount path that is already taken in the container. */
export function collision(container: kplus.Container, workload: IConstruct | undefined, path: string, other: kplus.VolumeMount): PropProblem {
  const where = workload ? ` of ${workload.node.path}` : '';
  return {
    prop: 'mount.path',
    rule: `must be unique in container "${container.name}"${where}, but volume "${other.volume.name}" is mounted there already`,
    value: path,
    fix: 'mount at another path, or mount one volume and use subPath for its directories',
  };
}

/** Whether two mount paths are the same directory. */
export function samePath(a: string, b: string): boolean {
  return normalPath(a) === normalPath(b);
}

function mountsOf(workload: kplus.AbstractPod, podVolume: kplus.Volume): VolumeUse[] {
  const uses: VolumeUse[] = [];
  for (const container of [...workload.containers, ...workload.initContainers]) {
    for (const mount of container.mounts) {
      if (mount.volume === podVolume) uses.push({ workload, container, mount });
    }
  }
  return uses;
}

function claimedTwice(pvName: string, otherClaim: string): PropProblem {
  return {
    prop: 'persistentVolumeName',
    rule: `must be claimed once, but ${otherClaim} claims it too (a PersistentVolume binds to one claim)`,
    value: pvName,
    fix: 'mount this NfsVolume\'s claim wherever the data is needed; for another namespace create another NfsVolume with its own persistentVolumeName',
  };
}

/** The volumeName of a claim that is not a kplus object; a claim that fails to render is reported elsewhere. */
function volumeNameOf(claim: ApiObject): string | undefined {
  try {
    return claim.toJson().spec?.volumeName;
  } catch {
    return undefined;
  }
}

/** How many pods of a workload may run at once, for the single-writer rule. */
function replicasOf(workload: kplus.AbstractPod): { many: boolean; text: string } {
  if (workload instanceof ProbedDeployment && workload.autoscaler) {
    return { many: workload.autoscaler.maxReplicas > 1, text: `autoscales up to ${workload.autoscaler.maxReplicas} replicas` };
  }
  if (workload instanceof kplus.Deployment || workload instanceof kplus.StatefulSet) {
    if (workload.hasAutoscaler) return { many: true, text: 'is autoscaled' };
    const replicas = workload.replicas ?? (workload instanceof kplus.Deployment ? 2 : 1);
    return { many: replicas > 1, text: `runs ${replicas} replicas` };
  }
  if (workload instanceof kplus.DaemonSet) return { many: true, text: 'runs a pod on every node' };
  return { many: false, text: 'runs one pod' };
}

function normalPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
