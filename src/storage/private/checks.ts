/**
 * The prop checks of NfsVolume and NfsStorageClass, one function per concern. Each throws the
 * first problem it finds.
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Fail } from '../../core/errors';
import { dns1123SubdomainProblem, isIpAddress } from '../../core/names';
import { pvcBindingProblems } from '../../validation/pvc-binding';

/** Where the export is named: the prop (`path`, `share`) and the value given, if any. */
export interface ExportProp {
  readonly prop: string;
  readonly value?: string;
}

/** The NFS server: a host (IP address or DNS name), without a scheme or the export path. */
export function checkServer(server: string | undefined, prop: string, exported: ExportProp, fail: Fail): void {
  if (!server) {
    throw fail({ prop, rule: 'is required for static provisioning', value: server, fix: 'pass the NFS server\'s IP address or DNS name, such as "10.0.0.4", or set storageClass for dynamic provisioning' });
  }
  const url = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/:]*)(?::\d+)?(\/.*)?$/.exec(server);
  if (url) {
    const path = url[2] && url[2] !== '/' ? url[2] : absoluteExport(exported.value ?? '/');
    throw fail({ prop, rule: 'must be the host only, not a URL', value: server, fix: `pass server "${url[1]}" and the ${exported.prop} "${path}" separately` });
  }
  const split = /^([^:/]+):(\/.*)$/.exec(server);
  if (split) {
    throw fail({ prop, rule: 'must be the host only, without the export path', value: server, fix: `pass server "${split[1]}" and the ${exported.prop} "${split[2]}" separately` });
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

/** An exported directory, as in /etc/exports: absolute, so a relative one gets its leading "/". */
export function checkExportPath(path: string | undefined, prop: string, fail: Fail): void {
  const rule = 'must be an absolute path on the NFS server';
  if (!path || path.replace(/^[./]*/, '') === '') {
    throw fail({ prop, rule, value: path, fix: 'pass the exported directory as in /etc/exports, such as "/srv/nfs/uploads"' });
  }
  if (!path.startsWith('/')) {
    throw fail({ prop, rule, value: path, fix: `use "${absoluteExport(path)}" (the exported directory as /etc/exports names it, from the server's root)` });
  }
  if (path.split('/').includes('..') || /\s/.test(path)) {
    throw fail({ prop, rule: 'must not contain ".." or spaces', value: path, fix: 'pass the exported directory as in /etc/exports, such as "/srv/nfs/uploads"' });
  }
}

/** A relative export path made absolute: `exports/data` and `./exports/data` become `/exports/data`. */
function absoluteExport(path: string): string {
  return path.startsWith('/') ? path : `/${path.replace(/^(\.\/)+/, '')}`;
}

/** Access modes Kubernetes accepts together. */
export function checkAccessModes(modes: kplus.PersistentVolumeAccessMode[], fail: Fail): void {
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

/**
 * The volume's capacity and the claim's size: both above zero, and the claim small enough to
 * bind. Binding is the PersistentVolume controller's rule, checked by the same predicate as the
 * manifest checks, over the pair as it will be written.
 */
export function checkSizes(capacity: Size, claimSize: Size, accessModes: kplus.PersistentVolumeAccessMode[], fail: Fail): void {
  checkSize(capacity, 'capacity', fail);
  checkSize(claimSize, 'claimSize', fail);
  const volume = { kind: 'PersistentVolume', spec: { storageClassName: '', accessModes, capacity: { storage: capacity.asString() } } };
  const claim = { kind: 'PersistentVolumeClaim', spec: { storageClassName: '', accessModes, resources: { requests: { storage: claimSize.asString() } } } };
  if (pvcBindingProblems(volume, claim).length > 0) {
    throw fail({
      prop: 'claimSize',
      rule: `must not be larger than the volume's capacity (${capacity.asString()}), or the claim never binds`,
      value: claimSize.asString(),
      fix: `ask for ${capacity.asString()} or less, or raise capacity`,
    });
  }
}

/** NFS mount options: one option per item. */
export function checkMountOptions(options: string[], fail: Fail): void {
  for (const option of options) {
    if (!option || /\s/.test(option)) {
      throw fail({ prop: 'mountOptions', rule: 'must be non-empty options without spaces', value: option, fix: 'pass one option per item, such as ["nfsvers=4.1", "hard"]' });
    }
  }
}

/** A GID that pods may get: never 0, the root group. */
export function checkGroupId(gid: number, prop: string, fail: Fail): void {
  if (!Number.isInteger(gid) || gid < 1 || gid > 2147483647) {
    throw fail({ prop, rule: 'must be an integer from 1 to 2147483647 (0 would give pods the root group)', value: gid, fix: 'pass the GID that owns the export, such as 2000 (ls -ln on the server shows it)' });
  }
}

/** The names of objects the construct writes, when given. */
export function checkObjectNames(names: Array<[string, string | undefined]>, fail: Fail): void {
  for (const [prop, value] of names) {
    const problem = value === undefined ? undefined : dns1123SubdomainProblem(value);
    if (problem) throw fail({ prop, rule: problem, value, fix: 'use lowercase letters, digits and \'-\', such as "uploads"' });
  }
}

/** A directory inside a volume or share, for `subDir` and `subPath`: relative, without "..". */
export function isRelativeInside(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').includes('..');
}

function checkSize(size: Size, prop: string, fail: Fail): void {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isFinite(kib) || kib <= 0) {
    throw fail({ prop, rule: 'must be larger than zero', value: sizeText(size), fix: 'pass a size such as Size.gibibytes(10)' });
  }
}

function sizeText(size: Size): string {
  try {
    return size.asString();
  } catch {
    return String(size);
  }
}
