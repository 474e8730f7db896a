/**
 * The Argo Rollouts mode of both releases: a `Rollout` that runs the pod template of a track's
 * ProbedDeployment, and the scale target its autoscaler uses.
 */
import { ApiObject, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ProbedDeployment } from '../../workload/probed-deployment';

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

/**
 * The Rollout as the target of a HorizontalPodAutoscaler (`createAutoscaler`): its kind and name,
 * and the containers of the template whose resource requests the utilization targets are read
 * against.
 */
export function rolloutScaleTarget(rollout: ApiObject, template: ProbedDeployment): kplus.IScalable {
  return {
    hasAutoscaler: true,
    markHasAutoscaler: () => undefined,
    toScalingTarget: () => ({ kind: rollout.kind, apiVersion: rollout.apiVersion, name: rollout.name, containers: template.containers }),
  };
}
