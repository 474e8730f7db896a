import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CLAIM_MOUNT_OPTIONS, DIRECTORY_MOUNT_OPTIONS, EMPTY_DIR_MOUNT_OPTIONS, FILE_MOUNT_OPTIONS, OBJECT_MOUNT_OPTIONS } from './prop-types';
import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';
import { NfsMountOptions, NfsVolume } from '../storage';
import { NFS_MOUNT_OPTIONS, NFS_VOLUME } from '../storage/prop-types';

/**
 * Options of {@link ServiceMount.file}.
 */
export interface FileMountOptions {
  /**
   * Put the file in a Secret instead of a ConfigMap (keys, certificates, passwords).
   *
   * @default false
   */
  readonly secret?: boolean;

  /**
   * The key of the file in the ConfigMap or Secret.
   *
   * @default - the file's name
   */
  readonly key?: string;
}

/**
 * Options of {@link ServiceMount.directory}.
 */
export interface DirectoryMountOptions {
  /**
   * Put the files in Secrets instead of ConfigMaps.
   *
   * @default false
   */
  readonly secret?: boolean;
}

/**
 * Options of {@link ServiceMount.claim}.
 */
export interface ClaimMountOptions {
  /**
   * The claim was created outside the app (`kubectl apply`, another app, compose's
   * `external: true`): it is referenced, not created, and the cross-object checks take it as
   * existing.
   *
   * @default false
   */
  readonly existing?: boolean;

  /**
   * The size of a new claim.
   *
   * @default Size.gibibytes(1)
   */
  readonly storage?: Size;

  /**
   * The StorageClass of a new claim.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * The access modes of a new claim. ReadWriteOnce volumes attach to one node: a Deployment with
   * several replicas on several nodes needs ReadWriteMany.
   *
   * @default [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];

  /**
   * Mount it read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * A directory of the claim to mount instead of its root, relative.
   *
   * @default - the whole claim
   */
  readonly subPath?: string;
}

/**
 * Options of {@link ServiceMount.emptyDir}.
 */
export interface EmptyDirMountOptions {
  /**
   * Keep it in memory (a tmpfs, compose's `tmpfs:`); it counts against the container's memory.
   *
   * @default false
   */
  readonly memory?: boolean;

  /**
   * The most it may hold; past that the pod is evicted.
   *
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/**
 * Options of {@link ServiceMount.secret} and {@link ServiceMount.configMap}.
 */
export interface ObjectMountOptions {
  /**
   * One key of the object, mounted as a file at the target (with `subPath`, so the folder keeps
   * the image's other files).
   *
   * @default - every key, as the files of the folder at the target
   */
  readonly key?: string;

  /**
   * The object was created outside the app (`kubectl create secret`, compose's `external:
   * true`): the cross-object checks take it as existing. Otherwise the app must create it.
   *
   * @default false
   */
  readonly existing?: boolean;
}

/** The options of every kind of mount, as one mount keeps them. */
type AnyMountOptions = FileMountOptions & DirectoryMountOptions & ClaimMountOptions & EmptyDirMountOptions & NfsMountOptions & ObjectMountOptions;

/**
 * What a {@link ServiceMount} mounts.
 */
export enum ServiceMountKind {
  /** One file, from a ConfigMap or Secret. */
  FILE = 'FILE',
  /** A folder of files, from ConfigMaps or Secrets. */
  DIRECTORY = 'DIRECTORY',
  /** A PersistentVolumeClaim. */
  CLAIM = 'CLAIM',
  /** An emptyDir. */
  EMPTY_DIR = 'EMPTY_DIR',
  /** An NfsVolume (or a volume of `stack.addVolume`). */
  VOLUME = 'VOLUME',
  /** A Secret, or one key of it, by name. */
  SECRET = 'SECRET',
  /** A ConfigMap, or one key of it, by name. */
  CONFIG_MAP = 'CONFIG_MAP',
}

/**
 * Something mounted into a container of a stack workload, at a path: a file or folder read when
 * the program runs (as compose's bind mounts), a claim, an emptyDir, or an NFS volume.
 *
 * Files are read by the program that builds the stack, relative to its working directory or
 * absolute, exactly as given.
 *
 * @example
 * shop.addService('web', {
 *   image: 'nginxinc/nginx-unprivileged:1.27',
 *   ports: [{ port: 8080 }],
 *   mounts: [
 *     ServiceMount.file('/etc/nginx/nginx.conf', 'nginx/nginx.conf'),
 *     ServiceMount.directory('/usr/share/nginx/html', 'site'),
 *     ServiceMount.emptyDir('/var/cache/nginx'),
 *   ],
 * });
 */
export class ServiceMount {
  /**
   * One file, put in a ConfigMap (or a Secret) of the workload and mounted read-only with
   * `subPath` at `target`, so the rest of the folder keeps the image's files. An executable file
   * stays executable; a file that is not UTF-8 text is kept as binary data.
   *
   * @example
   * ServiceMount.file('/etc/nginx/nginx.conf', 'nginx/nginx.conf')
   */
  public static file(target: string, sourcePath: string, options: FileMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.file', 'ServiceMount'), {
      target: [target, required(t.string('/app/config'))],
      sourcePath: [sourcePath, required(t.string('./config/appsettings.json'))],
      options: [options, t.props(FILE_MOUNT_OPTIONS)],
    });
    return new ServiceMount(ServiceMountKind.FILE, target, sourcePath, options.secret ? 'secret' : 'configMap', options);
  }

  /**
   * Every file of a folder (nested folders kept), put in ConfigMaps (or Secrets) of the workload
   * and mounted read-only at `target`, which then holds exactly these files. A folder of more
   * than 1 MiB is split across several ConfigMaps, each under the limit, projected into one
   * volume.
   *
   * @example
   * ServiceMount.directory('/etc/nginx/conf.d', 'nginx/conf.d')
   */
  public static directory(target: string, sourceDir: string, options: DirectoryMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.directory', 'ServiceMount'), {
      target: [target, required(t.string('/app/config'))],
      sourceDir: [sourceDir, required(t.string('./config'))],
      options: [options, t.props(DIRECTORY_MOUNT_OPTIONS)],
    });
    return new ServiceMount(ServiceMountKind.DIRECTORY, target, sourceDir, options.secret ? 'secret' : 'configMap', options);
  }

  /**
   * A PersistentVolumeClaim: a new one created with the app (mounted wherever the same name is
   * mounted), or an existing one.
   *
   * @example
   * ServiceMount.claim('/var/lib/postgresql/data', 'orders-data', { storage: Size.gibibytes(5) })
   */
  public static claim(target: string, claimName: string, options: ClaimMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.claim', 'ServiceMount'), {
      target: [target, required(t.string('/app/config'))],
      claimName: [claimName, required(t.string('uploads'))],
      options: [options, t.props(CLAIM_MOUNT_OPTIONS)],
    });
    return new ServiceMount(ServiceMountKind.CLAIM, target, claimName, undefined, options);
  }

  /**
   * An empty directory that lives as long as the pod: scratch space, caches, compose's `tmpfs`.
   *
   * @example
   * ServiceMount.emptyDir('/var/cache/nginx', { memory: true })
   */
  public static emptyDir(target: string, options: EmptyDirMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.emptyDir', 'ServiceMount'), { target: [target, required(t.string('/app/config'))], options: [options, t.props(EMPTY_DIR_MOUNT_OPTIONS)] });
    return new ServiceMount(ServiceMountKind.EMPTY_DIR, target, undefined, undefined, options);
  }

  /**
   * An NFS volume (`stack.addVolume(...)`, `new NfsVolume(...)`).
   *
   * @example
   * ServiceMount.volume('/app/Pics', pics, { readOnly: true })
   */
  public static volume(target: string, volume: NfsVolume, options: NfsMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.volume', 'ServiceMount'), { target: [target, required(t.string('/app/config'))], volume: [volume, required(NFS_VOLUME)], options: [options, t.props(NFS_MOUNT_OPTIONS)] });
    return new ServiceMount(ServiceMountKind.VOLUME, target, undefined, undefined, options, volume);
  }

  /**
   * A Secret by name (one the app creates, or with `existing` one created outside it), or one
   * key of it as a file (compose's `secrets:`).
   *
   * @example
   * ServiceMount.secret('/run/secrets/db_password', 'db-password', { key: 'db_password' })
   */
  public static secret(target: string, secretName: string, options: ObjectMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.secret', 'ServiceMount'), {
      target: [target, required(t.string('/run/secrets/db-password'))],
      secretName: [secretName, required(t.string('db-password'))],
      options: [options, t.props(OBJECT_MOUNT_OPTIONS)],
    });
    return new ServiceMount(ServiceMountKind.SECRET, target, secretName, 'secret', options);
  }

  /**
   * A ConfigMap by name (one the app creates, or with `existing` one created outside it), or one
   * key of it as a file (compose's `configs:`).
   *
   * @example
   * ServiceMount.configMap('/etc/app/settings.json', 'settings', { key: 'settings.json' })
   */
  public static configMap(target: string, configMapName: string, options: ObjectMountOptions = {}): ServiceMount {
    checkArguments(factoryFail('ServiceMount.configMap', 'ServiceMount'), {
      target: [target, required(t.string('/etc/app/settings.json'))],
      configMapName: [configMapName, required(t.string('settings'))],
      options: [options, t.props(OBJECT_MOUNT_OPTIONS)],
    });
    return new ServiceMount(ServiceMountKind.CONFIG_MAP, target, configMapName, 'configMap', options);
  }

  /** What it mounts. */
  public readonly kind: ServiceMountKind;
  /** Where it is mounted in the container. */
  public readonly target: string;
  /** The file or folder it reads, or the claim's, Secret's or ConfigMap's name; undefined for emptyDirs and volumes. */
  public readonly source?: string;
  /** The NfsVolume, for a volume mount. */
  public readonly nfsVolume?: NfsVolume;

  /** @internal */
  public readonly _store?: 'configMap' | 'secret';
  /** @internal */
  public readonly _options: AnyMountOptions;

  private constructor(
    kind: ServiceMountKind, target: string, source: string | undefined, store: 'configMap' | 'secret' | undefined,
    options: AnyMountOptions, volume?: NfsVolume,
  ) {
    this.kind = kind;
    this.target = target;
    this.source = source;
    this.nfsVolume = volume;
    this._store = store;
    this._options = { ...options };
  }
}
