/**
 * The run-time types of the storage props and options (see core/prop-types). Not exported from the
 * package; it imports only types from this folder, so the classes can import it (enums declared
 * beside a class are passed in).
 */
import * as kplus from 'cdk8s-plus-28';
import type { NfsStorageClassProps } from './nfs-storage-class';
import type { NfsDeploymentMountOptions, NfsMountOptions, NfsVolumeProps } from './nfs-volume';
import { PropsSpec, PropTypes, types as t } from '../core/prop-types';

/** NFS mount options: one option per item, never one string. */
const MOUNT_OPTIONS = t.strings('["nfsvers=4.1", "hard"]');
const RECLAIM_POLICY = t.enum(kplus.PersistentVolumeReclaimPolicy, 'kplus.PersistentVolumeReclaimPolicy');
// checkGroupId says what a GID must be, whatever the type.
const GROUP_ID = t.checkedBy('checkGroupId', 'pass the GID that owns the export, such as 2000, or leave groupId out');

/** A ClaimStorageClass made by its factories. */
export const CLAIM_STORAGE_CLASS = t.valueClass('ClaimStorageClass',
  'pass ClaimStorageClass.named("nfs-csi"), .fromNfsStorageClass(storageClass) or .cloudFileShare(CloudProvider.AKS)');
/** An NfsVolume. */
export const NFS_VOLUME = t.valueClass('NfsVolume', 'pass an NfsVolume (new NfsVolume(...) or stack.addVolume(...))');
/** The access modes of a volume. */
export const ACCESS_MODES = t.arrayOf(t.enum(kplus.PersistentVolumeAccessMode, 'kplus.PersistentVolumeAccessMode'), 'kplus.PersistentVolumeAccessMode values');

/** The props of an NfsVolume. */
export function nfsVolumeProps(groupAccess: object): PropsSpec<NfsVolumeProps> {
  return {
    types: {
      server: t.string('10.0.0.4'),
      path: t.string('/srv/nfs/uploads'),
      storageClass: CLAIM_STORAGE_CLASS,
      capacity: t.size('Size.gibibytes(10)'),
      claimSize: t.size('Size.gibibytes(5)'),
      accessModes: ACCESS_MODES,
      reclaimPolicy: RECLAIM_POLICY,
      allowDeleteReclaimPolicy: t.boolean(),
      mountOptions: MOUNT_OPTIONS,
      persistentVolumeName: t.string('uploads'),
      claimName: t.string('uploads'),
      groupId: GROUP_ID,
      groupAccess: t.enum(groupAccess, 'NfsGroupAccess'),
    },
    required: false,
    example: '{ server: "10.0.0.4", path: "/srv/nfs/uploads" }',
  };
}

/** The props of an NfsStorageClass. */
export function nfsStorageClassProps(onDelete: object): PropsSpec<NfsStorageClassProps> {
  return {
    types: {
      server: t.string('10.0.0.4'),
      share: t.string('/srv/nfs'),
      name: t.string('nfs-csi'),
      subDir: t.string('${pvc.metadata.namespace}/${pvc.metadata.name}'),
      reclaimPolicy: RECLAIM_POLICY,
      onDelete: t.enum(onDelete, 'NfsOnDelete'),
      mountOptions: MOUNT_OPTIONS,
      mountPermissions: t.string('2775'),
      groupId: GROUP_ID,
    },
    required: true,
    example: '{ server: "10.0.0.4", share: "/srv/nfs" }',
  };
}

/** How a container mounts an NFS volume. */
export const NFS_MOUNT_TYPES: PropTypes<NfsMountOptions> = { readOnly: t.boolean(), subPath: t.string('images') };

export const NFS_MOUNT_OPTIONS: PropsSpec<NfsMountOptions> = { types: NFS_MOUNT_TYPES, required: false, example: '{ readOnly: true }' };

export const NFS_DEPLOYMENT_MOUNT_OPTIONS: PropsSpec<NfsDeploymentMountOptions> = {
  types: { ...NFS_MOUNT_TYPES, container: t.instance(kplus.Container, 'kplus.Container', 'pass one of deployment.containers') },
  required: false,
  example: '{ readOnly: true }',
};
