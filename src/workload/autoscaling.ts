import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { AutoscaleOptions } from './workload-options';
import { Fail, propError } from '../core/errors';

/** The fewest replicas of an autoscaled workload when `minReplicas` is not given. */
const DEFAULT_MIN_REPLICAS = 2;

/** The replicas of a workload that is neither given `replicas` nor autoscaled (kplus renders 2). */
const DEFAULT_REPLICAS = 2;

/** The CPU target when neither target is given. */
const DEFAULT_CPU_UTILIZATION = 70;

/** The advice given with a bad `minReplicas`. */
const MIN_REPLICAS_FIX = 'use 2 or more for availability; scale to zero with replicas: 0 instead of an autoscaler';

/** The fewest replicas the autoscaler keeps. */
export function autoscaleMinReplicas(options: AutoscaleOptions): number {
  return options.minReplicas ?? DEFAULT_MIN_REPLICAS;
}

/**
 * The fewest pods a workload runs: the autoscaler's minimum when it is autoscaled, else its fixed
 * `replicas`. What the PodDisruptionBudget and the topology spread are decided on.
 */
export function minimumReplicas(replicas: number | undefined, autoscale: AutoscaleOptions | undefined): number {
  return autoscale ? autoscaleMinReplicas(autoscale) : replicas ?? DEFAULT_REPLICAS;
}

/**
 * Throws when a fixed replica count is set beside an autoscaler, which owns the count.
 *
 * @param context where the count must not be set, as the rule says it
 */
export function checkNotAutoscaled(replicas: number | undefined, fail: Fail, context = 'on an autoscaled deployment'): void {
  if (replicas !== undefined) {
    throw fail({
      prop: 'replicas',
      rule: `must not be set ${context} (the autoscaler owns the replica count)`,
      value: replicas,
      fix: 'drop replicas and set autoscale.minReplicas instead',
    });
  }
}

/**
 * Throws the error of the first autoscaling option that is out of range: replica bounds, then
 * utilization targets.
 *
 * @param minReplicasFix the fix offered for a bad `minReplicas`
 */
export function checkAutoscaleOptions(scope: IConstruct | string, type: string, options: AutoscaleOptions, minReplicasFix = MIN_REPLICAS_FIX): void {
  const minReplicas = autoscaleMinReplicas(options);
  if (!Number.isInteger(minReplicas) || minReplicas < 1) {
    throw propError(scope, type, {
      prop: 'autoscale.minReplicas', rule: 'must be an integer of at least 1', value: minReplicas, fix: minReplicasFix,
    });
  }
  if (!Number.isInteger(options.maxReplicas) || options.maxReplicas < minReplicas) {
    throw propError(scope, type, {
      prop: 'autoscale.maxReplicas',
      rule: `must be an integer not below minReplicas (${minReplicas})`,
      value: options.maxReplicas,
      fix: 'raise maxReplicas or lower minReplicas',
    });
  }
  for (const key of ['cpuUtilization', 'memoryUtilization'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) {
      const rule = 'must be a whole percentage from 1 to 100';
      throw propError(scope, type, { prop: `autoscale.${key}`, rule, value, fix: 'pass a target such as 70' });
    }
  }
}

/** The autoscaler's metrics: average CPU and/or memory use (CPU at 70% when neither is given). */
function autoscaleMetrics(options: AutoscaleOptions): kplus.Metric[] {
  const cpu = options.cpuUtilization ?? (options.memoryUtilization === undefined ? DEFAULT_CPU_UTILIZATION : undefined);
  const metrics: kplus.Metric[] = [];
  if (cpu !== undefined) metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu)));
  if (options.memoryUtilization !== undefined) {
    metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(options.memoryUtilization)));
  }
  return metrics;
}

/**
 * An autoscaling/v2 HorizontalPodAutoscaler of `target` with the options' bounds and metrics.
 * The target is any `kplus.IScalable`: a Deployment, or a release's Argo Rollout.
 */
export function createAutoscaler(scope: Construct, id: string, target: kplus.IScalable, options: AutoscaleOptions): kplus.HorizontalPodAutoscaler {
  return new kplus.HorizontalPodAutoscaler(scope, id, {
    target,
    minReplicas: autoscaleMinReplicas(options),
    maxReplicas: options.maxReplicas,
    metrics: autoscaleMetrics(options),
  });
}
