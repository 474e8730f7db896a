import { nonRootUserOf, provesRestricted, userByName } from '../images/known-images';
import { ComposeServiceModel } from '../model';
import { ImageFacts, MapContext } from './context';
import { MountPlan, PodSecurityLevel, PortPlan, SecurityPlan } from './plan';

/** Capabilities the baseline Pod Security Standard allows adding. */
const BASELINE_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
/** Sysctls Kubernetes deems safe (allowed by baseline and restricted). */
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];

interface ProvenUser {
  readonly uid: number;
  readonly gid?: number;
  readonly basis: string;
}

/**
 * The security decision of a container. RESTRICTED (numeric non-root runAsUser, read-only root
 * with every writable path mounted) where the compose file, the Dockerfile or a trusted entry of the
 * image table proves it works; PRIVILEGED where compose asks for what baseline forbids; else
 * BASELINE: the image's own user and a writable root, with one warning saying what to add.
 */
export function mapSecurity(ctx: MapContext, svc: ComposeServiceModel, facts: ImageFacts, mounts: MountPlan[], ports: PortPlan[]): SecurityPlan {
  const sysctls = safeSysctls(ctx, svc);
  const privilegedWhy = privilegedReasons(svc);
  const addCapabilities = svc.capAdd.filter(c => c !== 'ALL');
  const dropCapabilities = svc.capDrop;
  // A user compose names (numeric, or a name the image or every image defines) is who the container runs as.
  const named = svc.user ? namedUser(svc, facts) : undefined;
  if (named) warnUserNames(ctx, svc, facts, named);
  if (privilegedWhy.length > 0) {
    ctx.warn(svc, [], `runs with privileged Pod Security: it asks for ${privilegedWhy.join(', ')}; the namespace enforces privileged while it is in the app`);
    return {
      level: 'PRIVILEGED',
      runAsUser: named?.uid,
      runAsGroup: named?.gid,
      readOnlyRootFilesystem: svc.readOnly === true,
      writablePaths: [],
      addCapabilities,
      dropCapabilities,
      privileged: svc.privileged === true,
      sysctls,
      basis: [],
      missing: privilegedWhy.map(w => `no ${w}`),
    };
  }
  const user = provenUser(svc, facts);
  const readOnly = readOnlyProof(svc, facts, user);
  const lowPort = ports.some(p => p.port < 1024);
  if (user && user.uid !== 0 && readOnly && addCapabilities.every(c => c === 'NET_BIND_SERVICE')) {
    return restricted(facts, user, readOnly, mounts, { addCapabilities, sysctls, lowPort });
  }
  const missing = whatToAdd(facts, user, readOnly !== undefined, addCapabilities);
  ctx.warn(svc, [], `runs with baseline Pod Security (${svc.user ? `user ${svc.user.text}` : 'the image\'s own user'}, a writable root filesystem): `
    + `nothing proves it runs restricted; to run it restricted, ${missing.join('; ')}`);
  if (user && user.uid !== 0 && lowPort) sysctls['net.ipv4.ip_unprivileged_port_start'] = '0';
  return {
    level: 'BASELINE' as PodSecurityLevel,
    runAsUser: named?.uid,
    runAsGroup: named?.gid,
    readOnlyRootFilesystem: svc.readOnly === true,
    writablePaths: [],
    addCapabilities: addCapabilities.filter(c => BASELINE_CAPS.includes(c)),
    dropCapabilities,
    privileged: false,
    sysctls,
    basis: user ? [user.basis] : [],
    missing,
  };
}

/** The restricted decision: emptyDirs at the writable paths nothing mounts, the claims' group. */
function restricted(facts: ImageFacts, user: ProvenUser, readOnly: { basis: string; paths: string[] }, mounts: MountPlan[],
  o: { addCapabilities: string[]; sysctls: { [name: string]: string }; lowPort: boolean }): SecurityPlan {
  const mounted = new Set(mounts.map(m => m.target));
  const writablePaths = [...new Set(['/tmp', ...readOnly.paths])].filter(p => !mounted.has(p));
  const needsGroup = mounts.some(m => m.kind === 'CLAIM' || m.kind === 'NFS' || m.kind === 'EXISTING_CLAIM');
  const fsGroup = needsGroup ? facts.known?.user.fsGroup ?? user.gid ?? user.uid : undefined;
  const sysctls = o.lowPort ? { ...o.sysctls, 'net.ipv4.ip_unprivileged_port_start': '0' } : o.sysctls;
  return {
    level: 'RESTRICTED',
    runAsUser: user.uid,
    runAsGroup: user.gid ?? user.uid,
    fsGroup,
    readOnlyRootFilesystem: true,
    writablePaths,
    addCapabilities: o.addCapabilities,
    dropCapabilities: ['ALL'],
    privileged: false,
    sysctls,
    basis: [user.basis, readOnly.basis],
    missing: [],
  };
}

/** What baseline forbids that the service asks for. */
function privilegedReasons(svc: ComposeServiceModel): string[] {
  const out: string[] = [];
  if (svc.privileged) out.push('privileged: true');
  const caps = svc.capAdd.filter(c => !BASELINE_CAPS.includes(c));
  if (caps.length > 0) out.push(`cap_add ${caps.join(', ')}`);
  if (svc.devices.length > 0) out.push('host devices');
  if (svc.networkMode?.kind === 'host') out.push('the host network');
  const unconfined = svc.securityOpt.filter(o => /^(seccomp|apparmor)[=:]unconfined$/i.test(o) || /^label[=:]disable$/i.test(o));
  if (unconfined.length > 0) out.push(`security_opt ${unconfined.join(', ')}`);
  return out;
}

function safeSysctls(ctx: MapContext, svc: ComposeServiceModel): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(svc.sysctls)) {
    if (SAFE_SYSCTLS.includes(name)) out[name] = value;
    else ctx.warn(svc, ['sysctls', name], 'is not mapped: Kubernetes allows only safe sysctls unless the kubelet allows it (--allowed-unsafe-sysctls) and Pod Security is privileged');
  }
  return out;
}

/** The numbers of compose's `user:` (a name resolved through the image table and the users every image has). */
function namedUser(svc: ComposeServiceModel, facts: ImageFacts): { uid?: number; gid?: number } {
  const u = svc.user!;
  const byName = u.uid === undefined ? userByName(facts.known, u.user) : undefined;
  const uid = u.uid ?? byName?.uid;
  const gid = u.gid ?? (u.group === undefined ? (u.uid === undefined ? byName?.gid : undefined) : userByName(facts.known, u.group)?.gid);
  return { uid, gid };
}

/**
 * Kubernetes runs containers as numbers only: a user or group compose names is either the number
 * the image table knows for it, or is left to the image; the warning says which.
 */
function warnUserNames(ctx: MapContext, svc: ComposeServiceModel, facts: ImageFacts, named: { uid?: number; gid?: number }): void {
  const u = svc.user!;
  const image = facts.known ? `${facts.known.name}'s` : 'the image\'s';
  if (u.uid === undefined && named.uid === undefined) {
    ctx.warn(svc, ['user'], `"${u.text}" is not mapped: Kubernetes takes a numeric user and the number of "${u.user}" in ${image} /etc/passwd is not known, `
      + 'so the container runs as the image\'s own user; write user: "<uid>:<gid>"');
  } else if (u.group !== undefined && u.gid === undefined && named.gid === undefined) {
    ctx.warn(svc, ['user'], `"${u.text}" runs as UID ${named.uid}, but the group "${u.group}" is not mapped: its number in ${image} /etc/group is not known; write user: "${named.uid}:<gid>"`);
  } else if (u.uid === undefined || (u.group !== undefined && u.gid === undefined)) {
    ctx.warn(svc, ['user'], `"${u.text}" runs as ${named.uid}${named.gid !== undefined ? `:${named.gid}` : ''}, the numbers of that name in ${image} /etc/passwd (Kubernetes takes numbers only)`);
  }
}

/** The numeric user the container runs as, when something says which: compose `user:`, the Dockerfile's USER, the image table. */
function provenUser(svc: ComposeServiceModel, facts: ImageFacts): ProvenUser | undefined {
  if (svc.user) {
    const named = svc.user.uid === undefined ? userByName(facts.known, svc.user.user) : undefined;
    const uid = svc.user.uid ?? named?.uid;
    if (uid === undefined) return undefined;
    const gid = svc.user.gid ?? (svc.user.group === undefined ? named?.gid : userByName(facts.known, svc.user.group)?.gid);
    return { uid, gid, basis: `compose user "${svc.user.text}"` };
  }
  const fileUser = facts.dockerfile?.user;
  if (fileUser) {
    if (fileUser.uid === undefined) return undefined;
    return { uid: fileUser.uid, gid: fileUser.gid, basis: `Dockerfile USER ${fileUser.text}${/^\d+$/.test(fileUser.text) ? '' : ` (${fileUser.uid})`}` };
  }
  const known = facts.known;
  if (!known) return undefined;
  const u = nonRootUserOf(known);
  if (u && provesRestricted(known)) return { uid: u.uid, gid: u.gid, basis: `image table: ${known.name}` };
  if (known.user.uid === 0 && !known.user.startsAsRoot && !facts.dockerfile) return { uid: 0, gid: 0, basis: `image table: ${known.name} runs as root` };
  return undefined;
}

/** What proves the root filesystem can be read-only, and the paths the container writes. */
function readOnlyProof(svc: ComposeServiceModel, facts: ImageFacts, user: ProvenUser | undefined): { basis: string; paths: string[] } | undefined {
  if (svc.readOnly === true) return { basis: 'compose read_only: true', paths: [] };
  const known = facts.known;
  if (!known || !provesRestricted(known) || !user) return undefined;
  return { basis: `image table: ${known.name} writes only ${[...known.writablePaths, ...known.dataPaths].join(', ') || 'its volumes'}`, paths: known.writablePaths };
}

function whatToAdd(facts: ImageFacts, user: ProvenUser | undefined, readOnly: boolean, caps: string[]): string[] {
  const out: string[] = [];
  const known = facts.known;
  if (!user || user.uid === 0) {
    const suggestion = known?.user.runAsUser !== undefined && known.user.runAsUser !== 0 ? `${known.user.runAsUser}:${known.user.runAsGroup ?? known.user.gid}` : '<uid>:<gid>';
    const where = facts.dockerfile ? ` (or USER <uid> in ${facts.dockerfile.path.split('/').slice(-2).join('/')})` : '';
    out.push(`add user: "${suggestion}" (a non-root numeric user the image works as)${where}`);
  }
  if (!readOnly) {
    const paths = known && known.writablePaths.length > 0 ? known.writablePaths : ['/tmp', '<each path it writes>'];
    out.push(`add read_only: true with tmpfs: [${paths.join(', ')}]`);
  }
  const extra = caps.filter(c => c !== 'NET_BIND_SERVICE');
  if (extra.length > 0) out.push(`drop cap_add ${extra.join(', ')}`);
  if (known && !known.restricted.compatible && known.restricted.workaround) out.push(`for ${known.name}: ${known.restricted.workaround}`);
  return out;
}
