/**
 * The two tracks (or slots) of a release: the labels that tie them together, their
 * ProbedDeployments with everything they share, their names, and the rules of their pod counts.
 */
import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Fail, propError } from '../../core/errors';
import { labelObjectsUnder, NAME_LABEL, recommendedLabels } from '../../core/metadata';
import { dns1035LabelProblem } from '../../core/names';
import { ProbedDeployment } from '../../workload/probed-deployment';
import { ExposedPort, ServiceExposure } from '../../workload/service-exposure';
import { AutoscaleOptions } from '../../workload/workload-options';
import { ReleaseWorkloadOptions } from '../release-options';

/** On every pod of a release, both versions: what a Service selecting the whole release matches. */
export const RELEASE_LABEL = 'k8s-course-constructs/release';
/** "stable" or "canary" on the pods of a canary release (never in a selector). */
export const TRACK_LABEL = 'k8s-course-constructs/track';
/** "blue" or "green" on the pods of a blue-green release (never in a selector). */
export const SLOT_LABEL = 'k8s-course-constructs/slot';

/** The fix for too few pods of a release (`replicas`, `autoscale.minReplicas`). */
export const AVAILABILITY_FIX = 'use 2 or more for availability';

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
  // Both tracks are the one microservice: its name, and an instance each (their Deployment names).
  const name: { [key: string]: string } = options.serviceName !== undefined ? { [NAME_LABEL]: options.serviceName } : {};
  // Every workload option is shared; the release owns the Service (exposure, serviceName) and the
  // replica count of each track.
  const deployment = new ProbedDeployment(scope, id, {
    ...options,
    exposure: undefined,
    serviceName: undefined,
    metadata: { ...track.name ? { name: track.name } : {}, labels: name },
    podMetadata: { labels: { ...name, ...track.labels } },
    image: track.image,
    replicas: track.replicas,
  });
  if (track.autoscale) deployment.autoscale(track.autoscale);
  return deployment;
}

/**
 * The props of a release with its Service name: `serviceName`, else the construct id when it is a
 * valid Service name, so that a release `catalog` runs the Deployments `catalog-stable` and
 * `catalog-canary` behind the Service `catalog`.
 */
export function withServiceName<T extends ReleaseWorkloadOptions>(props: T, id: string): T {
  if (props.serviceName !== undefined || dns1035LabelProblem(id) !== undefined) return props;
  return { ...props, serviceName: id };
}

/**
 * The ports of a release's Services when the exposure names none: the tracks' own ports (each with
 * its own number) when the workload lists `ports`, else 80 to the main port.
 */
export function servicePortDefaults(options: ReleaseWorkloadOptions, track: ProbedDeployment, fail: Fail): number | ExposedPort[] | undefined {
  if (options.ports === undefined) return track.port;
  if (track.ports.length === 0 && !(options.exposure?.ports && options.exposure.ports.length > 0)) {
    throw fail({ prop: 'ports', rule: 'must list a port: clients reach a release through its Service', value: [], fix: 'list the port the service listens on' });
  }
  return track.ports.map(p => ({ port: p.port, targetPort: p.port, name: p.name, protocol: p.protocol }));
}

/**
 * The recommended labels on every object of a release that no track labels itself (the Services,
 * the Rollout, routes and Ingresses): the microservice's name, and the application it is part of.
 */
export function labelRelease(release: Construct, options: ReleaseWorkloadOptions): void {
  const name = options.serviceName;
  const labels = recommendedLabels({ name, instance: name, partOf: options.partOf ?? Chart.of(release).node.id });
  labelObjectsUnder(release, labels, c => c instanceof ProbedDeployment);
}

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
 * The exposure of a release's second Service (canary, preview): the same ports as the Service
 * clients use, reachable inside the cluster only (no node ports, no load balancer).
 */
export function internalExposure(exposure: ServiceExposure): ServiceExposure {
  return ServiceExposure.clusterIp({ ports: exposure.ports?.map(p => ({ ...p, nodePort: undefined })) });
}

/** A pod count of a release (`replicas`, `idleReplicas`): a whole number, 0 or more. */
export function checkReplicaCount(prop: string, value: number | undefined, fix: string, fail: Fail): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw fail({ prop, rule: 'must be an integer of 0 or more', value, fix });
  }
}
