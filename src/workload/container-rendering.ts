/**
 * What the library adds to a rendered pod spec that cdk8s-plus cannot express: HealthProbes (HTTP
 * headers, checked timing) and the security context of each container's Pod Security level. Every
 * workload of the library (ProbedDeployment, the stack's StatefulSets and Jobs) renders through it.
 */
import * as kplus from 'cdk8s-plus-28';
import { HealthProbe } from './health-probe';
import { finishSecurityContext, PodSecurityLevel, weakestLevel } from '../core/pod-security';

/** The probes of one container, each optional. */
export interface ContainerProbes {
  readonly liveness?: HealthProbe;
  readonly readiness?: HealthProbe;
  readonly startup?: HealthProbe;
}

/** What is rendered into one container besides what cdk8s-plus writes. */
export interface ContainerExtras {
  /** The container's Pod Security level. */
  readonly level: PodSecurityLevel;
  /** The raw security props the user put on top of the level's (what they set stays). */
  readonly extra?: kplus.ContainerSecurityContextProps;
  /** Its probes. */
  readonly probes?: ContainerProbes;
  /** The port a probe without one calls: the container's main port. */
  readonly port?: number;
}

/** The pod's level: the weakest level of its containers. */
export function podLevel(extras: ReadonlyMap<string, ContainerExtras>): PodSecurityLevel {
  return weakestLevel([...extras.values()].map(x => x.level));
}

/**
 * Renders probes and finishes security contexts, container by container (by name), and takes the
 * pod-level `runAsNonRoot` away when a container may run as the image's own (possibly root)
 * user, unless the pod's security context asked for it.
 *
 * @param podNonRootAsked whether `securityContext.ensureNonRoot` was given for the pod
 */
export function finishPodSpec(podSpec: any, extras: ReadonlyMap<string, ContainerExtras>, podNonRootAsked = false): void {
  for (const container of [...podSpec.containers ?? [], ...podSpec.initContainers ?? []]) {
    const x = extras.get(container.name);
    if (!x) continue;
    const probes = x.probes ?? {};
    if (probes.liveness) container.livenessProbe = probes.liveness._toKube(x.port);
    if (probes.readiness) container.readinessProbe = probes.readiness._toKube(x.port);
    if (probes.startup) container.startupProbe = probes.startup._toKube(x.port);
    finishSecurityContext(x.level, container.securityContext, x.extra);
  }
  if (podLevel(extras) !== PodSecurityLevel.RESTRICTED && !podNonRootAsked && podSpec.securityContext) {
    delete podSpec.securityContext.runAsNonRoot;
  }
}
