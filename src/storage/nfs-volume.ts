import { createHash } from 'crypto';
import { ApiObject, Chart, JsonPatch, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud';
import { propError, PropProblem, validationMessage } from '../core/errors';
import { dns1123SubdomainProblem, isIpAddress } from '../core/names';
import { ProbedDeployment } from '../workload/probed-deployment';

const TYPE = 'NfsVolume';
const STORAGE_CLASS_TYPE = 'NfsStorageClass';

/** The provisioner name of the Kubernetes NFS CSI driver (kubernetes-csi/csi-driver-nfs). */
const NFS_CSI_PROVISIONER = 'nfs.csi.k8s.io';

/** NFS 4.1: one TCP connection, no separate lock and mount daemons to open in a firewall. */
const DEFAULT_NFS_MOUNT_OPTIONS = ['nfsvers=4.1'];

/**
 * How pods get the group that may write to the export.
 */
export enum NfsGroupAccess {
  /**
   * Add the GID to the pod's `supplementalGroups`: every process of the pod is a member of the
   * group, and no file on the volume changes owner. Works on any export (including
   * root-squashed ones) and with several volumes of different GIDs in one pod.
   */
  SUPPLEMENTAL_GROUP = 'SUPPLEMENTAL_GROUP',

  /**
   * Set the pod's `fsGroup` (with `fsGroupChangePolicy: OnRootMismatch`). The processes are
   * members of the group too; volume drivers that manage ownership (the NFS CSI driver ships
   * `fsGroupPolicy: File`) also change the group of the volume's files at mount, which needs an
   * export without `root_squash`. A pod has one `fsGroup`.
   */
  FS_GROUP = 'FS_GROUP',
}

/**
 * What the NFS CSI driver does with a volume's directory when the volume is deleted (the
 * `onDelete` parameter; only used with reclaim policy `Delete`).
 */
export enum NfsOnDelete {
  /** Delete the directory and its data. */
  DELETE = 'delete',
  /** Keep the directory as it is. */
  RETAIN = 'retain',
  /** Rename the directory to `archived-<name>`, keeping the data. */
  ARCHIVE = 'archive',
}

/**
 * The StorageClass a dynamically provisioned {@link NfsVolume} claims.
 */
export class ClaimStorageClass {
  /**
   * A StorageClass that already exists in the cluster, by name (`nfs-csi`, `nfs-client`).
   *
   * @example
   * ClaimStorageClass.named('nfs-csi')
   */
  public static named(storageClassName: string): ClaimStorageClass {
    return new ClaimStorageClass(storageClassName, undefined, undefined);
  }

  /**
   * A StorageClass of the NFS CSI driver defined in this app.
   *
   * @example
   * ClaimStorageClass.fromNfsStorageClass(new NfsStorageClass(chart, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' }))
   */
  public static fromNfsStorageClass(storageClass: NfsStorageClass): ClaimStorageClass {
    return new ClaimStorageClass(storageClass.storageClassName, storageClass, undefined);
  }

  /**
   * The ReadWriteMany file-share class a managed cluster ships with: `azurefile-csi` (Azure
   * Files) on AKS, `standard-rwx` (Filestore, basic HDD tier) on GKE.
   *
   * These built-in classes have reclaim policy `Delete`: deleting the claim deletes the share and
   * its data. To keep the data, create a StorageClass with `reclaimPolicy: Retain` and claim it
   * with `ClaimStorageClass.named(...)`. Filestore has a minimum instance size (1 TiB for the
   * basic HDD tier on most GKE versions), which is why the default capacity on GKE is 1Ti.
   *
   * @example
   * ClaimStorageClass.cloudFileShare(CloudProvider.AKS)
   */
  public static cloudFileShare(provider: CloudProvider): ClaimStorageClass {
    switch (provider) {
      case CloudProvider.AKS:
        return new ClaimStorageClass('azurefile-csi', undefined, provider);
      case CloudProvider.GKE:
        return new ClaimStorageClass('standard-rwx', undefined, provider, Size.tebibytes(1));
      default:
        throw new Error(validationMessage('ClaimStorageClass', {
          prop: 'provider', rule: `must be one of ${Object.values(CloudProvider).join(', ')}`, value: provider, fix: 'pass CloudProvider.AKS or CloudProvider.GKE',
        }));
    }
  }

  /** The name of the StorageClass. */
  public readonly storageClassName: string;
  /** The NFS CSI StorageClass of this app, when the claim uses one. */
  public readonly nfsStorageClass?: NfsStorageClass;
  /** The cloud whose built-in file-share class this is, if any. */
  public readonly provider?: CloudProvider;
  /** The capacity claimed when the NfsVolume gives none. */
  public readonly defaultCapacity: Size;

  private constructor(
    storageClassName: string, nfsStorageClass: NfsStorageClass | undefined, provider: CloudProvider | undefined, defaultCapacity?: Size,
  ) {
    this.storageClassName = storageClassName;
    this.nfsStorageClass = nfsStorageClass;
    this.provider = provider;
    this.defaultCapacity = defaultCapacity ?? Size.gibibytes(10);
  }
}

/**
 * Props of {@link NfsVolume}.
 *
 * Static provisioning (the default) needs `server` and `path`; dynamic provisioning needs
 * `storageClass` and takes neither.
 */
export interface NfsVolumeProps {
  /**
   * The NFS server: its IP address (`10.0.0.4`) or DNS name. Static provisioning only.
   *
   * The node, not the pod, mounts the export: the server must accept the nodes' addresses.
   *
   * @default - required unless `storageClass` is given
   */
  readonly server?: string;

  /**
   * The exported directory on the server, an absolute path (`/srv/nfs/uploads`). Static
   * provisioning only.
   *
   * @default - required unless `storageClass` is given
   */
  readonly path?: string;

  /**
   * Provision the volume dynamically from this StorageClass instead of binding a
   * PersistentVolume on `server`:`path`.
   *
   * @default - static provisioning: a PersistentVolume on `server`:`path`, bound to the claim
   */
  readonly storageClass?: ClaimStorageClass;

  /**
   * The size of the volume: the PersistentVolume's capacity (static provisioning) or the size
   * asked of the StorageClass (dynamic provisioning). NFS does not enforce it; the export's
   * disk is the real limit.
   *
   * @default - Size.gibibytes(10); the storage class's `defaultCapacity` with dynamic provisioning
   */
  readonly capacity?: Size;

  /**
   * What the claim asks for. At most `capacity`, or the claim never binds. Static provisioning
   * only.
   *
   * @default - the whole capacity
   */
  readonly claimSize?: Size;

  /**
   * Access modes of the volume and the claim.
   *
   * @default [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY]
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];

  /**
   * What happens to the PersistentVolume when its claim is deleted. Static provisioning only.
   *
   * `Delete` is refused unless `allowDeleteReclaimPolicy` is set: Kubernetes has no deleter for
   * NFS volumes, so `Delete` does not remove any data; the PersistentVolume goes to `Failed`
   * when its claim is deleted and must be removed by hand.
   *
   * @default kplus.PersistentVolumeReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: kplus.PersistentVolumeReclaimPolicy;

  /**
   * Accept `reclaimPolicy: Delete` on a static NFS volume, knowing that it deletes no data and
   * leaves a `Failed` PersistentVolume behind (for example to show that behaviour in a lesson).
   *
   * @default false
   */
  readonly allowDeleteReclaimPolicy?: boolean;

  /**
   * NFS mount options of the PersistentVolume. Static provisioning only (a StorageClass carries
   * its own).
   *
   * @default ['nfsvers=4.1']
   */
  readonly mountOptions?: string[];

  /**
   * Name of the PersistentVolume. PersistentVolumes are cluster-wide: the name must be unique
   * in the cluster, not only in the namespace. Static provisioning only.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly persistentVolumeName?: string;

  /**
   * Name of the PersistentVolumeClaim.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly claimName?: string;

  /**
   * The GID that owns the export (or may write to it). Deployments mounted with `mount()` get
   * this group, so a non-root pod can write to a directory owned by `root:<gid>` with mode
   * `2775`. See the README section "Preparing the NFS export".
   *
   * @default - the NfsStorageClass's `groupId` with dynamic provisioning, else no group is added
   */
  readonly groupId?: number;

  /**
   * How deployments get `groupId`.
   *
   * @default NfsGroupAccess.SUPPLEMENTAL_GROUP
   */
  readonly groupAccess?: NfsGroupAccess;
}

/**
 * Options of {@link NfsVolume.mountContainer}.
 */
export interface NfsMountOptions {
  /**
   * Mount the volume read-only in this container.
   *
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * A directory of the volume to mount instead of its root, relative (`images/2026`).
   *
   * @default - the whole volume
   */
  readonly subPath?: string;
}

/**
 * Options of {@link NfsVolume.mount}.
 */
export interface NfsDeploymentMountOptions extends NfsMountOptions {
  /**
   * The container of the deployment to mount the volume in.
   *
   * @default - the main container of a ProbedDeployment, else the deployment's first container
   */
  readonly container?: kplus.Container;
}

/**
 * Persistent storage on an NFS server: a PersistentVolumeClaim, and with static provisioning
 * the PersistentVolume it is bound to.
 *
 * Static provisioning (the default) writes a PersistentVolume with `nfs: {server, path}`,
 * `storageClassName: ""`, reclaim policy `Retain` and a `claimRef` to the claim, and a claim
 * with `storageClassName: ""` and `volumeName` set to the volume: the two bind to each other
 * and to nothing else (without `storageClassName: ""` the claim would get the cluster's default
 * StorageClass and a new, empty volume). Dynamic provisioning claims a StorageClass instead.
 *
 * Pods use the claim (a `persistentVolumeClaim` volume), never an inline `nfs:` volume, so they
 * stay within restricted Pod Security.
 *
 * @example
 * const uploads = new NfsVolume(chart, 'uploads', {
 *   server: '10.0.0.4',
 *   path: '/srv/nfs/uploads',
 *   groupId: 2000,
 * });
 * uploads.mount(api, '/app/uploads');
 * uploads.mount(gallery, '/app/uploads', { readOnly: true });
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reserving-a-persistentvolume
 */
export class NfsVolume extends Construct implements kplus.IStorage {
  /** The PersistentVolumeClaim that pods mount. */
  public readonly claim: kplus.PersistentVolumeClaim;
  /** The PersistentVolume on the NFS export (static provisioning only). */
  public readonly persistentVolume?: kplus.PersistentVolume;
  /** The claim's StorageClass: "" (no class) with static provisioning. */
  public readonly storageClassName: string;
  /** The NFS server (static provisioning only). */
  public readonly server?: string;
  /** The exported path (static provisioning only). */
  public readonly path?: string;
  /** The volume's capacity, or the size asked of the StorageClass. */
  public readonly capacity: Size;
  /** What the claim asks for. */
  public readonly claimSize: Size;
  /** Access modes of the volume and the claim. */
  public readonly accessModes: kplus.PersistentVolumeAccessMode[];
  /** The PersistentVolume's reclaim policy (static provisioning only). */
  public readonly reclaimPolicy?: kplus.PersistentVolumeReclaimPolicy;
  /** The PersistentVolume's mount options (static provisioning only). */
  public readonly mountOptions?: string[];
  /** The GID given to deployments that mount the volume, if any. */
  public readonly groupId?: number;
  /** How deployments get `groupId`. */
  public readonly groupAccess: NfsGroupAccess;

  private _podVolume?: kplus.Volume;

  public constructor(scope: Construct, id: string, props: NfsVolumeProps = {}) {
    super(scope, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const dynamic = props.storageClass;

    if (dynamic) {
      const staticOnly: Array<[string, unknown, string]> = [
        ['server', props.server, 'set the server on the NfsStorageClass'],
        ['path', props.path, 'set the share on the NfsStorageClass'],
        ['claimSize', props.claimSize?.asString(), 'set capacity: it is what the claim asks of the StorageClass'],
        ['reclaimPolicy', props.reclaimPolicy, 'set the reclaim policy on the StorageClass'],
        ['allowDeleteReclaimPolicy', props.allowDeleteReclaimPolicy, 'set the reclaim policy on the StorageClass'],
        ['mountOptions', props.mountOptions, 'set mount options on the StorageClass'],
        ['persistentVolumeName', props.persistentVolumeName, 'the provisioner names the volumes it creates'],
      ];
      for (const [prop, value, fix] of staticOnly) {
        if (value !== undefined) {
          throw fail({ prop, rule: 'only applies to static provisioning (storageClass is set)', value, fix: `drop ${prop}; ${fix}` });
        }
      }
      const classProblem = dns1123SubdomainProblem(dynamic.storageClassName);
      if (classProblem) {
        throw fail({ prop: 'storageClass', rule: classProblem, value: dynamic.storageClassName, fix: 'pass the name of a StorageClass of the cluster (kubectl get storageclass)' });
      }
    } else {
      checkServer(props.server, 'server', fail);
      checkExportPath(props.path, 'path', fail);
    }

    const accessModes = props.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY];
    checkAccessModes(accessModes, fail);

    const capacity = props.capacity ?? dynamic?.defaultCapacity ?? Size.gibibytes(10);
    checkSize(capacity, 'capacity', fail);
    const claimSize = props.claimSize ?? capacity;
    checkSize(claimSize, 'claimSize', fail);
    if (kibibytes(claimSize) > kibibytes(capacity)) {
      throw fail({
        prop: 'claimSize',
        rule: `must not be larger than the volume's capacity (${capacity.asString()}), or the claim never binds`,
        value: claimSize.asString(),
        fix: `ask for ${capacity.asString()} or less, or raise capacity`,
      });
    }

    let reclaimPolicy: kplus.PersistentVolumeReclaimPolicy | undefined;
    let mountOptions: string[] | undefined;
    if (!dynamic) {
      reclaimPolicy = props.reclaimPolicy ?? kplus.PersistentVolumeReclaimPolicy.RETAIN;
      if (reclaimPolicy === kplus.PersistentVolumeReclaimPolicy.DELETE && !props.allowDeleteReclaimPolicy) {
        throw fail({
          prop: 'reclaimPolicy',
          rule: 'must be Retain on a static NFS volume: Kubernetes cannot delete NFS data, so Delete only leaves a Failed PersistentVolume when the claim goes',
          value: reclaimPolicy,
          fix: 'keep the default Retain, or set allowDeleteReclaimPolicy: true if that is what you want to show',
        });
      }
      mountOptions = [...props.mountOptions ?? DEFAULT_NFS_MOUNT_OPTIONS];
      checkMountOptions(mountOptions, fail);
    }

    for (const [prop, value] of [['claimName', props.claimName], ['persistentVolumeName', props.persistentVolumeName]] as const) {
      const problem = value === undefined ? undefined : dns1123SubdomainProblem(value);
      if (problem) throw fail({ prop, rule: problem, value, fix: 'use lowercase letters, digits and \'-\', such as "uploads"' });
    }

    const groupId = props.groupId ?? dynamic?.nfsStorageClass?.groupId;
    if (props.groupId !== undefined) checkGroupId(props.groupId, 'groupId', fail);
    if (props.groupAccess !== undefined && groupId === undefined) {
      throw fail({ prop: 'groupAccess', rule: 'needs a groupId', value: props.groupAccess, fix: 'set groupId to the GID that owns the export' });
    }

    const namespace = Chart.of(this).namespace;
    if (!dynamic && !namespace) {
      throw fail({
        prop: 'namespace',
        rule: 'is required for static provisioning: the PersistentVolume\'s claimRef names the claim\'s namespace',
        value: namespace,
        fix: 'give the chart a namespace, such as new Chart(app, \'shop\', { namespace: \'shop\' })',
      });
    }

    this.server = dynamic ? undefined : props.server;
    this.path = dynamic ? undefined : props.path;
    this.storageClassName = dynamic ? dynamic.storageClassName : '';
    this.capacity = capacity;
    this.claimSize = dynamic ? capacity : claimSize;
    this.accessModes = [...accessModes];
    this.reclaimPolicy = reclaimPolicy;
    this.mountOptions = mountOptions;
    this.groupId = groupId;
    this.groupAccess = props.groupAccess ?? NfsGroupAccess.SUPPLEMENTAL_GROUP;

    const claim = new NfsClaim(this, 'Resource', {
      metadata: nameOnly(props.claimName),
      accessModes: this.accessModes,
      storage: this.claimSize,
      storageClassName: this.storageClassName,
    });
    this.claim = claim;
    if (dynamic?.nfsStorageClass) claim.node.addDependency(dynamic.nfsStorageClass);

    if (!dynamic) {
      const pv = new NfsPersistentVolume(this, 'Volume', {
        metadata: nameOnly(props.persistentVolumeName),
        accessModes: this.accessModes,
        storage: this.capacity,
        reclaimPolicy: this.reclaimPolicy,
        mountOptions: this.mountOptions,
        storageClassName: '',
      }, { server: props.server!, path: props.path! }, claim);
      this.persistentVolume = pv;
      pv.bind(claim);
      claim.bind(pv);
      // The volume is written first, so a reader meets it before the claim that names it.
      claim.node.addDependency(pv);
    }

    this.node.addValidation({ validate: () => this.validateUse() });
  }

  /**
   * Mounts the claim in a container of a deployment (the main container of a ProbedDeployment
   * by default), and gives the deployment's pods `groupId`.
   *
   * Several deployments may mount a ReadWriteMany volume: for example a service that writes
   * uploads and one that serves them read-only, or the stable and canary tracks of a release.
   */
  public mount(deployment: kplus.Deployment, path: string, options: NfsDeploymentMountOptions = {}): void {
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const container = options.container ?? defaultContainer(deployment);
    if (!container) {
      throw fail({ prop: 'mount', rule: 'needs a deployment with a container', value: deployment.node.path, fix: 'add a container to the deployment first, or pass options.container' });
    }
    if (![...deployment.containers, ...deployment.initContainers].includes(container)) {
      throw fail({
        prop: 'mount.container',
        rule: `must be a container of deployment ${deployment.node.path}`,
        value: container.name,
        fix: 'pass one of deployment.containers, or use mountContainer() for a container of another workload',
      });
    }
    const claimNamespace = this.claim.metadata.namespace;
    if (deployment.metadata.namespace !== claimNamespace) {
      throw fail({
        prop: 'mount',
        rule: `must be in the claim's namespace "${claimNamespace ?? '(none)'}": pods can only use claims of their own namespace`,
        value: `${deployment.node.path} in namespace ${deployment.metadata.namespace ?? '(none)'}`,
        fix: 'create one NfsVolume (with its own persistentVolumeName) in each namespace that needs the export',
      });
    }
    if (this.groupId !== undefined) checkGroupFits(this, deployment, this.groupId, this.groupAccess);
    this.mountContainer(container, path, options);
    if (this.groupId !== undefined) grantGroup(deployment, this.groupId, this.groupAccess);
  }

  /**
   * Mounts the claim in any container, for example of a Job or a StatefulSet.
   *
   * Pod-level settings are left alone: give the pod the export's group yourself
   * (`securityContext: { fsGroup: <gid> }`).
   */
  public mountContainer(container: kplus.Container, path: string, options: NfsMountOptions = {}): void {
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw fail({ prop: 'mount.path', rule: 'must be an absolute path', value: path, fix: 'start the path with "/", such as "/app/uploads"' });
    }
    if (options.subPath !== undefined) {
      const sub = options.subPath;
      if (sub === '' || sub.startsWith('/') || sub.split('/').includes('..')) {
        throw fail({ prop: 'mount.subPath', rule: 'must be a relative path inside the volume, without ".."', value: sub, fix: 'pass a directory of the volume such as "images", or drop subPath to mount the whole volume' });
      }
    }
    const readOnly = options.readOnly ?? false;
    if (!readOnly && !this.accessModes.some(m => m !== kplus.PersistentVolumeAccessMode.READ_ONLY_MANY)) {
      throw fail({ prop: 'mount.readOnly', rule: 'must be true: the volume\'s only access mode is ReadOnlyMany', value: readOnly, fix: 'pass readOnly: true, or add ReadWriteMany to accessModes' });
    }
    const taken = container.mounts.find(m => samePath(m.path, path));
    if (taken) {
      throw fail(collision(container, undefined, path, taken));
    }
    container.mount(path, this.asVolume(), { readOnly: options.readOnly, subPath: options.subPath });
  }

  /** The claim as a pod volume, for kplus APIs that take `IStorage`. */
  public asVolume(): kplus.Volume {
    if (!this._podVolume) {
      this._podVolume = kplus.Volume.fromPersistentVolumeClaim(this, 'PodVolume', this.claim, { name: podVolumeName(this.claim.name) });
      VOLUME_OWNERS.set(this._podVolume, this);
    }
    return this._podVolume;
  }

  /** Rules over every pod that mounts the claim, and every claim of the volume, at synth. */
  private validateUse(): string[] {
    const errors: string[] = [];
    const problem = (p: PropProblem) => errors.push(validationMessage(TYPE, p));
    const uses: Array<{ workload: kplus.AbstractPod; container: kplus.Container; mount: kplus.VolumeMount }> = [];
    const pvName = this.persistentVolume?.name;
    const ownPv = this.persistentVolume ? ApiObject.of(this.persistentVolume) : undefined;
    for (const c of this.node.root.node.findAll()) {
      if (this._podVolume && c instanceof kplus.AbstractPod) {
        for (const container of [...c.containers, ...c.initContainers]) {
          for (const mount of container.mounts) {
            if (mount.volume === this._podVolume) uses.push({ workload: c, container, mount });
          }
        }
      }
      if (pvName === undefined) continue;
      if (c instanceof kplus.PersistentVolumeClaim) {
        // A claim bound to another volume of the same name is the duplicate-name error below.
        const volume = c.volume;
        if (c !== this.claim && volume?.name === pvName && (volume === this.persistentVolume || !(volume instanceof kplus.PersistentVolume))) {
          problem(claimedTwice(pvName, c.node.path));
        }
      } else if (c instanceof ApiObject && c !== ownPv && c.name === pvName && c.kind === 'PersistentVolume') {
        problem({
          prop: 'persistentVolumeName',
          rule: `must be unique in the app (PersistentVolumes are cluster-wide), but ${c.node.path} defines it too`,
          value: pvName,
          fix: 'give each NfsVolume its own persistentVolumeName',
        });
      } else if (c instanceof ApiObject && c.kind === 'PersistentVolumeClaim' && !(c.node.scope instanceof kplus.PersistentVolumeClaim)) {
        if (volumeNameOf(c) === pvName) problem(claimedTwice(pvName, c.node.path));
      }
    }

    // ReadWriteOnce (and ReadWriteOncePod): one writer. With ReadOnlyMany too, readers do not count.
    const modes = this.accessModes;
    const single = modes.filter(m => m !== kplus.PersistentVolumeAccessMode.READ_ONLY_MANY).join(', ');
    if (!modes.includes(kplus.PersistentVolumeAccessMode.READ_WRITE_MANY) && single !== '') {
      const readOnlyAllowed = modes.includes(kplus.PersistentVolumeAccessMode.READ_ONLY_MANY);
      const writers = [...new Set(uses.filter(u => !(readOnlyAllowed && u.mount.readOnly)).map(u => u.workload))];
      if (writers.length > 1) {
        problem({
          prop: 'accessModes',
          rule: `must include ReadWriteMany when ${writers.length} workloads mount the volume (${writers.map(w => w.node.path).join(', ')}): ${single} allows one writer`,
          value: modes,
          fix: 'use ReadWriteMany (NFS serves many nodes at once), or mount the volume in one workload only',
        });
      }
      for (const w of writers) {
        const replicas = replicasOf(w);
        if (replicas.many) {
          problem({
            prop: 'accessModes',
            rule: `must include ReadWriteMany when ${w.node.path} ${replicas.text}: ${single} allows one writer`,
            value: modes,
            fix: 'use ReadWriteMany (NFS serves many nodes at once), or run a single replica',
          });
        }
      }
    }

    // Mount paths of one container are unique. One report per collision: from the owner of the
    // last NfsVolume mount on that path.
    for (const container of new Set(uses.map(u => u.container))) {
      const byPath = new Map<string, kplus.VolumeMount[]>();
      for (const m of container.mounts) {
        const key = normalPath(m.path);
        byPath.set(key, [...byPath.get(key) ?? [], m]);
      }
      for (const mounts of byPath.values()) {
        if (mounts.length < 2) continue;
        const ours = mounts.filter(m => VOLUME_OWNERS.has(m.volume));
        if (VOLUME_OWNERS.get(ours[ours.length - 1]?.volume) !== this) continue;
        const workload = uses.find(u => u.container === container)?.workload;
        const mine = mounts.find(m => m.volume === this._podVolume)!;
        problem(collision(container, workload, mine.path, mounts.find(m => m !== mine)!));
      }
    }
    return errors;
  }
}

/**
 * Props of {@link NfsStorageClass}.
 */
export interface NfsStorageClassProps {
  /**
   * The NFS server: its IP address (`10.0.0.4`) or DNS name.
   */
  readonly server: string;

  /**
   * The exported directory under which the driver creates one directory per volume
   * (`/srv/nfs`).
   */
  readonly share: string;

  /**
   * Name of the StorageClass (cluster-wide).
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly name?: string;

  /**
   * The directory of each volume under `share`. The driver replaces `${pvc.metadata.namespace}`,
   * `${pvc.metadata.name}` and `${pv.metadata.name}`.
   *
   * @default "${pvc.metadata.namespace}/${pvc.metadata.name}": a claim created again with the
   * same name finds its data again (the driver's own default is a new directory per volume)
   */
  readonly subDir?: string;

  /**
   * What happens to a provisioned PersistentVolume when its claim is deleted.
   *
   * @default kplus.PersistentVolumeReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: kplus.PersistentVolumeReclaimPolicy;

  /**
   * What the driver does with a volume's directory when `reclaimPolicy` is `Delete`.
   *
   * @default - the driver deletes it (NfsOnDelete.DELETE)
   */
  readonly onDelete?: NfsOnDelete;

  /**
   * NFS mount options of every provisioned volume.
   *
   * @default ['nfsvers=4.1']
   */
  readonly mountOptions?: string[];

  /**
   * Mode the driver gives each volume's directory after mounting, in octal (`"2775"`).
   *
   * @default - the driver leaves the mode alone
   */
  readonly mountPermissions?: string;

  /**
   * GID the driver gives each new volume directory (the `gid` parameter, csi-driver-nfs 4.13 or
   * later; the export must allow the driver's `chown`, that is `no_root_squash`). NfsVolumes on
   * this class give it to the pods they are mounted in.
   *
   * @default - directories keep the driver's group (root)
   */
  readonly groupId?: number;
}

/**
 * A StorageClass of the Kubernetes NFS CSI driver (`nfs.csi.k8s.io`): each claim gets its own
 * directory on an existing NFS export. The driver must be installed in the cluster
 * (kubernetes-csi/csi-driver-nfs).
 *
 * Reclaim policy `Retain` by default, so deleting a claim keeps its data.
 *
 * @example
 * const nfs = new NfsStorageClass(chart, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' });
 * new NfsVolume(chart, 'uploads', { storageClass: ClaimStorageClass.fromNfsStorageClass(nfs) });
 *
 * @see https://github.com/kubernetes-csi/csi-driver-nfs/blob/master/docs/driver-parameters.md
 */
export class NfsStorageClass extends Construct {
  /** The StorageClass object. */
  public readonly resource: ApiObject;
  /** The name of the StorageClass. */
  public readonly storageClassName: string;
  /** The NFS server. */
  public readonly server: string;
  /** The exported directory. */
  public readonly share: string;
  /** The directory of each volume under `share`. */
  public readonly subDir: string;
  /** The reclaim policy of provisioned volumes. */
  public readonly reclaimPolicy: kplus.PersistentVolumeReclaimPolicy;
  /** NFS mount options of provisioned volumes. */
  public readonly mountOptions: string[];
  /** The GID of new volume directories, if set. */
  public readonly groupId?: number;

  public constructor(scope: Construct, id: string, props: NfsStorageClassProps) {
    super(scope, id);
    const fail = (problem: PropProblem) => propError(this, STORAGE_CLASS_TYPE, problem);
    checkServer(props.server, 'server', fail);
    checkExportPath(props.share, 'share', fail);
    if (props.name !== undefined && dns1123SubdomainProblem(props.name)) {
      throw fail({ prop: 'name', rule: dns1123SubdomainProblem(props.name)!, value: props.name, fix: 'use lowercase letters, digits and \'-\', such as "nfs-csi"' });
    }
    const subDir = props.subDir ?? '${pvc.metadata.namespace}/${pvc.metadata.name}';
    if (subDir === '' || subDir.startsWith('/') || subDir.split('/').includes('..')) {
      throw fail({ prop: 'subDir', rule: 'must be a relative path inside the share, without ".."', value: subDir, fix: 'pass a path such as "${pvc.metadata.namespace}/${pvc.metadata.name}"' });
    }
    const reclaimPolicy = props.reclaimPolicy ?? kplus.PersistentVolumeReclaimPolicy.RETAIN;
    if (props.onDelete !== undefined && reclaimPolicy !== kplus.PersistentVolumeReclaimPolicy.DELETE) {
      throw fail({ prop: 'onDelete', rule: 'only applies with reclaimPolicy Delete', value: props.onDelete, fix: 'drop onDelete (Retain keeps every directory), or set reclaimPolicy: Delete' });
    }
    const mountOptions = [...props.mountOptions ?? DEFAULT_NFS_MOUNT_OPTIONS];
    checkMountOptions(mountOptions, fail);
    if (props.mountPermissions !== undefined && !/^[0-7]{3,4}$/.test(props.mountPermissions)) {
      throw fail({ prop: 'mountPermissions', rule: 'must be an octal mode of 3 or 4 digits', value: props.mountPermissions, fix: 'pass a mode such as "2775" (group-writable, new files inherit the group)' });
    }
    if (props.groupId !== undefined) checkGroupId(props.groupId, 'groupId', fail);

    this.server = props.server;
    this.share = props.share;
    this.subDir = subDir;
    this.reclaimPolicy = reclaimPolicy;
    this.mountOptions = mountOptions;
    this.groupId = props.groupId;

    const parameters: { [key: string]: string } = { server: props.server, share: props.share, subDir };
    if (props.onDelete !== undefined) parameters.onDelete = props.onDelete;
    if (props.mountPermissions !== undefined) parameters.mountPermissions = props.mountPermissions;
    if (props.groupId !== undefined) parameters.gid = String(props.groupId);
    this.resource = new k8s.KubeStorageClass(this, 'Resource', {
      metadata: nameOnly(props.name),
      provisioner: NFS_CSI_PROVISIONER,
      parameters,
      reclaimPolicy,
      mountOptions,
      // NFS has no topology: provision as soon as the claim exists.
      volumeBindingMode: 'Immediate',
    });
    clusterScoped(this.resource);
    this.storageClassName = this.resource.name;
  }
}

/** A claim that renders `storageClassName` even when it is "" and any size as a quantity. */
class NfsClaim extends kplus.PersistentVolumeClaim {
  /** @internal */
  public _toKube(): k8s.PersistentVolumeClaimSpec {
    return {
      accessModes: this.accessModes?.map(m => m.toString()),
      resources: { requests: { storage: k8s.Quantity.fromString(this.storage!.asString()) } },
      // "" on a statically provisioned claim: "no class", so no default class is written in.
      storageClassName: this.storageClassName,
      volumeMode: this.volumeMode,
      volumeName: this.volume?.name,
    };
  }
}

/** A PersistentVolume on an NFS export whose claimRef names the claim's namespace too. */
class NfsPersistentVolume extends kplus.PersistentVolume {
  private readonly nfs: { server: string; path: string };
  private readonly ownClaim: kplus.PersistentVolumeClaim;

  public constructor(
    scope: Construct, id: string, props: kplus.PersistentVolumeProps, nfs: { server: string; path: string }, claim: kplus.PersistentVolumeClaim,
  ) {
    super(scope, id, props);
    this.nfs = nfs;
    this.ownClaim = claim;
    clusterScoped(ApiObject.of(this));
  }

  /** @internal */
  public _toKube(): k8s.PersistentVolumeSpec {
    return {
      accessModes: this.accessModes?.map(m => m.toString()),
      capacity: { storage: k8s.Quantity.fromString(this.storage!.asString()) },
      claimRef: { name: this.ownClaim.name, namespace: this.ownClaim.metadata.namespace },
      mountOptions: this.mountOptions,
      nfs: { server: this.nfs.server, path: this.nfs.path },
      persistentVolumeReclaimPolicy: this.reclaimPolicy,
      storageClassName: this.storageClassName,
      volumeMode: this.mode,
    };
  }
}

/** Which NfsVolume each pod volume belongs to. */
const VOLUME_OWNERS = new WeakMap<kplus.Volume, NfsVolume>();

/** The groups NfsVolumes have given each deployment, so several volumes add up. */
const POD_GROUPS = new WeakMap<kplus.Deployment, { supplemental: number[]; fsGroup?: number }>();

const SECURITY_CONTEXT = '/spec/template/spec/securityContext';

function checkGroupFits(owner: NfsVolume, deployment: kplus.Deployment, gid: number, access: NfsGroupAccess): void {
  if (access !== NfsGroupAccess.FS_GROUP) return;
  const current = POD_GROUPS.get(deployment)?.fsGroup ?? deployment.securityContext.fsGroup;
  if (current !== undefined && current !== gid) {
    throw propError(owner, TYPE, {
      prop: 'groupId',
      rule: `must equal the fsGroup ${current} that deployment ${deployment.node.path} already has (a pod has one fsGroup)`,
      value: gid,
      fix: 'use groupAccess: NfsGroupAccess.SUPPLEMENTAL_GROUP, which gives a pod several groups, or give both exports the same GID',
    });
  }
}

/**
 * Adds the group to the deployment's pod security context. kplus has no supplementalGroups and
 * fixes fsGroup at construction, so this patches the rendered Deployment; kplus always renders
 * a pod securityContext (runAsNonRoot), so the parent path exists.
 */
function grantGroup(deployment: kplus.Deployment, gid: number, access: NfsGroupAccess): void {
  const state = POD_GROUPS.get(deployment) ?? { supplemental: [] };
  POD_GROUPS.set(deployment, state);
  const api = ApiObject.of(deployment);
  if (access === NfsGroupAccess.FS_GROUP) {
    if (state.fsGroup !== undefined || deployment.securityContext.fsGroup !== undefined) return;
    state.fsGroup = gid;
    api.addJsonPatch(
      JsonPatch.add(`${SECURITY_CONTEXT}/fsGroup`, gid),
      // Skips the recursive chown on every start when the volume's root already has the group.
      JsonPatch.add(`${SECURITY_CONTEXT}/fsGroupChangePolicy`, 'OnRootMismatch'),
    );
    return;
  }
  if (state.supplemental.includes(gid)) return;
  api.addJsonPatch(state.supplemental.length === 0
    ? JsonPatch.add(`${SECURITY_CONTEXT}/supplementalGroups`, [gid])
    : JsonPatch.add(`${SECURITY_CONTEXT}/supplementalGroups/-`, gid));
  state.supplemental.push(gid);
}

/** The volumeName of a claim that is not a kplus object; a claim that fails to render is reported elsewhere. */
function volumeNameOf(claim: ApiObject): string | undefined {
  try {
    return claim.toJson().spec?.volumeName;
  } catch {
    return undefined;
  }
}

function defaultContainer(deployment: kplus.Deployment): kplus.Container | undefined {
  return deployment instanceof ProbedDeployment ? deployment.mainContainer : deployment.containers[0];
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

function collision(container: kplus.Container, workload: IConstruct | undefined, path: string, other: kplus.VolumeMount): PropProblem {
  const where = workload ? ` of ${workload.node.path}` : '';
  return {
    prop: 'mount.path',
    rule: `must be unique in container "${container.name}"${where}, but volume "${other.volume.name}" is mounted there already`,
    value: path,
    fix: 'mount at another path, or mount one volume and use subPath for its directories',
  };
}

function claimedTwice(pvName: string, otherClaim: string): PropProblem {
  return {
    prop: 'persistentVolumeName',
    rule: `must be claimed once, but ${otherClaim} claims it too (a PersistentVolume binds to one claim)`,
    value: pvName,
    fix: 'mount this NfsVolume\'s claim wherever the data is needed; for another namespace create another NfsVolume with its own persistentVolumeName',
  };
}

function checkServer(server: string | undefined, prop: string, fail: (p: PropProblem) => Error): void {
  if (!server) {
    throw fail({ prop, rule: 'is required for static provisioning', value: server, fix: 'pass the NFS server\'s IP address or DNS name, such as "10.0.0.4", or set storageClass for dynamic provisioning' });
  }
  const split = /^([^:/]+):(\/.*)$/.exec(server);
  if (split) {
    throw fail({ prop, rule: 'must be the host only, without the export path', value: server, fix: `pass server "${split[1]}" and the path "${split[2]}" separately` });
  }
  if (/^[0-9.]+$/.test(server)) {
    if (!isIpAddress(server)) throw fail({ prop, rule: 'must be a valid IPv4 address', value: server, fix: 'use four numbers from 0 to 255, such as "10.0.0.4"' });
    return;
  }
  if (isIpAddress(server)) return;
  if (dns1123SubdomainProblem(server.toLowerCase())) {
    throw fail({ prop, rule: 'must be an IP address or a DNS name', value: server, fix: 'pass the server\'s private IP, such as "10.0.0.4", or its DNS name, such as "nfs.internal.example.com"' });
  }
}

function checkExportPath(path: string | undefined, prop: string, fail: (p: PropProblem) => Error): void {
  if (!path || !path.startsWith('/')) {
    throw fail({ prop, rule: 'must be an absolute path on the NFS server', value: path, fix: `pass the exported directory as in /etc/exports, such as "/srv/nfs/${path ? path.replace(/^\.?\/*/, '') : 'uploads'}"` });
  }
  if (path.split('/').includes('..') || /\s/.test(path)) {
    throw fail({ prop, rule: 'must not contain ".." or spaces', value: path, fix: 'pass the exported directory as in /etc/exports, such as "/srv/nfs/uploads"' });
  }
}

function checkAccessModes(modes: kplus.PersistentVolumeAccessMode[], fail: (p: PropProblem) => Error): void {
  if (modes.length === 0) {
    throw fail({ prop: 'accessModes', rule: 'must not be empty', value: modes, fix: 'drop accessModes for ReadWriteMany, the mode NFS is for' });
  }
  if (new Set(modes).size !== modes.length) {
    throw fail({ prop: 'accessModes', rule: 'must not repeat a mode', value: modes, fix: 'list each mode once' });
  }
  if (modes.includes(kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD) && modes.length > 1) {
    throw fail({ prop: 'accessModes', rule: 'must not combine ReadWriteOncePod with other modes (Kubernetes refuses it)', value: modes, fix: 'use ReadWriteOncePod alone, or ReadWriteMany' });
  }
}

function checkSize(size: Size, prop: string, fail: (p: PropProblem) => Error): void {
  const kib = kibibytes(size);
  if (!Number.isFinite(kib) || kib <= 0) {
    throw fail({ prop, rule: 'must be larger than zero', value: sizeText(size), fix: 'pass a size such as Size.gibibytes(10)' });
  }
}

function checkMountOptions(options: string[], fail: (p: PropProblem) => Error): void {
  for (const option of options) {
    if (!option || /\s/.test(option)) {
      throw fail({ prop: 'mountOptions', rule: 'must be non-empty options without spaces', value: option, fix: 'pass one option per item, such as ["nfsvers=4.1", "hard"]' });
    }
  }
}

function checkGroupId(gid: number, prop: string, fail: (p: PropProblem) => Error): void {
  if (!Number.isInteger(gid) || gid < 1 || gid > 2147483647) {
    throw fail({ prop, rule: 'must be an integer from 1 to 2147483647 (0 would give pods the root group)', value: gid, fix: 'pass the GID that owns the export, such as 2000 (ls -ln on the server shows it)' });
  }
}

function kibibytes(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}

function sizeText(size: Size): string {
  try {
    return size.asString();
  } catch {
    return String(size);
  }
}

function samePath(a: string, b: string): boolean {
  return normalPath(a) === normalPath(b);
}

function normalPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** A pod volume name (a DNS-1123 label) from a claim name (a DNS-1123 subdomain). */
function podVolumeName(claimName: string): string {
  const name = claimName.replace(/\./g, '-');
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(claimName).digest('hex').slice(0, 8);
  return `${name.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

/** Metadata with a name only when one is given: `name: undefined` would hide cdk8s's generated name. */
function nameOnly(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/** PersistentVolumes and StorageClasses have no namespace; cdk8s gives every object the chart's. */
function clusterScoped(apiObject: ApiObject): void {
  if (apiObject.metadata.namespace) apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
