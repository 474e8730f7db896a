import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NodePortRegistry } from './private/node-port-registry';
import { ExposedPort, ServiceExposure } from './service-exposure';
import { Fail, propError, PropProblem, validationMessage } from '../core/errors';
import { dns1035LabelProblem, portNameProblem, portNumberProblem, toDns1035Label } from '../core/names';

/** The lowest port Kubernetes allocates for NodePort Services by default. */
const NODE_PORT_MIN = 30000;
/** The highest port Kubernetes allocates for NodePort Services by default. */
const NODE_PORT_MAX = 32767;

/**
 * Creates the Service of an exposure, after checking names, ports and node ports.
 *
 * @param defaults what the Service's ports are when the exposure names none: the workload's main
 * port (one port "http", 80 to it), or every port of the workload, each with its own number
 */
export function createService(
  scope: Construct, id: string, selector: kplus.IPodSelector | undefined, exposure: ServiceExposure,
  defaults: number | ExposedPort[] | undefined, name: string | undefined, type: string, extra: Partial<kplus.ServiceProps> = {},
): kplus.Service {
  const where = `${scope.node.path}/${id}`;
  if (name !== undefined) {
    const problem = dns1035LabelProblem(name);
    if (problem) {
      throw propError(where, type, {
        prop: 'name',
        rule: problem,
        value: name,
        fix: `Service names become DNS names; use a lowercase name such as "${toDns1035Label(name)}"`,
      });
    }
  }
  const ports = portsOf(exposure, defaults);
  checkPorts(where, type, exposure, ports);

  const service = new kplus.Service(scope, id, {
    // Only set keys that have values: an explicit `name: undefined` would hide cdk8s's generated name.
    metadata: {
      ...name !== undefined ? { name } : {},
      ...Object.keys(exposure.annotations).length > 0 ? { annotations: exposure.annotations } : {},
    },
    type: exposure.type,
    selector,
    ports: ports.map(p => ({ port: p.port, targetPort: p.targetPort, name: p.name, protocol: p.protocol, nodePort: p.nodePort })),
    loadBalancerSourceRanges: exposure.sourceRanges,
    ...extra,
  });
  for (const p of ports) {
    if (p.nodePort !== undefined) registerNodePort(service, type, p.nodePort);
  }
  return service;
}

/** The exposure's ports with defaults filled in; its own ports win over the workload's. */
function portsOf(exposure: ServiceExposure, defaults: number | ExposedPort[] | undefined): ExposedPort[] {
  if (Array.isArray(defaults)) {
    if (exposure.ports && exposure.ports.length > 0 && defaults.length > 0) return exposure.portsFor(defaults[0].targetPort ?? defaults[0].port);
    return defaults.map((p, i) => ({ ...p, nodePort: p.nodePort ?? (i === 0 ? exposure.requestedNodePort : undefined) }));
  }
  if (typeof defaults === 'number') return exposure.portsFor(defaults);
  return (exposure.ports ?? []).map(p => ({ ...p, protocol: p.protocol ?? kplus.Protocol.TCP }));
}

function checkPorts(where: string, type: string, exposure: ServiceExposure, ports: ExposedPort[]): void {
  const fail = (problem: PropProblem) => propError(where, type, problem);
  const names = new Map<string, number>();
  ports.forEach((p, i) => {
    checkPortNumbers(p, i, fail);
    checkPortName(p, i, ports.length, names, fail);
    if (p.nodePort !== undefined) checkNodePort(p.nodePort, i, exposure, fail);
  });
}

function checkPortNumbers(p: ExposedPort, i: number, fail: Fail): void {
  const portProblem = portNumberProblem(p.port);
  if (portProblem) {
    throw fail({ prop: `ports[${i}].port`, rule: portProblem, value: p.port, fix: 'pass the port clients connect to, such as 80' });
  }
  if (p.targetPort !== undefined && portNumberProblem(p.targetPort)) {
    const fix = 'pass the container port, such as 8080';
    throw fail({ prop: `ports[${i}].targetPort`, rule: 'must be an integer from 1 to 65535', value: p.targetPort, fix });
  }
}

/** A valid name, unique among the Service's ports (`names` holds the ones seen), and required with several ports. */
function checkPortName(p: ExposedPort, i: number, count: number, names: Map<string, number>, fail: Fail): void {
  if (p.name === undefined) {
    if (count > 1) {
      const fix = 'name every port, for example "http" and "grpc"';
      throw fail({ prop: `ports[${i}].name`, rule: 'is required when a Service has several ports', value: p.name, fix });
    }
    return;
  }
  const nameProblem = portNameProblem(p.name);
  if (nameProblem) {
    throw fail({ prop: `ports[${i}].name`, rule: nameProblem, value: p.name, fix: 'use a short lowercase name such as "http" or "grpc"' });
  }
  const first = names.get(p.name);
  if (first !== undefined) {
    const rule = `must be unique among the Service's ports (ports[${first}] has it too)`;
    throw fail({ prop: `ports[${i}].name`, rule, value: p.name, fix: 'give each port its own name' });
  }
  names.set(p.name, i);
}

function checkNodePort(nodePort: number, i: number, exposure: ServiceExposure, fail: Fail): void {
  if (exposure.type !== kplus.ServiceType.NODE_PORT && exposure.type !== kplus.ServiceType.LOAD_BALANCER) {
    throw fail({
      prop: `ports[${i}].nodePort`,
      rule: `is only allowed on NodePort and LoadBalancer Services (this one is ${exposure.type})`,
      value: nodePort,
      fix: 'use ServiceExposure.nodePort(...) or drop nodePort',
    });
  }
  if (!Number.isInteger(nodePort) || nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
    throw fail({
      prop: i === 0 && exposure.requestedNodePort !== undefined ? 'nodePort' : `ports[${i}].nodePort`,
      rule: `must be an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX}`,
      value: nodePort,
      fix: `pick a port in ${NODE_PORT_MIN}-${NODE_PORT_MAX}, or omit it and let Kubernetes choose`,
    });
  }
}

/** Records a node port so two Services of one app cannot claim it (checked at synth). */
function registerNodePort(service: kplus.Service, type: string, nodePort: number): void {
  const registry = NodePortRegistry.of(service);
  const use = registry.register(service, nodePort);
  service.node.addValidation({
    validate: () => {
      const others = registry.othersOf(use);
      if (others.length === 0) return [];
      return [validationMessage(type, {
        prop: 'nodePort',
        rule: `must be unique in the app, but ${others.map(o => o.node.path).join(', ')} uses it too`,
        value: nodePort,
        fix: 'give each NodePort Service its own port',
      })];
    },
  });
}
