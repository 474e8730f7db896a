/**
 * The Kubernetes objects of NfsVolume and NfsStorageClass where kplus renders them differently
 * than NFS needs.
 */
import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { omitNamespaceIfClusterScoped } from '../../core/metadata';

/** The provisioner name of the Kubernetes NFS CSI driver (kubernetes-csi/csi-driver-nfs). */
export const NFS_CSI_PROVISIONER = 'nfs.csi.k8s.io';

/** NFS 4.1: one TCP connection, no separate lock and mount daemons to open in a firewall. */
export const DEFAULT_NFS_MOUNT_OPTIONS = ['nfsvers=4.1'];

/** A claim that renders `storageClassName` even when it is "" and any size as a quantity. */
export class NfsClaim extends kplus.PersistentVolumeClaim {
  /** @internal */
  public _toKube(): kplus.k8s.PersistentVolumeClaimSpec {
    return {
      accessModes: this.accessModes?.map(m => m.toString()),
      resources: { requests: { storage: kplus.k8s.Quantity.fromString(this.storage!.asString()) } },
      // "" on a statically provisioned claim: "no class", so no default class is written in.
      storageClassName: this.storageClassName,
      volumeMode: this.volumeMode,
      volumeName: this.volume?.name,
    };
  }
}

/** Where an NFS export is. */
export interface NfsExport {
  readonly server: string;
  readonly path: string;
}

/** A PersistentVolume on an NFS export whose claimRef names the claim's namespace too. */
export class NfsPersistentVolume extends kplus.PersistentVolume {
  private readonly nfs: NfsExport;
  private readonly ownClaim: kplus.PersistentVolumeClaim;

  public constructor(scope: Construct, id: string, props: kplus.PersistentVolumeProps, nfs: NfsExport, claim: kplus.PersistentVolumeClaim) {
    super(scope, id, props);
    this.nfs = nfs;
    this.ownClaim = claim;
    omitNamespaceIfClusterScoped(ApiObject.of(this));
  }

  /** @internal */
  public _toKube(): kplus.k8s.PersistentVolumeSpec {
    return {
      accessModes: this.accessModes?.map(m => m.toString()),
      capacity: { storage: kplus.k8s.Quantity.fromString(this.storage!.asString()) },
      claimRef: { name: this.ownClaim.name, namespace: this.ownClaim.metadata.namespace },
      mountOptions: this.mountOptions,
      nfs: { server: this.nfs.server, path: this.nfs.path },
      persistentVolumeReclaimPolicy: this.reclaimPolicy,
      storageClassName: this.storageClassName,
      volumeMode: this.mode,
    };
  }
}

/** A pod volume name (a DNS-1123 label) from a claim name (a DNS-1123 subdomain). */
export function podVolumeName(claimName: string): string {
  const name = claimName.replace(/\./g, '-');
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(claimName).digest('hex').slice(0, 8);
  return `${name.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}
