import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { propError } from '../../core/errors';
import { dns1035LabelProblem } from '../../core/names';
import { AutoscaleOptions, ProbedDeployment } from '../../workload/probed-deployment';
import { ServiceExposure } from '../../workload/service-exposure';
import type { ReleaseWorkloadOptions } from '../canary-release';

/**
 * What canary and blue-green releases share: the labels that tie the two versions of one
 * microservice together, the two tracks' ProbedDeployments, and the Argo Rollouts renderer.
 */

/** On every pod of a release, both versions: what a Service selecting the whole release matches. */
export const RELEASE_LABEL = 'k8s-course-constructs/release';
/** "stable" or "canary" on the pods of a canary release (never in a selector). */
export const TRACK_LABEL = 'k8s-course-constructs/track';
/** "blue" or "green" on the pods of a blue-green release (never in a selector). */
export const SLOT_LABEL = 'k8s-course-constructs/slot';

/** How one track of a release differs from the other. */
export interface TrackSpec {
  readonly image: string;
  /** Fixed replicas; undefined when autoscaled. */
  readonly replicas?: number;
  readonly autoscale?: AutoscaleOptions;
  readonly labels: { [key: string]: string };
  readonly name?: string;
}

/**
 * One version of a release: a ProbedDeployment with everything the two versions share. Its
 * selector is cdk8s's own per-Deployment address label, which depends only on the construct
 * path, so no prop of a release ever changes it.
 */
export function createTrack(scope: Construct, id: string, options: ReleaseWorkloadOptions, track: TrackSpec): ProbedDeployment {
  // Every workload option is shared; the release owns the Service (exposure, serviceName) and the
  // replica count of each track.
  const deployment = new ProbedDeployment(scope, id, {
    ...options,
    exposure: undefined,
    serviceName: undefined,
    metadata: track.name ? { name: track.name } : undefined,
    podMetadata: { labels: track.labels },
    image: track.image,
    replicas: track.replicas,
  });
  if (track.autoscale) deployment.autoscale(track.autoscale);
  return deployment;
}

/**
 * Takes a track's Deployment object out of the output, for Argo Rollouts mode: the Rollout runs
 * the pods from a copy of its pod template. The ProbedDeployment construct stays (its checks,
 * PodDisruptionBudget and `mainContainer` keep working); only the Deployment object is not written.
 */
export function detachDeployment(deployment: ProbedDeployment): void {
  const object = ApiObject.of(deployment);
  DETACHED.set(deployment, object);
  deployment.node.tryRemoveChild(object.node.id);
}

/** The rendered Deployment of a track (detached or not), as plain JSON. */
export function renderedDeployment(deployment: ProbedDeployment): any {
  return (DETACHED.get(deployment) ?? ApiObject.of(deployment)).toJson();
}

const DETACHED = new WeakMap<ProbedDeployment, ApiObject>();

/**
 * An object name made of the Service name and a suffix (`catalog-canary`). Names of Services are
 * DNS-1035 labels (at most 63 characters); Deployment names may be longer.
 */
export function suffixedName(where: IConstruct, type: string, serviceName: string | undefined, suffix: string, kind: 'Service' | 'Deployment'): string | undefined {
  if (serviceName === undefined) return undefined;
  const name = `${serviceName}-${suffix}`;
  const problem = kind === 'Service' ? dns1035LabelProblem(name) : undefined;
  if (problem && !dns1035LabelProblem(serviceName)) {
    throw propError(where, type, {
      prop: 'serviceName',
      rule: `must leave room for the "-${suffix}" Service: "${name}" ${problem}`,
      value: serviceName,
      fix: `shorten serviceName to at most ${63 - suffix.length - 1} characters`,
    });
  }
  return name;
}

/**
 * Option keys that belong to another mode than the one chosen, for option bags that arrive
 * untyped (JavaScript callers, a release plan read from JSON). Returns `[key, owner]` pairs.
 */
export function foreignKeys(options: object | undefined, own: string[], owners: { [key: string]: string }): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const key of Object.keys(options ?? {})) {
    if (own.includes(key)) continue;
    found.push([key, owners[key] ?? 'no traffic mode']);
  }
  return found;
}

/** The rules of ProbedDeployment.autoscale(), for the Rollout's autoscaler that does not go through it. */
export function checkAutoscale(where: IConstruct, type: string, options: AutoscaleOptions): void {
  const minReplicas = options.minReplicas ?? 2;
  if (!Number.isInteger(minReplicas) || minReplicas < 1) {
    throw propError(where, type, { prop: 'autoscale.minReplicas', rule: 'must be an integer of at least 1', value: minReplicas, fix: 'use 2 or more for availability' });
  }
  if (!Number.isInteger(options.maxReplicas) || options.maxReplicas < minReplicas) {
    throw propError(where, type, {
      prop: 'autoscale.maxReplicas',
      rule: `must be an integer not below minReplicas (${minReplicas})`,
      value: options.maxReplicas,
      fix: 'raise maxReplicas or lower minReplicas',
    });
  }
  for (const key of ['cpuUtilization', 'memoryUtilization'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) {
      throw propError(where, type, { prop: `autoscale.${key}`, rule: 'must be a whole percentage from 1 to 100', value, fix: 'pass a target such as 70' });
    }
  }
}

/** An autoscaling/v2 HorizontalPodAutoscaler whose target is an Argo Rollout. */
export function rolloutAutoscaler(
  scope: Construct, id: string, rollout: ApiObject, template: ProbedDeployment, options: AutoscaleOptions,
): kplus.HorizontalPodAutoscaler {
  const target: kplus.IScalable = {
    hasAutoscaler: true,
    markHasAutoscaler: () => undefined,
    toScalingTarget: () => ({ kind: rollout.kind, apiVersion: rollout.apiVersion, name: rollout.name, containers: template.containers }),
  };
  const cpu = options.cpuUtilization ?? (options.memoryUtilization === undefined ? 70 : undefined);
  const metrics: kplus.Metric[] = [];
  if (cpu !== undefined) metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu)));
  if (options.memoryUtilization !== undefined) {
    metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(options.memoryUtilization)));
  }
  return new kplus.HorizontalPodAutoscaler(scope, id, {
    target,
    minReplicas: options.minReplicas ?? 2,
    maxReplicas: options.maxReplicas,
    metrics,
  });
}

/**
 * The exposure of a release's second Service (canary, preview): the same ports as the Service
 * clients use, reachable inside the cluster only (no node ports, no load balancer).
 */
export function internalExposure(exposure: ServiceExposure): ServiceExposure {
  return ServiceExposure.clusterIp({ ports: exposure.ports?.map(p => ({ ...p, nodePort: undefined })) });
}

/** What the Rollout copies from the Deployment whose pod template it runs. */
export interface RolloutSource {
  /** The Deployment whose pod template the Rollout runs right now. */
  readonly template: ProbedDeployment;
  /** The Rollout's selector: must match the template's labels at every step. */
  readonly selector: { [key: string]: string };
  /** Rendered replicas; undefined when an autoscaler owns them. */
  readonly replicas?: number;
  /** The strategy block, `{ canary: ... }` or `{ blueGreen: ... }`. */
  readonly strategy: () => any;
}

/**
 * An argoproj.io/v1alpha1 Rollout that runs the pod template of a ProbedDeployment (restricted
 * security, probes, resources and config checksum included), rendered at synth.
 */
export function createRollout(scope: Construct, id: string, name: string | undefined, source: RolloutSource): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    // An explicit `name: undefined` would replace the name cdk8s generates.
    metadata: name !== undefined ? { name } : {},
    spec: Lazy.any({
      produce: () => {
        const deployment = renderedDeployment(source.template).spec;
        return {
          replicas: source.replicas,
          revisionHistoryLimit: deployment.revisionHistoryLimit,
          minReadySeconds: deployment.minReadySeconds,
          progressDeadlineSeconds: deployment.progressDeadlineSeconds,
          selector: { matchLabels: { ...source.selector } },
          template: deployment.template,
          strategy: source.strategy(),
        };
      },
    }),
  });
}

/** The rolling-update knobs of a track, for an Argo strategy block. */
export function rollingUpdateOf(template: ProbedDeployment): { maxSurge?: any; maxUnavailable?: any } {
  const strategy = renderedDeployment(template).spec.strategy ?? {};
  return { ...strategy.rollingUpdate };
}
