import * as kplus from 'cdk8s-plus-28';

/**
 * The "restricted" Pod Security Standard, as the pod security admission controller checks it.
 * Returns what a pod spec breaks; empty when it passes.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const podCtx = podSpec?.securityContext ?? {};
  const containers = [...podSpec?.containers ?? [], ...podSpec?.initContainers ?? [], ...podSpec?.ephemeralContainers ?? []];
  const allowedVolumes = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
  for (const v of podSpec?.volumes ?? []) {
    const types = Object.keys(v).filter(k => k !== 'name');
    const banned = types.filter(t => !allowedVolumes.includes(t));
    if (banned.length > 0) problems.push(`volume "${v.name}" is of type ${banned.join(', ')} (use a PersistentVolumeClaim)`);
  }
  if (podSpec?.hostNetwork || podSpec?.hostPID || podSpec?.hostIPC) problems.push('the pod uses host namespaces');
  for (const c of containers) {
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
  return problems;
}

/**
 * A container security context that passes restricted Pod Security (what cdk8s-plus leaves out:
 * all capabilities dropped, seccomp RuntimeDefault), with `props` on top.
 */
export function restrictedSecurityContext(props: kplus.ContainerSecurityContextProps = {}): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: [kplus.Capability.ALL] },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    ...props,
  };
}
