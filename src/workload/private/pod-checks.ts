import * as kplus from 'cdk8s-plus-28';
import { envNameProblem } from './prop-checks';
import { PropProblem } from '../../core/errors';
import { portNameProblem } from '../../core/names';
import { ContainerLike, containerExposesPort, podExposesPort } from '../../validation/pod-ports';
import { ContainerExtras } from '../container-rendering';

/** The pod of a ProbedDeployment, as its synth-time checks see it. */
export interface CheckedPod {
  readonly containers: kplus.Container[];
  readonly mainContainer: kplus.Container;
  /** The main container's port, where probes and Services go by default. */
  readonly port?: number;
  /** The probes and levels of the containers, by name. */
  readonly extras: ReadonlyMap<string, ContainerExtras>;
  readonly service?: kplus.Service;
}

/**
 * Rules over the whole pod, checked at synth because containers can be added later: ports and
 * environment names of every container, then probe ports, then the Service's target ports.
 */
export function podProblems(pod: CheckedPod): PropProblem[] {
  // The container that listens first on each port/protocol: containers share the pod's network.
  const owners = new Map<string, string>();
  return [
    ...pod.containers.flatMap(c => containerProblems(c, owners)),
    ...probePortProblems(pod),
    ...targetPortProblems(pod),
  ];
}

function containerProblems(container: kplus.Container, owners: Map<string, string>): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const p of container.ports) {
    const key = `${p.number}/${p.protocol ?? 'TCP'}`;
    const first = owners.get(key);
    if (first === undefined) {
      owners.set(key, container.name);
    } else {
      problems.push({
        prop: `containers.${container.name}.ports`,
        rule: `must not reuse a port of another container of the pod: "${first}" and "${container.name}" both listen on ${p.number}`,
        value: p.number,
        fix: 'containers of one pod share its network namespace; move one of them to another port',
      });
    }
    const nameProblem = p.name !== undefined ? portNameProblem(p.name) : undefined;
    if (nameProblem) {
      const fix = 'use a short lowercase name such as "http"';
      problems.push({ prop: `containers.${container.name}.ports.name`, rule: nameProblem, value: p.name, fix });
    }
  }
  for (const name of Object.keys(container.env.variables)) {
    const problem = envNameProblem(`containers.${container.name}.env`, name);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Each probe calls a port of its own container (the main one's, or a sidecar's). */
function probePortProblems(pod: CheckedPod): PropProblem[] {
  return pod.containers.flatMap(container => {
    const x = pod.extras.get(container.name);
    const prefix = container === pod.mainContainer ? '' : `sidecars.${container.name}.`;
    const probes = Object.entries(x?.probes ?? {}).filter(([, probe]) => probe !== undefined);
    const ports = container.ports.map(p => p.number);
    return probes.flatMap(([name, probe]): PropProblem[] => {
      // An exec probe calls no port.
      if (probe!.portFor(0) === undefined) return [];
      const port = probe!.portFor(x?.port);
      if (port === undefined) {
        return [{
          prop: `${prefix}${name}`,
          rule: `must name a port: container "${container.name}" listens on no TCP port`,
          value: probe!._kind,
          fix: 'pass the port to the probe, give the container a TCP port, or use HealthProbe.exec(...) or HealthChecks.none()',
        }];
      }
      if (containerExposesPort(asManifest(container), port)) return [];
      return [{
        prop: `${prefix}${name}`,
        rule: `must probe a port of container "${container.name}" (${ports.join(', ')})`,
        value: port,
        fix: x?.port !== undefined ? `probe port ${x.port}, or add port ${port} to the container` : `add port ${port} to the container`,
      }];
    });
  });
}

function targetPortProblems(pod: CheckedPod): PropProblem[] {
  if (!pod.service) return [];
  const allPorts = pod.containers.flatMap(c => c.ports.map(p => p.number));
  return pod.service.ports
    .map(p => p.targetPort ?? p.port)
    .filter(target => !podExposesPort({ containers: pod.containers.map(asManifest) }, target))
    .map(target => ({
      prop: 'exposure.ports.targetPort',
      rule: `must be a port of a container of the pod (${allPorts.join(', ')})`,
      value: target,
      fix: pod.port !== undefined ? `send traffic to port ${pod.port}, or add port ${target} to a container` : `add port ${target} to a container`,
    }));
}

/** A container's ports as a manifest writes them, for the rules shared with the manifest checks. */
function asManifest(container: kplus.Container): ContainerLike {
  return { ports: container.ports.map(p => ({ containerPort: p.number, name: p.name })) };
}
