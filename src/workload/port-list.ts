/**
 * Lists of {@link ServicePort}s: their defaults, their main port and their checks. Shared by the
 * workloads and the stack; not part of the public API.
 */
import * as kplus from 'cdk8s-plus-28';
import { ServicePort } from './service-port';
import { PropProblem } from '../core/errors';
import { portNameProblem, portNumberProblem } from '../core/names';

/** A port with every default filled in. */
export interface ResolvedPort {
  readonly port: number;
  readonly protocol: kplus.Protocol;
  readonly name: string;
}

/** The ports with their defaults: TCP, and the name `<protocol>-<port>`. */
export function resolvePorts(ports: ServicePort[]): ResolvedPort[] {
  return ports.map(p => {
    const protocol = p.protocol ?? kplus.Protocol.TCP;
    return { port: p.port, protocol, name: p.name ?? `${protocol.toLowerCase()}-${p.port}` };
  });
}

/** The main port of a list: the first TCP one, which probes and service URLs use. */
export function mainPortOf(ports: ResolvedPort[]): number | undefined {
  return ports.find(p => p.protocol === kplus.Protocol.TCP)?.port;
}

/**
 * What is wrong with a list of ports: numbers, protocols and names, and no number, protocol or
 * name twice.
 *
 * @param prop where the list sits, such as `ports` or `sidecars[0].ports`
 */
export function portListProblems(ports: ServicePort[], prop: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const seen = new Map<string, number>();
  const names = new Map<string, number>();
  resolvePorts(ports).forEach((p, i) => {
    const at = `${prop}[${i}]`;
    if (portNumberProblem(p.port)) {
      problems.push({ prop: `${at}.port`, rule: 'must be an integer from 1 to 65535', value: p.port, fix: 'pass the port the container listens on' });
    }
    if (!Object.values(kplus.Protocol).includes(p.protocol)) {
      problems.push({ prop: `${at}.protocol`, rule: 'must be TCP, UDP or SCTP', value: p.protocol, fix: 'pass kplus.Protocol.TCP, UDP or SCTP' });
    }
    const nameProblem = portNameProblem(p.name);
    if (nameProblem) problems.push({ prop: `${at}.name`, rule: nameProblem, value: p.name, fix: 'use a short lowercase name such as "http" or "grpc"' });
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) {
      problems.push({ prop: `${at}.port`, rule: `must be listed once per protocol (${prop}[${seen.get(key)}] has it too)`, value: key, fix: 'drop the repeated port' });
    }
    if (names.has(p.name)) {
      problems.push({ prop: `${at}.name`, rule: `must be unique (${prop}[${names.get(p.name)}] has it too)`, value: p.name, fix: 'give each port its own name' });
    }
    seen.set(key, i);
    names.set(p.name, i);
  });
  return problems;
}
