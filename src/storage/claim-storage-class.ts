import { Size } from 'cdk8s';
import { NfsStorageClass } from './nfs-storage-class';
import { cloudFileShare, CloudProvider } from '../core/cloud';
import { propError } from '../core/errors';
import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';

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
    checkArguments(factoryFail('ClaimStorageClass.named', 'ClaimStorageClass'), { storageClassName: [storageClassName, required(t.string('nfs-csi'))] });
    return new ClaimStorageClass(storageClassName, undefined, undefined);
  }

  /**
   * A StorageClass of the NFS CSI driver defined in this app.
   *
   * @example
   * ClaimStorageClass.fromNfsStorageClass(new NfsStorageClass(chart, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' }))
   */
  public static fromNfsStorageClass(storageClass: NfsStorageClass): ClaimStorageClass {
    checkArguments(factoryFail('ClaimStorageClass.fromNfsStorageClass', 'ClaimStorageClass'), { storageClass: [storageClass, required(t.instance(NfsStorageClass, 'NfsStorageClass', 'pass an NfsStorageClass'))] });
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
    const share = cloudFileShare(provider);
    if (!share) {
      throw propError(undefined, 'ClaimStorageClass', {
        prop: 'provider', rule: `must be one of ${Object.values(CloudProvider).join(', ')}`, value: provider, fix: 'pass CloudProvider.AKS or CloudProvider.GKE',
      });
    }
    return new ClaimStorageClass(share.storageClassName, undefined, provider, share.minimumSize);
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
