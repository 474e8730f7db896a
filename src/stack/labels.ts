/** The label that names the microservice a pod belongs to; NetworkPolicies select on it. */
export const SERVICE_LABEL = 'app.kubernetes.io/name';
/** The label that names the application a pod belongs to. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
