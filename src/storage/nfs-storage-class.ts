import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Fail, propError, PropProblem } from '../core/errors';
import { nameOnly, omitNamespaceIfClusterScoped } from '../core/metadata';
import { dns1123SubdomainProblem } from '../core/names';
import { checkConstruct } from '../core/prop-types';
import { checkExportPath, checkGroupId, checkMountOptions, checkServer, isRelativeInside } from './private/checks';
import { DEFAULT_NFS_MOUNT_OPTIONS, NFS_CSI_PROVISIONER } from './private/objects';
import { nfsStorageClassProps } from './prop-types';

const TYPE = 'NfsStorageClass';

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
    checkConstruct(scope, id, TYPE, props, nfsStorageClassProps(NfsOnDelete));
    super(scope, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const subDir = props.subDir ?? '${pvc.metadata.namespace}/${pvc.metadata.name}';
    const reclaimPolicy = props.reclaimPolicy ?? kplus.PersistentVolumeReclaimPolicy.RETAIN;
    const mountOptions = [...props.mountOptions ?? DEFAULT_NFS_MOUNT_OPTIONS];
    checkStorageClassProps(props, { subDir, reclaimPolicy, mountOptions }, fail);

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
    this.resource = new kplus.k8s.KubeStorageClass(this, 'Resource', {
      metadata: nameOnly(props.name),
      provisioner: NFS_CSI_PROVISIONER,
      parameters,
      reclaimPolicy,
      mountOptions,
      // NFS has no topology: provision as soon as the claim exists.
      volumeBindingMode: 'Immediate',
    });
    omitNamespaceIfClusterScoped(this.resource);
    this.storageClassName = this.resource.name;
  }
}

/** The props with their defaults filled in. */
interface StorageClassDefaults {
  readonly subDir: string;
  readonly reclaimPolicy: kplus.PersistentVolumeReclaimPolicy;
  readonly mountOptions: string[];
}

function checkStorageClassProps(props: NfsStorageClassProps, filled: StorageClassDefaults, fail: Fail): void {
  checkServer(props.server, 'server', { prop: 'share', value: props.share }, fail);
  checkExportPath(props.share, 'share', fail);
  if (props.name !== undefined && dns1123SubdomainProblem(props.name)) {
    throw fail({ prop: 'name', rule: dns1123SubdomainProblem(props.name)!, value: props.name, fix: 'use lowercase letters, digits and \'-\', such as "nfs-csi"' });
  }
  if (!isRelativeInside(filled.subDir)) {
    throw fail({ prop: 'subDir', rule: 'must be a relative path inside the share, without ".."', value: filled.subDir, fix: 'pass a path such as "${pvc.metadata.namespace}/${pvc.metadata.name}"' });
  }
  if (props.onDelete !== undefined && filled.reclaimPolicy !== kplus.PersistentVolumeReclaimPolicy.DELETE) {
    throw fail({ prop: 'onDelete', rule: 'only applies with reclaimPolicy Delete', value: props.onDelete, fix: 'drop onDelete (Retain keeps every directory), or set reclaimPolicy: Delete' });
  }
  checkMountOptions(filled.mountOptions, fail);
  if (props.mountPermissions !== undefined && !/^[0-7]{3,4}$/.test(props.mountPermissions)) {
    throw fail({ prop: 'mountPermissions', rule: 'must be an octal mode of 3 or 4 digits', value: props.mountPermissions, fix: 'pass a mode such as "2775" (group-writable, new files inherit the group)' });
  }
  if (props.groupId !== undefined) checkGroupId(props.groupId, 'groupId', fail);
}
