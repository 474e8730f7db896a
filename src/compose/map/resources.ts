import { ComposeServiceModel } from '../model';
import { MapContext } from './context';
import { ResourcesPlan } from './plan';

/**
 * CPU and memory as compose says them: `deploy.resources.limits`/`reservations`, else `cpus`,
 * `mem_limit`, `mem_reservation`. A request above its limit is lowered to the limit, with a warning
 * (Kubernetes refuses it, compose does not).
 */
export function mapResources(ctx: MapContext, svc: ComposeServiceModel): ResourcesPlan {
  const limits = svc.deploy?.limits;
  const reservations = svc.deploy?.reservations;
  const millis = (cpus: number | undefined) => (cpus === undefined || cpus <= 0 ? undefined : Math.max(1, Math.round(cpus * 1000)));
  const positive = (n: number | undefined) => (n === undefined || n <= 0 ? undefined : n);
  const cpuLimitMillis = millis(limits?.cpus ?? svc.cpus);
  const memoryLimitBytes = positive(limits?.memoryBytes ?? svc.memLimitBytes);
  let cpuRequestMillis = millis(reservations?.cpus);
  let memoryRequestBytes = positive(reservations?.memoryBytes ?? svc.memReservationBytes);
  if (cpuRequestMillis !== undefined && cpuLimitMillis !== undefined && cpuRequestMillis > cpuLimitMillis) {
    ctx.warn(svc, ['deploy', 'resources', 'reservations', 'cpus'], 'is above the limit: the request is lowered to the limit (Kubernetes refuses a request above its limit)');
    cpuRequestMillis = cpuLimitMillis;
  }
  if (memoryRequestBytes !== undefined && memoryLimitBytes !== undefined && memoryRequestBytes > memoryLimitBytes) {
    ctx.warn(svc, ['deploy', 'resources', 'reservations', 'memory'], 'is above the limit: the request is lowered to the limit (Kubernetes refuses a request above its limit)');
    memoryRequestBytes = memoryLimitBytes;
  }
  for (const [which, r] of [['limits', limits], ['reservations', reservations]] as const) {
    if (r?.pids !== undefined) ctx.warn(svc, ['deploy', 'resources', which, 'pids'], 'is not mapped: Kubernetes limits processes per node (the kubelet\'s podPidsLimit), not per container');
    for (const k of r?.otherKeys ?? []) ctx.warn(svc, ['deploy', 'resources', which, k], 'is not mapped: request devices (GPUs) through the cluster\'s device plugin resources by hand');
  }
  if (svc.pidsLimit !== undefined) ctx.warn(svc, ['pids_limit'], 'is not mapped: Kubernetes limits processes per node (the kubelet\'s podPidsLimit), not per container');
  return { cpuLimitMillis, cpuRequestMillis, memoryLimitBytes, memoryRequestBytes };
}
