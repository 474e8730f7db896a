/**
 * The mounts of a stack container: the objects they need (ConfigMaps and Secrets of files,
 * claims, emptyDirs, NFS volumes) made once per workload, then mounted into each of its pods'
 * containers (both tracks of a release mount the same objects).
 */
import { createHash } from 'crypto';
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { chunkEntries, FileEntry, readDirectoryEntries, readFileEntry, SourceProblem } from './files';
import { StackContext } from './stack-context';
import { propError, PropProblem } from '../../core/errors';
import { dns1123SubdomainProblem } from '../../core/names';
import { NfsVolume } from '../../storage';
import { ServiceMount, ServiceMountKind } from '../service-mount';

const TYPE = 'MicroserviceStack';

/** One mount, ready to go into containers. */
export interface PreparedMount {
  readonly target: string;
  /** The pod volume; undefined for an NFS volume, which mounts itself. */
  readonly volume?: kplus.Volume;
  readonly nfs?: NfsVolume;
  readonly readOnly?: boolean;
  readonly subPath?: string;
  /** Whether it is a claim, whose files the pod's fsGroup should own. */
  readonly claim: boolean;
}

/** Where the mounts of one container are made. */
export interface MountOwner {
  /** The construct the objects go under. */
  readonly scope: Construct;
  /** The start of the objects' names: the workload's name, or `<workload>-<sidecar>`. */
  readonly name: string;
  /** The start of the pod volumes' names: "" for the main container, `<sidecar>-` for a sidecar. */
  readonly volumePrefix: string;
  /** The prop the mounts are at, for errors: `addService("web").mounts`. */
  readonly prop: string;
}

/** A name made of parts, cut with a hash to `max` characters when longer, as object names must be. */
export function boundedName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - 9).replace(/-+$/, '')}-${hash}`;
}

/** A DNS-label slug of a container path: `/etc/nginx/conf.d` is `etc-nginx-conf-d`. */
export function pathSlug(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
}

/**
 * Makes the objects of the mounts and of the writable paths (emptyDirs), after checking their
 * targets: absolute, and each once.
 */
export function prepareMounts(owner: MountOwner, mounts: ServiceMount[], writablePaths: string[], context: StackContext): PreparedMount[] {
  const fail = (problem: PropProblem) => propError(owner.scope, TYPE, problem);
  const seen = new Set<string>();
  const check = (target: string, prop: string) => {
    if (typeof target !== 'string' || !target.startsWith('/')) {
      throw fail({ prop, rule: 'must be an absolute path in the container', value: target, fix: 'start it with "/", such as "/app/data"' });
    }
    const normal = target.length > 1 ? target.replace(/\/+$/, '') : target;
    if (seen.has(normal)) throw fail({ prop, rule: 'must be mounted once per container', value: target, fix: 'drop one of the two mounts' });
    seen.add(normal);
  };
  const prepared: PreparedMount[] = [];
  writablePaths.forEach((path, i) => {
    check(path, `${owner.prop.replace(/\.mounts$/, '')}.writablePaths[${i}]`);
    prepared.push({ target: path, volume: emptyDir(owner, path, {}), claim: false });
  });
  mounts.forEach((m, i) => {
    const prop = `${owner.prop}[${i}]`;
    check(m.target, `${prop}.target`);
    prepared.push(prepareOne(owner, m, prop, context, fail));
  });
  return prepared;
}

function prepareOne(owner: MountOwner, m: ServiceMount, prop: string, context: StackContext, fail: (p: PropProblem) => Error): PreparedMount {
  const o = m._options;
  switch (m.kind) {
    case ServiceMountKind.FILE:
      return fileMount(owner, m, prop, fail);
    case ServiceMountKind.DIRECTORY:
      return directoryMount(owner, m, prop, fail);
    case ServiceMountKind.CLAIM: {
      const claim = context.claim(m.source!, o, owner.scope, `${prop}.source`);
      const volume = kplus.Volume.fromPersistentVolumeClaim(owner.scope, `Mount-${owner.volumePrefix}${pathSlug(m.target)}`, claim, {
        name: volumeName(owner, m.target),
      });
      return { target: m.target, volume, readOnly: o.readOnly, subPath: o.subPath, claim: true };
    }
    case ServiceMountKind.EMPTY_DIR:
      return { target: m.target, volume: emptyDir(owner, m.target, o), claim: false };
    case ServiceMountKind.SECRET:
    case ServiceMountKind.CONFIG_MAP:
      return objectMount(owner, m, prop, context, fail);
    default:
      if (!(m.nfsVolume instanceof NfsVolume)) throw fail({ prop, rule: 'must be a ServiceMount made by one of its factories', value: m.kind, fix: 'use ServiceMount.file, directory, claim, emptyDir or volume' });
      return { target: m.target, nfs: m.nfsVolume, readOnly: o.readOnly, subPath: o.subPath, claim: false };
  }
}

/** A Secret or ConfigMap by name, whole or one key with subPath. */
function objectMount(owner: MountOwner, m: ServiceMount, prop: string, context: StackContext, fail: (p: PropProblem) => Error): PreparedMount {
  const name = m.source!;
  const problem = dns1123SubdomainProblem(name);
  if (problem) throw fail({ prop: `${prop}.source`, rule: problem, value: name, fix: 'name the object with lowercase letters, digits, \'-\' and \'.\'' });
  const key = m._options.key;
  if (key !== undefined && !/^[-._a-zA-Z0-9]+$/.test(key)) {
    throw fail({ prop: `${prop}.key`, rule: 'must be a key of a Secret or ConfigMap: letters, digits, \'-\', \'_\' and \'.\'', value: key, fix: 'use the key the object holds' });
  }
  const id = `${owner.volumePrefix}${pathSlug(m.target)}`;
  const items = key !== undefined ? { [key]: { path: key } } : undefined;
  let volume: kplus.Volume;
  if (m.kind === ServiceMountKind.SECRET) {
    if (m._options.existing) context.declareExternalSecret(name);
    volume = kplus.Volume.fromSecret(owner.scope, `Mount-${id}`, kplus.Secret.fromSecretName(owner.scope, `Ref-${id}`, name), { name: volumeName(owner, m.target), items });
  } else {
    if (m._options.existing) context.declareExternalConfigMap(name);
    volume = kplus.Volume.fromConfigMap(owner.scope, `Mount-${id}`, kplus.ConfigMap.fromConfigMapName(owner.scope, `Ref-${id}`, name), { name: volumeName(owner, m.target), items });
  }
  return { target: m.target, volume, readOnly: true, subPath: key, claim: false };
}

function volumeName(owner: MountOwner, target: string): string {
  return boundedName(`${owner.volumePrefix}${pathSlug(target)}`, 63);
}

function emptyDir(owner: MountOwner, target: string, o: { memory?: boolean; sizeLimit?: import('cdk8s').Size }): kplus.Volume {
  return kplus.Volume.fromEmptyDir(owner.scope, `Mount-${owner.volumePrefix}${pathSlug(target)}`, volumeName(owner, target), {
    medium: o.memory ? kplus.EmptyDirMedium.MEMORY : undefined,
    sizeLimit: o.sizeLimit,
  });
}

/** One file in an object of its own, mounted with subPath so the folder keeps the image's other files. */
function fileMount(owner: MountOwner, m: ServiceMount, prop: string, fail: (p: PropProblem) => Error): PreparedMount {
  const entry = read(() => [readFileEntry(m.source!, m._options.key)], `${prop}.source`, m.source, fail);
  const objectName = boundedName(`${owner.name}-${pathSlug(m.target)}`, 253);
  const store = storeObject(owner, objectName, `File-${pathSlug(m.target)}`, m._store!, entry);
  const items = entry[0].executable ? { [entry[0].key]: { path: entry[0].key, mode: 0o755 } } : undefined;
  const volume = storeVolume(owner, m.target, m._store!, store, items);
  return { target: m.target, volume, readOnly: true, subPath: entry[0].key, claim: false };
}

/** A folder in one object, or in several projected into one volume when it is larger than 1 MiB. */
function directoryMount(owner: MountOwner, m: ServiceMount, prop: string, fail: (p: PropProblem) => Error): PreparedMount {
  const entries = read(() => readDirectoryEntries(m.source!), `${prop}.source`, m.source, fail);
  const base = boundedName(`${owner.name}-${pathSlug(m.target)}`, 249);
  const chunks = chunkEntries(entries);
  const stores = chunks.map((chunk, i) => storeObject(owner, i === 0 ? base : `${base}-${i + 1}`, `Dir-${pathSlug(m.target)}-${i}`, m._store!, chunk));
  if (stores.length <= 1) {
    const volume = storeVolume(owner, m.target, m._store!, stores[0] ?? storeObject(owner, base, `Dir-${pathSlug(m.target)}-0`, m._store!, []), itemsOf(entries));
    return { target: m.target, volume, readOnly: true, claim: false };
  }
  const sources = chunks.map((chunk, i) => {
    const ref = { name: stores[i].name, items: chunk.map(e => ({ key: e.key, path: e.path, ...e.executable ? { mode: 0o755 } : {} })) };
    return m._store === 'secret' ? { secret: ref } : { configMap: ref };
  });
  return { target: m.target, volume: projectedVolume(owner, m.target, sources), readOnly: true, claim: false };
}

function read(load: () => FileEntry[], prop: string, source: string | undefined, fail: (p: PropProblem) => Error): FileEntry[] {
  try {
    return load();
  } catch (e) {
    if (e instanceof SourceProblem) throw fail({ prop, rule: e.rule, value: source, fix: e.fix });
    throw e;
  }
}

/** The items of a folder's volume: needed when a key is not the file's path, or for an executable file. */
function itemsOf(entries: FileEntry[]): { [key: string]: kplus.PathMapping } | undefined {
  if (entries.every(e => e.key === e.path && !e.executable)) return undefined;
  return Object.fromEntries(entries.map(e => [e.key, { path: e.path, ...e.executable ? { mode: 0o755 } : {} }]));
}

/** A ConfigMap (text as data, the rest as binaryData) or a Secret (text as stringData, the rest as data). */
function storeObject(owner: MountOwner, name: string, id: string, store: 'configMap' | 'secret', entries: FileEntry[]): kplus.ConfigMap | kplus.Secret {
  const text = Object.fromEntries(entries.filter(e => e.text !== undefined).map(e => [e.key, e.text!]));
  const binary = Object.fromEntries(entries.filter(e => e.base64 !== undefined).map(e => [e.key, e.base64!]));
  const hasBinary = Object.keys(binary).length > 0;
  if (store === 'configMap') {
    return new kplus.ConfigMap(owner.scope, id, { metadata: { name }, data: text, ...hasBinary ? { binaryData: binary } : {} });
  }
  const secret = new kplus.Secret(owner.scope, id, { metadata: { name }, stringData: text });
  // cdk8s-plus writes stringData only; binary content goes in data, base64 as Kubernetes takes it.
  if (hasBinary) ApiObject.of(secret).addJsonPatch(JsonPatch.add('/data', binary));
  return secret;
}

function storeVolume(
  owner: MountOwner, target: string, store: 'configMap' | 'secret', object: kplus.ConfigMap | kplus.Secret, items?: { [key: string]: kplus.PathMapping },
): kplus.Volume {
  const id = `Mount-${owner.volumePrefix}${pathSlug(target)}`;
  const name = volumeName(owner, target);
  return store === 'configMap'
    ? kplus.Volume.fromConfigMap(owner.scope, id, object as kplus.ConfigMap, { name, items })
    : kplus.Volume.fromSecret(owner.scope, id, object as kplus.Secret, { name, items });
}

/**
 * A projected volume over several ConfigMaps or Secrets. cdk8s-plus has no factory for it, so
 * this calls the Volume constructor its factories use (name and raw volume source).
 */
function projectedVolume(owner: MountOwner, target: string, sources: any[]): kplus.Volume {
  const VolumeClass = kplus.Volume as unknown as new (scope: Construct, id: string, name: string, config: any) => kplus.Volume;
  return new VolumeClass(owner.scope, `Mount-${owner.volumePrefix}${pathSlug(target)}`, volumeName(owner, target), { projected: { sources } });
}

/**
 * Mounts the prepared mounts into a container of a workload. An NFS volume mounts itself: into a
 * Deployment with its group, into other workloads' containers as they are.
 */
export function mountInto(container: kplus.Container, workload: kplus.AbstractPod, prepared: PreparedMount[]): void {
  for (const p of prepared) {
    if (p.nfs) {
      if (workload instanceof kplus.Deployment) p.nfs.mount(workload, p.target, { container, readOnly: p.readOnly, subPath: p.subPath });
      else p.nfs.mountContainer(container, p.target, { readOnly: p.readOnly, subPath: p.subPath });
      continue;
    }
    container.mount(p.target, p.volume!, { readOnly: p.readOnly, subPath: p.subPath });
  }
}
