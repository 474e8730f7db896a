import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';

/** The id of the PodDisruptionBudget under its owner. */
const ID = 'DisruptionBudget';

/**
 * Whether a workload gets a PodDisruptionBudget: when it is not turned off and at least 2 pods
 * run (a budget over one pod would block every node drain).
 */
export function wantsDisruptionBudget(enabled: boolean | undefined, minimumReplicas: number): boolean {
  return (enabled ?? true) && minimumReplicas >= 2;
}

/**
 * The spec of a PodDisruptionBudget that lets node drains take one pod at a time. Pods that are
 * not ready (crash-looping, say) may always be evicted: with the default policy they count
 * against the budget and a single broken pod blocks every node drain.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
 */
export function disruptionBudgetSpec(matchLabels: { [key: string]: string }): any {
  return { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { ...matchLabels } } };
}

/**
 * A PodDisruptionBudget that lets node drains take one of the selected pods at a time. The
 * selector is read at synth, so labels added later count.
 */
export function createDisruptionBudget(
  scope: Construct, namespace: string | undefined, matchLabels: () => { [key: string]: string }, labels: { [key: string]: string } = {},
): ApiObject {
  return new ApiObject(scope, ID, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { ...namespace !== undefined ? { namespace } : {}, ...Object.keys(labels).length > 0 ? { labels } : {} },
    spec: Lazy.any({ produce: () => disruptionBudgetSpec(matchLabels()) }),
  });
}

/** Takes the PodDisruptionBudget made by {@link createDisruptionBudget} out of its owner. */
export function removeDisruptionBudget(scope: Construct): void {
  scope.node.tryRemoveChild(ID);
}
