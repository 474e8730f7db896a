/**
 * Pod Security across the stack: the pod-level security context of a workload, the level its
 * namespace must enforce, and the `requireRestricted` check.
 */
import * as kplus from 'cdk8s-plus-28';
import { sysctlsOf } from './pod-extras';
import { StackMember } from './stack-context';
import { PropProblem } from '../../core/errors';
import { PodSecurityLevel, weakestLevel } from '../../core/pod-security';
import { StackWorkloadOptions } from '../container-options';

/**
 * The pod's security context: non-root with the main container's user under RESTRICTED (the
 * image's own user otherwise), and the group that owns its claims' files when it mounts any.
 *
 * @param podUser also set the user and group at the pod level (backing services always have)
 */
export function podSecurityContextOf(
  options: StackWorkloadOptions, defaultUser: number, claims: boolean, podUser = false,
): kplus.PodSecurityContextProps {
  const restricted = (options.podSecurity ?? PodSecurityLevel.RESTRICTED) === PodSecurityLevel.RESTRICTED;
  const user = options.runAsUser ?? (restricted ? defaultUser : undefined);
  const group = options.runAsGroup ?? user;
  const fsGroup = options.fsGroup ?? (claims ? group : undefined);
  // runAsNonRoot is left to the workload, which takes it away when a container may run as the image's own user.
  const sysctls = sysctlsOf(options);
  return {
    ...podUser && restricted ? { user, group } : {},
    ...fsGroup !== undefined ? { fsGroup, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH } : {},
    ...sysctls ? { sysctls } : {},
  };
}

/** The level the namespace enforces: the weakest any workload of the stack needs. */
export function namespaceLevel(members: Iterable<StackMember>): PodSecurityLevel {
  return weakestLevel([...members].map(m => m.podSecurity));
}

/** With `requireRestricted`, every workload that is not RESTRICTED, in one problem. */
export function requireRestrictedProblem(members: Iterable<StackMember>): PropProblem | undefined {
  const weaker = [...members].filter(m => m.podSecurity !== PodSecurityLevel.RESTRICTED);
  if (weaker.length === 0) return undefined;
  return {
    prop: 'requireRestricted',
    rule: `must hold for every workload, but ${weaker.map(m => `${m.method}("${m.name}") is ${m.podSecurity}`).join(', ')}`,
    value: true,
    fix: 'run each of them restricted (a numeric non-root runAsUser, readOnlyRootFilesystem with writablePaths for what it writes, '
      + 'no capabilities but NET_BIND_SERVICE), or drop requireRestricted',
  };
}
