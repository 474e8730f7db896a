/** The label that names the microservice a pod belongs to; NetworkPolicies select on it. */
export const SERVICE_LABEL = 'app.kubernetes.io/name';
/** The label that names the application a pod belongs to. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
/**
 * The prefix of the labels that name the networks a pod is a member of, under the stack's NETWORKS
 * policy mode: `network.k8s-course-constructs.io/<network>: "true"` (a network name that is not a
 * valid label name is cut and given a hash suffix). NetworkPolicies select a network's members by it.
 */
export const NETWORK_LABEL_PREFIX = 'network.k8s-course-constructs.io/';
