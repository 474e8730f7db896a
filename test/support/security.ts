/**
 * The "restricted" Pod Security Standard, as the pod security admission controller checks it,
 * for the fields our constructs set. Returns what a pod spec breaks.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const podCtx = podSpec.securityContext ?? {};
  const containers = [...podSpec.containers ?? [], ...podSpec.initContainers ?? []];
  for (const v of podSpec.volumes ?? []) {
    const allowed = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
    const types = Object.keys(v).filter(k => k !== 'name');
    if (!types.every(t => allowed.includes(t))) problems.push(`volume ${v.name} uses ${types.join(', ')}`);
  }
  if (podSpec.hostNetwork || podSpec.hostPID || podSpec.hostIPC) problems.push('host namespaces');
  for (const c of containers) {
    const ctx = c.securityContext ?? {};
    if (ctx.privileged) problems.push(`${c.name}: privileged`);
    if (ctx.allowPrivilegeEscalation !== false) problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
    if (!(ctx.runAsNonRoot ?? podCtx.runAsNonRoot)) problems.push(`${c.name}: runAsNonRoot is not true`);
    if ((ctx.runAsUser ?? podCtx.runAsUser) === 0) problems.push(`${c.name}: runAsUser is 0`);
    const seccomp = (ctx.seccompProfile ?? podCtx.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${c.name}: seccompProfile is ${seccomp}`);
    const drop: string[] = ctx.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) problems.push(`${c.name}: capabilities.drop does not include ALL`);
    const add: string[] = ctx.capabilities?.add ?? [];
    if (add.some(a => a !== 'NET_BIND_SERVICE')) problems.push(`${c.name}: adds capabilities ${add.join(', ')}`);
    for (const p of c.ports ?? []) if (p.hostPort) problems.push(`${c.name}: hostPort ${p.hostPort}`);
  }
  return problems;
}
