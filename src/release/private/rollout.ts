/**
 * The Argo Rollouts mode of both releases: a `Rollout` that runs the pod template of a track's
 * ProbedDeployment, its autoscaler and its disruption budget.
 */
import { ApiObject, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { disruptionBudgetSpec } from '../../workload/disruption-budget';
import { AutoscaleOptions, ProbedDeployment } from '../../workload/probed-deployment';

/** What the Rollout copies from the Deployment whose pod template it runs. */
export interface RolloutSource {
  /** The Deployment object whose pod template the Rollout runs right now (taken out of the output). */
  readonly deployment: ApiObject;
  /** The Rollout's selector: must match the template's labels at every step. */
  readonly selector: { [key: string]: string };
  /** Rendered replicas; undefined when an autoscaler owns them. */
  readonly replicas?: number;
  /** The strategy block, `{ canary: ... }` or `{ blueGreen: ... }`. */
  readonly strategy: () => any;
}

/**
 * Takes a track's Deployment object out of the output, for Argo Rollouts mode: the Rollout runs
 * the pods from a copy of its pod template. The ProbedDeployment construct stays (its checks,
 * PodDisruptionBudget and `mainContainer` keep working); only the Deployment object is not
 * written. Returns the object, which the release keeps for the Rollout to render.
 */
export function detachDeployment(deployment: ProbedDeployment): ApiObject {
  const object = ApiObject.of(deployment);
  deployment.node.tryRemoveChild(object.node.id);
  return object;
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
        const deployment = source.deployment.toJson().spec;
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

/** The rolling-update knobs of a track's Deployment object, for an Argo strategy block. */
export function rollingUpdateOf(deployment: ApiObject): { maxSurge?: any; maxUnavailable?: any } {
  const strategy = deployment.toJson().spec.strategy ?? {};
  return { ...strategy.rollingUpdate };
}

/** Argo Rollouts canary steps: setWeight for each weight of the plan, a pause between two. */
export function argoSteps(steps: number[], pause: Duration | undefined): any[] {
  const result: any[] = [];
  steps.forEach((w, i) => {
    result.push({ setWeight: w });
    if (i < steps.length - 1) result.push({ pause: pause ? { duration: `${pause.toSeconds()}s` } : {} });
  });
  return result;
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

/** A PodDisruptionBudget over the pods of both templates of a Rollout: at most one pod down at a time. */
export function rolloutDisruptionBudget(scope: Construct, id: string, selector: { [key: string]: string }): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {},
    spec: Lazy.any({ produce: () => disruptionBudgetSpec(selector) }),
  });
}
