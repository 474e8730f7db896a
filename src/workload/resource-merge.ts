/**
 * Resources given piece by piece: a container's `cpu` or `memory` replaces that part of the
 * defaults, the part it leaves out keeps the default. Shared by the workloads and the stack; not
 * part of the public API.
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PropProblem } from '../core/errors';

/** The resources: `given`'s cpu and memory where it names them, the defaults' otherwise. */
export function mergeResources(given: kplus.ContainerResources | undefined, defaults: kplus.ContainerResources): kplus.ContainerResources {
  if (given === undefined) return defaults;
  const cpu = given.cpu ?? defaults.cpu;
  const memory = given.memory ?? defaults.memory;
  return { ...cpu !== undefined ? { cpu } : {}, ...memory !== undefined ? { memory } : {} };
}

/**
 * What is wrong with resources: a request above its limit, which Kubernetes refuses.
 *
 * @param prop where the resources sit, such as `resources` or `addService("web").resources`
 */
export function resourcesProblems(r: kplus.ContainerResources | undefined, prop: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const cpu = r?.cpu;
  if (cpu?.request?.amount !== undefined && cpu.limit?.amount !== undefined && millis(cpu.request.amount) > millis(cpu.limit.amount)) {
    problems.push({ prop: `${prop}.cpu.request`, rule: `must not be above the limit (${cpu.limit.amount})`, value: cpu.request.amount, fix: 'lower the request or raise the limit' });
  }
  const memory = r?.memory;
  if (memory?.request && memory.limit && kib(memory.request) > kib(memory.limit)) {
    problems.push({ prop: `${prop}.memory.request`, rule: `must not be above the limit (${memory.limit.asString()})`, value: memory.request.asString(), fix: 'lower the request or raise the limit' });
  }
  return problems;
}

/** A CPU amount (`250m`, `0.5`, `2`) in millicores. */
function millis(amount: string): number {
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
}

function kib(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}
