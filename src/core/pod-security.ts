import * as kplus from 'cdk8s-plus-28';
import { PropProblem } from './errors';

/**
 * A Pod Security Standard: what a container (and so its pod, and the namespace that runs it) needs
 * to be allowed.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurityLevel {
  /**
   * Hardened: non-root with a numeric user, no privilege escalation, all capabilities dropped
   * (NET_BIND_SERVICE may be added back), seccomp `RuntimeDefault`; and, as the course adds, a
   * read-only root filesystem with writable paths mounted.
   */
  RESTRICTED = 'RESTRICTED',
  /**
   * Minimally restricted: the image's own user (root included), a writable root filesystem, the
   * container runtime's default capabilities plus those of the baseline list, seccomp
   * `RuntimeDefault`. What most images built for Docker need.
   */
  BASELINE = 'BASELINE',
  /**
   * Unrestricted: privileged containers and capabilities beyond the baseline list (`SYS_ADMIN`,
   * `NET_ADMIN`, ...). Never a default; only when asked.
   */
  PRIVILEGED = 'PRIVILEGED',
}

/**
 * How one container runs: its Pod Security level and the user, filesystem and capabilities that
 * level allows.
 */
export interface ContainerSecurityOptions {
  /**
   * The Pod Security Standard the container keeps to. The namespace of a stack enforces the
   * weakest level any of its workloads needs.
   *
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;

  /**
   * The numeric user the container runs as. A number lets the kubelet verify that it is not root
   * whatever the image's `USER` line says (a name such as `app` cannot be verified).
   *
   * @default - 1654 (the `app` user of the .NET 8+ images, `$APP_UID`) under RESTRICTED (999, the
   * user of the official redis, rabbitmq and postgres images, for backing services); the image's
   * own user under BASELINE and PRIVILEGED
   */
  readonly runAsUser?: number;

  /**
   * The numeric group the container runs as.
   *
   * @default - `runAsUser`, or the image's own group when that is not set either
   */
  readonly runAsGroup?: number;

  /**
   * Mount the container's root filesystem read-only. Paths the image writes then need
   * `writablePaths` (or a volume).
   *
   * @default - true under RESTRICTED, false under BASELINE and PRIVILEGED
   */
  readonly readOnlyRootFilesystem?: boolean;

  /**
   * Linux capabilities to add (`NET_BIND_SERVICE`, `CHOWN`; the `CAP_` prefix is optional).
   * RESTRICTED allows NET_BIND_SERVICE only; BASELINE the baseline list (AUDIT_WRITE, CHOWN,
   * DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID,
   * SYS_CHROOT); anything else needs PRIVILEGED.
   *
   * @default - none
   */
  readonly addCapabilities?: string[];

  /**
   * Linux capabilities to drop (compose's `cap_drop`; `ALL` drops every one). Under RESTRICTED
   * every capability is dropped whatever this says.
   *
   * @default - ALL under RESTRICTED; none under BASELINE and PRIVILEGED (the runtime's default set)
   */
  readonly dropCapabilities?: string[];

  /**
   * Run the container privileged (every capability, every device). Needs PRIVILEGED.
   *
   * @default false
   */
  readonly privileged?: boolean;
}

/** The user of the .NET 8+ images (`$APP_UID`): the default user of restricted containers. */
export const DOTNET_APP_UID = 1654;

/**
 * The capabilities the baseline standard lets a container add: Docker's default set.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
  'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** Levels from the strictest to the weakest. */
const ORDER = [PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED];

/** The value of a `pod-security.kubernetes.io/*` namespace label for a level. */
export function podSecurityLabel(level: PodSecurityLevel): string {
  return level.toLowerCase();
}

/** The level of a `pod-security.kubernetes.io/*` label value (or of our annotation), if it is one. */
export function levelOfLabel(value: string | undefined): PodSecurityLevel | undefined {
  return ORDER.find(l => podSecurityLabel(l) === value);
}

/** The weakest of the levels: what a namespace running all of them must allow. RESTRICTED for none. */
export function weakestLevel(levels: Iterable<PodSecurityLevel>): PodSecurityLevel {
  let weakest = 0;
  for (const level of levels) weakest = Math.max(weakest, ORDER.indexOf(level));
  return ORDER[weakest];
}

/** `CAP_net_admin` as Kubernetes writes it: `NET_ADMIN`. */
export function capabilityName(value: string): string {
  return String(value).toUpperCase().replace(/^CAP_/, '');
}

/**
 * What is wrong with a container's security options: an unknown level or capability, a user that
 * is not a number, or something the level does not allow (with the level that would).
 *
 * @param prop the prop path the options sit at, such as `addService("web")`
 */
export function containerSecurityProblems(o: ContainerSecurityOptions, prop: string): PropProblem[] {
  const level = o.podSecurity ?? PodSecurityLevel.RESTRICTED;
  const at = (name: string) => (prop ? `${prop}.${name}` : name);
  if (!ORDER.includes(level)) {
    return [{ prop: at('podSecurity'), rule: 'must be a PodSecurityLevel', value: level, fix: 'pass PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED' }];
  }
  const problems: PropProblem[] = [];
  for (const key of ['runAsUser', 'runAsGroup'] as const) {
    const v = o[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
      problems.push({ prop: at(key), rule: 'must be a numeric id of 0 or more', value: v, fix: 'pass the number the image\'s user has, such as 1654 (`app` in .NET 8+ images)' });
    }
  }
  if (level === PodSecurityLevel.RESTRICTED && o.runAsUser === 0) {
    problems.push({ prop: at('runAsUser'), rule: 'must not be 0 (root) under RESTRICTED Pod Security', value: 0, fix: 'run as a non-root user, or set podSecurity: PodSecurityLevel.BASELINE' });
  }
  const known = Object.values(kplus.Capability) as string[];
  const caps = (o.addCapabilities ?? []).map(capabilityName);
  const unknown = caps.filter(c => !known.includes(c) || c === 'ALL');
  if (unknown.length > 0) {
    problems.push({ prop: at('addCapabilities'), rule: 'must name Linux capabilities', value: unknown, fix: 'use names such as "NET_BIND_SERVICE" or "CHOWN"' });
  }
  const unknownDrops = (o.dropCapabilities ?? []).map(capabilityName).filter(c => !known.includes(c));
  if (unknownDrops.length > 0) {
    problems.push({ prop: at('dropCapabilities'), rule: 'must name Linux capabilities (or ALL)', value: unknownDrops, fix: 'use names such as "NET_RAW", or "ALL"' });
  }
  const needed = levelNeeded(caps, o.privileged ?? false);
  if (ORDER.indexOf(needed.level) > ORDER.indexOf(level)) {
    problems.push({
      prop: at(needed.prop),
      rule: `needs PodSecurityLevel.${needed.level} (the container keeps to ${level})`,
      value: needed.value,
      fix: `set podSecurity: PodSecurityLevel.${needed.level}, or drop ${needed.prop}`,
    });
  }
  return problems;
}

function levelNeeded(caps: string[], privileged: boolean): { level: PodSecurityLevel; prop: string; value: unknown } {
  if (privileged) return { level: PodSecurityLevel.PRIVILEGED, prop: 'privileged', value: true };
  const beyondBaseline = caps.filter(c => !BASELINE_CAPABILITIES.includes(c));
  if (beyondBaseline.length > 0) return { level: PodSecurityLevel.PRIVILEGED, prop: 'addCapabilities', value: beyondBaseline };
  const beyondRestricted = caps.filter(c => c !== 'NET_BIND_SERVICE');
  if (beyondRestricted.length > 0) return { level: PodSecurityLevel.BASELINE, prop: 'addCapabilities', value: beyondRestricted };
  return { level: PodSecurityLevel.RESTRICTED, prop: 'podSecurity', value: undefined };
}

/**
 * The cdk8s-plus security context of a container at its level, with `extra` (a raw
 * `ContainerSecurityContextProps`) on top. Render it, then pass the result through
 * {@link finishSecurityContext}: cdk8s-plus writes `runAsNonRoot` and `allowPrivilegeEscalation`
 * even when a weaker level leaves them to the image and the runtime.
 *
 * @param defaultUser the user of a RESTRICTED container that names none
 */
export function containerSecurityContext(
  o: ContainerSecurityOptions, defaultUser: number = DOTNET_APP_UID, extra: kplus.ContainerSecurityContextProps = {},
): kplus.ContainerSecurityContextProps {
  const level = o.podSecurity ?? PodSecurityLevel.RESTRICTED;
  const add = (o.addCapabilities ?? []).map(c => capabilityName(c) as kplus.Capability);
  const seccompProfile = { type: kplus.SeccompProfileType.RUNTIME_DEFAULT };
  if (level === PodSecurityLevel.RESTRICTED) {
    const user = o.runAsUser ?? defaultUser;
    return {
      ensureNonRoot: true,
      user,
      group: o.runAsGroup ?? user,
      readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: [kplus.Capability.ALL], ...add.length > 0 ? { add } : {} },
      seccompProfile,
      ...extra,
    };
  }
  const privileged = level === PodSecurityLevel.PRIVILEGED && (o.privileged ?? false);
  const drop = (o.dropCapabilities ?? []).map(c => capabilityName(c) as kplus.Capability);
  const capabilities = add.length > 0 || drop.length > 0 ? { ...add.length > 0 ? { add } : {}, ...drop.length > 0 ? { drop } : {} } : undefined;
  return {
    // Set only when a non-root user is given: the image's own user may be root.
    ensureNonRoot: o.runAsUser !== undefined && o.runAsUser !== 0,
    user: o.runAsUser,
    group: o.runAsGroup ?? o.runAsUser,
    readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? false,
    privileged,
    capabilities,
    // A privileged container runs unconfined, as Docker runs it.
    seccompProfile: privileged ? undefined : seccompProfile,
    ...extra,
  };
}

/**
 * Takes out of a rendered container security context what a level weaker than RESTRICTED leaves
 * to the image and the runtime: `runAsNonRoot: false` (the image's user decides) and
 * `allowPrivilegeEscalation` unless it was asked for (setuid binaries and file capabilities work,
 * as under Docker). Returns the context.
 */
export function finishSecurityContext(level: PodSecurityLevel, rendered: any, extra: kplus.ContainerSecurityContextProps = {}): any {
  if (!rendered || level === PodSecurityLevel.RESTRICTED) return rendered;
  if (rendered.runAsNonRoot === false && extra.ensureNonRoot === undefined) delete rendered.runAsNonRoot;
  if (extra.allowPrivilegeEscalation === undefined) delete rendered.allowPrivilegeEscalation;
  return rendered;
}

/**
 * A container security context that passes restricted Pod Security (what cdk8s-plus leaves out:
 * a numeric user, all capabilities dropped, seccomp RuntimeDefault), with `props` on top.
 */
export function restrictedSecurityContext(props: kplus.ContainerSecurityContextProps = {}): kplus.ContainerSecurityContextProps {
  return containerSecurityContext({ runAsUser: props.user, runAsGroup: props.group }, DOTNET_APP_UID, props);
}

/** The sysctls the baseline standard allows (the safe set of the kubelet). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);

/** Every container of a pod spec: regular, init and ephemeral. */
function allContainers(podSpec: any): any[] {
  return [...podSpec?.containers ?? [], ...podSpec?.initContainers ?? [], ...podSpec?.ephemeralContainers ?? []];
}

/** What both standards forbid and the restricted checks below do not already say. */
function sharedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const unsafe = (podSpec?.securityContext?.sysctls ?? []).map((s: any) => s.name).filter((n: string) => !SAFE_SYSCTLS.has(n));
  if (unsafe.length > 0) problems.push(`the pod sets unsafe sysctls ${unsafe.join(', ')}`);
  for (const c of allContainers(podSpec)) {
    const ctx = c.securityContext ?? {};
    if (ctx.procMount !== undefined && ctx.procMount !== 'Default') problems.push(`container "${c.name}" sets procMount ${ctx.procMount}`);
    if (ctx.seLinuxOptions?.user || ctx.seLinuxOptions?.role) problems.push(`container "${c.name}" sets a SELinux user or role`);
    if (ctx.windowsOptions?.hostProcess) problems.push(`container "${c.name}" is a Windows host process`);
  }
  return problems;
}

/**
 * The "baseline" Pod Security Standard, as the pod security admission controller checks it.
 * Returns what a pod spec breaks; empty when it passes.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export function baselineViolations(podSpec: any): string[] {
  const problems: string[] = [];
  for (const v of podSpec?.volumes ?? []) if (v.hostPath) problems.push(`volume "${v.name}" is a hostPath`);
  if (podSpec?.hostNetwork || podSpec?.hostPID || podSpec?.hostIPC) problems.push('the pod uses host namespaces');
  if (podSpec?.securityContext?.seccompProfile?.type === 'Unconfined') problems.push('the pod has seccompProfile Unconfined');
  for (const c of allContainers(podSpec)) {
    const ctx = c.securityContext ?? {};
    const name = `container "${c.name}"`;
    if (ctx.privileged) problems.push(`${name} is privileged`);
    const added = (ctx.capabilities?.add ?? []).filter((a: string) => !BASELINE_CAPABILITIES.includes(a));
    if (added.length > 0) problems.push(`${name} adds capabilities ${added.join(', ')}`);
    if (ctx.seccompProfile?.type === 'Unconfined') problems.push(`${name} has seccompProfile Unconfined`);
    for (const p of c.ports ?? []) if (p.hostPort) problems.push(`${name} uses hostPort ${p.hostPort}`);
  }
  return [...problems, ...sharedViolations(podSpec)];
}

/**
 * The "restricted" Pod Security Standard, as the pod security admission controller checks it.
 * Returns what a pod spec breaks; empty when it passes.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const podCtx = podSpec?.securityContext ?? {};
  const allowedVolumes = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
  for (const v of podSpec?.volumes ?? []) {
    const types = Object.keys(v).filter(k => k !== 'name');
    const banned = types.filter(t => !allowedVolumes.includes(t));
    if (banned.length > 0) problems.push(`volume "${v.name}" is of type ${banned.join(', ')} (use a PersistentVolumeClaim)`);
  }
  if (podSpec?.hostNetwork || podSpec?.hostPID || podSpec?.hostIPC) problems.push('the pod uses host namespaces');
  for (const c of allContainers(podSpec)) {
    const ctx = c.securityContext ?? {};
    const name = `container "${c.name}"`;
    if (ctx.privileged) problems.push(`${name} is privileged`);
    if (ctx.allowPrivilegeEscalation !== false) problems.push(`${name} does not set allowPrivilegeEscalation: false`);
    if (!(ctx.runAsNonRoot ?? podCtx.runAsNonRoot)) problems.push(`${name} does not set runAsNonRoot: true`);
    if ((ctx.runAsUser ?? podCtx.runAsUser) === 0) problems.push(`${name} runs as user 0`);
    const seccomp = (ctx.seccompProfile ?? podCtx.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${name} has no seccompProfile RuntimeDefault`);
    if (!(ctx.capabilities?.drop ?? []).includes('ALL')) problems.push(`${name} does not drop ALL capabilities`);
    const added = (ctx.capabilities?.add ?? []).filter((a: string) => a !== 'NET_BIND_SERVICE');
    if (added.length > 0) problems.push(`${name} adds capabilities ${added.join(', ')}`);
    for (const p of c.ports ?? []) if (p.hostPort) problems.push(`${name} uses hostPort ${p.hostPort}`);
  }
  return [...problems, ...sharedViolations(podSpec)];
}

/** What a pod spec breaks of the standard of `level` (nothing for PRIVILEGED). */
export function podSecurityViolations(level: PodSecurityLevel, podSpec: any): string[] {
  if (level === PodSecurityLevel.RESTRICTED) return restrictedViolations(podSpec);
  if (level === PodSecurityLevel.BASELINE) return baselineViolations(podSpec);
  return [];
}
