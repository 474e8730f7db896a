import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClaimStorageClass } from './claim-storage-class';
import { Fail, propError, PropProblem, validationMessage } from '../core/errors';
import { checkChartNamespace, nameOnly } from '../core/metadata';
import { dns1123SubdomainProblem } from '../core/names';
import { checkArguments, checkConstruct, required, types as t } from '../core/prop-types';
import { ProbedDeployment } from '../workload/probed-deployment';
import {
  checkAccessModes, checkExportPath, checkGroupId, checkMountOptions, checkObjectNames, checkServer, checkSizes, isRelativeInside,
} from './private/checks';
import { DEFAULT_NFS_MOUNT_OPTIONS, NfsClaim, NfsPersistentVolume, podVolumeName } from './private/objects';
import { PodGroups } from './private/pod-groups';
import { collision, collisionProblems, samePath, scanApp, singleWriterProblems } from './private/volume-use';
import { NFS_DEPLOYMENT_MOUNT_OPTIONS, NFS_MOUNT_OPTIONS, nfsVolumeProps } from './prop-types';

const TYPE = 'NfsVolume';

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
    checkConstruct(scope, id, TYPE, props, nfsVolumeProps(NfsGroupAccess));
    super(scope, id);
    checkChartNamespace(this);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const dynamic = props.storageClass;
    if (dynamic) checkDynamicProps(props, dynamic, fail);
    else checkStaticSource(props, fail);

    const accessModes = props.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY];
    checkAccessModes(accessModes, fail);
    const capacity = props.capacity ?? dynamic?.defaultCapacity ?? Size.gibibytes(10);
    const claimSize = props.claimSize ?? capacity;
    checkSizes(capacity, claimSize, accessModes, fail);
    const reclaimPolicy = dynamic ? undefined : staticReclaimPolicy(props, fail);
    const mountOptions = dynamic ? undefined : [...props.mountOptions ?? DEFAULT_NFS_MOUNT_OPTIONS];
    if (mountOptions) checkMountOptions(mountOptions, fail);
    checkObjectNames([['claimName', props.claimName], ['persistentVolumeName', props.persistentVolumeName]], fail);
    const groupId = props.groupId ?? dynamic?.nfsStorageClass?.groupId;
    checkGroup(props, groupId, fail);
    if (!dynamic) checkNamespace(Chart.of(this).namespace, fail);

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

    this.claim = new NfsClaim(this, 'Resource', {
      metadata: nameOnly(props.claimName),
      accessModes: this.accessModes,
      storage: this.claimSize,
      storageClassName: this.storageClassName,
    });
    if (dynamic?.nfsStorageClass) this.claim.node.addDependency(dynamic.nfsStorageClass);
    if (!dynamic) this.persistentVolume = this.bindStaticVolume(props.persistentVolumeName);
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
    checkArguments(fail, {
      'mount.deployment': [deployment, required(t.instance(kplus.Deployment, 'kplus.Deployment', 'pass the Deployment (a ProbedDeployment) to mount the volume in'))],
      'mount.options': [options, t.props(NFS_DEPLOYMENT_MOUNT_OPTIONS, 'mount')],
    });
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
    const grant = this.groupId === undefined ? undefined : { gid: this.groupId, fsGroup: this.groupAccess === NfsGroupAccess.FS_GROUP };
    if (grant) checkGroupFits(deployment, grant.gid, grant.fsGroup, fail);
    this.mountContainer(container, path, options);
    if (grant) PodGroups.of(deployment).grant(grant);
  }

  /**
   * Mounts the claim in any container, for example of a Job or a StatefulSet.
   *
   * Pod-level settings are left alone: give the pod the export's group yourself
   * (`securityContext: { fsGroup: <gid> }`).
   */
  public mountContainer(container: kplus.Container, path: string, options: NfsMountOptions = {}): void {
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    checkArguments(fail, {
      'mount.container': [container, required(t.instance(kplus.Container, 'kplus.Container', 'pass the container to mount the volume in'))],
      'mount.options': [options, t.props(NFS_MOUNT_OPTIONS, 'mount')],
    });
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw fail({ prop: 'mount.path', rule: 'must be an absolute path', value: path, fix: 'start the path with "/", such as "/app/uploads"' });
    }
    if (options.subPath !== undefined && !isRelativeInside(options.subPath)) {
      throw fail({
        prop: 'mount.subPath',
        rule: 'must be a relative path inside the volume, without ".."',
        value: options.subPath,
        fix: 'pass a directory of the volume such as "images", or drop subPath to mount the whole volume',
      });
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
    }
    return this._podVolume;
  }

  /** The PersistentVolume on `server`:`path`, bound to the claim and the claim to it. */
  private bindStaticVolume(name: string | undefined): kplus.PersistentVolume {
    const pv = new NfsPersistentVolume(this, 'Volume', {
      metadata: nameOnly(name),
      accessModes: this.accessModes,
      storage: this.capacity,
      reclaimPolicy: this.reclaimPolicy,
      mountOptions: this.mountOptions,
      storageClassName: '',
    }, { server: this.server!, path: this.path! }, this.claim);
    pv.bind(this.claim);
    this.claim.bind(pv);
    // The volume is written first, so a reader meets it before the claim that names it.
    this.claim.node.addDependency(pv);
    return pv;
  }

  /** Rules over every pod that mounts the claim, and every claim of the volume, at synth. */
  private validateUse(): string[] {
    const pair = this.persistentVolume ? { claim: this.claim, persistentVolume: this.persistentVolume } : undefined;
    const scan = scanApp(this.node.root, this._podVolume, pair);
    const problems = [
      ...scan.problems,
      ...singleWriterProblems(this.accessModes, scan.uses),
      ...this._podVolume ? collisionProblems(scan.uses, this._podVolume, isNfsPodVolume) : [],
    ];
    return problems.map(p => validationMessage(TYPE, p));
  }
}

/** A pod volume made by an NfsVolume (its `asVolume()`). */
function isNfsPodVolume(volume: kplus.Volume): boolean {
  return volume.node.scope instanceof NfsVolume;
}

/** Static provisioning props make no sense with a StorageClass; the class must exist by name. */
function checkDynamicProps(props: NfsVolumeProps, storageClass: ClaimStorageClass, fail: Fail): void {
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
  const classProblem = dns1123SubdomainProblem(storageClass.storageClassName);
  if (classProblem) {
    throw fail({ prop: 'storageClass', rule: classProblem, value: storageClass.storageClassName, fix: 'pass the name of a StorageClass of the cluster (kubectl get storageclass)' });
  }
}

function checkStaticSource(props: NfsVolumeProps, fail: Fail): void {
  checkServer(props.server, 'server', { prop: 'path', value: props.path }, fail);
  checkExportPath(props.path, 'path', fail);
}

/** Retain, unless Delete is asked for knowingly: Kubernetes cannot delete NFS data. */
function staticReclaimPolicy(props: NfsVolumeProps, fail: Fail): kplus.PersistentVolumeReclaimPolicy {
  const reclaimPolicy = props.reclaimPolicy ?? kplus.PersistentVolumeReclaimPolicy.RETAIN;
  if (reclaimPolicy === kplus.PersistentVolumeReclaimPolicy.DELETE && !props.allowDeleteReclaimPolicy) {
    throw fail({
      prop: 'reclaimPolicy',
      rule: 'must be Retain on a static NFS volume: Kubernetes cannot delete NFS data, so Delete only leaves a Failed PersistentVolume when the claim goes',
      value: reclaimPolicy,
      fix: 'keep the default Retain, or set allowDeleteReclaimPolicy: true if that is what you want to show',
    });
  }
  return reclaimPolicy;
}

function checkGroup(props: NfsVolumeProps, groupId: number | undefined, fail: Fail): void {
  if (props.groupId !== undefined) checkGroupId(props.groupId, 'groupId', fail);
  if (props.groupAccess !== undefined && groupId === undefined) {
    throw fail({ prop: 'groupAccess', rule: 'needs a groupId', value: props.groupAccess, fix: 'set groupId to the GID that owns the export' });
  }
}

function checkNamespace(namespace: string | undefined, fail: Fail): void {
  if (!namespace) {
    throw fail({
      prop: 'namespace',
      rule: 'is required for static provisioning: the PersistentVolume\'s claimRef names the claim\'s namespace',
      value: namespace,
      fix: 'give the chart a namespace, such as new Chart(app, \'shop\', { namespace: \'shop\' })',
    });
  }
}

/** A pod has one fsGroup: a second volume cannot give it another. */
function checkGroupFits(deployment: kplus.Deployment, gid: number, fsGroup: boolean, fail: Fail): void {
  if (!fsGroup) return;
  const current = PodGroups.find(deployment)?.fsGroup ?? deployment.securityContext.fsGroup;
  if (current !== undefined && current !== gid) {
    throw fail({
      prop: 'groupId',
      rule: `must equal the fsGroup ${current} that deployment ${deployment.node.path} already has (a pod has one fsGroup)`,
      value: gid,
      fix: 'use groupAccess: NfsGroupAccess.SUPPLEMENTAL_GROUP, which gives a pod several groups, or give both exports the same GID',
    });
  }
}

function defaultContainer(deployment: kplus.Deployment): kplus.Container | undefined {
  return deployment instanceof ProbedDeployment ? deployment.mainContainer : deployment.containers[0];
}
