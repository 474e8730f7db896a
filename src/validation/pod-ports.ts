/**
 * Whether a port a probe or a Service points at exists on a container. The same predicates serve
 * the construct checks (ProbedDeployment) and the manifest checks.
 */

/** The part of a container the port rules read: its ports, as a manifest writes them. */
export interface ContainerLike {
  readonly ports?: Array<{ readonly containerPort: number; readonly name?: string }>;
}

/** Whether the container exposes `port`: a number names a `containerPort`, a string a port's name. */
export function containerExposesPort(container: ContainerLike, port: number | string): boolean {
  return (container.ports ?? []).some(p => (typeof port === 'string' ? p.name === port : p.containerPort === port));
}

/** Whether a regular container of the pod exposes `port` (a Service never reaches an init container). */
export function podExposesPort(pod: { readonly containers?: ContainerLike[] }, port: number | string): boolean {
  return (pod?.containers ?? []).some(c => containerExposesPort(c, port));
}
