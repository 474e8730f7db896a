import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe } from './health-probe';
import { ServiceExposure } from './service-exposure';
import { ServicePort } from './service-port';
import { ImagePolicy } from '../core/image-ref';
import { ContainerSecurityOptions } from '../core/pod-security';

/**
 * What runs a microservice, apart from its image: the main container, its probes, its sidecars,
 * how it rolls out and how it is reached. {@link ProbedDeployment} takes these as props, and the
 * release constructs (`CanaryRelease`, `BlueGreenRelease`) give the same to both versions they run.
 */
export interface WorkloadOptions extends ContainerSecurityOptions {
  /**
   * The main container's name.
   *
   * @default "app"
   */
  readonly containerName?: string;


  /**
   * The port the main container listens on. Give `ports` instead for several ports, other
   * protocols, or none.
   *
   * @default 8080 (ASP.NET Core's default since .NET 8)
   */
  readonly port?: number;


  /**
   * Every port the main container listens on, instead of `port`: each is a container port and,
   * with `expose()`, a port of the Service with the same number and protocol. `[]` means the
   * container listens on nothing: no Service can be created and probes need a port of their own
   * (or `HealthChecks.none()`). The first TCP port is the main one, which probes use by default.
   *
   * @default - `port`
   */
  readonly ports?: ServicePort[];


  /**
   * The name of the main container's port.
   *
   * @default "http"
   */
  readonly portName?: string;


  /**
   * Environment variables of the main container, as plain strings. Names must be valid for
   * Kubernetes 1.28: write .NET configuration keys with `__` (`ConnectionStrings__Default`), not
   * `:`.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };


  /**
   * Environment variables of the main container whose values come from somewhere else: a key of
   * a Secret or ConfigMap (`kplus.EnvValue.fromSecretValue(...)`, `kplus.EnvValue.fromConfigMap(...)`),
   * a field of the pod. A name may be in `env` or here, not in both.
   *
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: kplus.EnvValue };


  /**
   * Whole ConfigMaps and Secrets loaded as environment variables
   * (`kplus.Env.fromConfigMap(...)`, `kplus.Env.fromSecret(...)`).
   *
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];


  /**
   * When the kubelet pulls the main container's image.
   *
   * @default - what Kubernetes itself defaults to: `Always` for an untagged or `latest` image,
   * `IfNotPresent` for a tagged one (so images loaded into a local cluster are used as they are)
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;


  /**
   * Which image references are accepted (for the main container and every sidecar).
   *
   * @default ImagePolicy.REQUIRE_PINNED
   */
  readonly imagePolicy?: ImagePolicy;


  /**
   * Entrypoint of the main container.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];


  /**
   * Arguments of the main container.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];


  /**
   * Working directory of the main container.
   *
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;


  /**
   * Resource requests and limits of the main container.
   *
   * @default - requests 100m CPU and 128Mi memory, limits 500m CPU and 256Mi memory
   */
  readonly resources?: kplus.ContainerResources;


  /**
   * A raw security context put on top of the one `podSecurity` gives every container (main and
   * sidecars). Prefer `podSecurity`, `runAsUser`, `readOnlyRootFilesystem` and `addCapabilities`.
   *
   * @default - the context of the container's `podSecurity` level: under RESTRICTED, user 1654,
   * non-root, read-only root filesystem, no privilege escalation, all capabilities dropped,
   * seccomp RuntimeDefault
   */
  readonly containerSecurityContext?: kplus.ContainerSecurityContextProps;


  /**
   * A ready-made set of probes, such as `HealthChecks.aspNetCore()`, `HealthChecks.of(...)` (liveness
   * optional) or `HealthChecks.none()`. `liveness`, `readiness` and `startup` override its
   * members.
   *
   * @default - `liveness` and `readiness` must be given
   */
  readonly healthChecks?: HealthChecks;


  /**
   * Restarts the main container when it fails. Required (here or in `healthChecks`).
   *
   * @default - from `healthChecks`
   */
  readonly liveness?: HealthProbe;


  /**
   * Keeps the pod out of its Services' endpoints while it fails. Required (here or in
   * `healthChecks`).
   *
   * @default - from `healthChecks`
   */
  readonly readiness?: HealthProbe;


  /**
   * Holds liveness and readiness back until the container has started.
   *
   * @default - from `healthChecks`, else none
   */
  readonly startup?: HealthProbe;


  /**
   * More containers in the same pod. They share its network namespace (they reach each other on
   * `localhost`), so no two containers may listen on the same port.
   *
   * @default - none
   */
  readonly sidecars?: kplus.ContainerProps[];


  /**
   * Pods above the desired count during a rolling update.
   *
   * @default PercentOrAbsolute.percent(25)
   */
  readonly maxSurge?: kplus.PercentOrAbsolute;


  /**
   * Pods below the desired count during a rolling update. 0 means no capacity is lost.
   *
   * @default PercentOrAbsolute.absolute(0)
   */
  readonly maxUnavailable?: kplus.PercentOrAbsolute;


  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;


  /**
   * Why this revision exists; shown by `kubectl rollout history`
   * (the `kubernetes.io/change-cause` annotation).
   *
   * @default - no change cause
   */
  readonly changeCause?: string;


  /**
   * Add a PodDisruptionBudget (`maxUnavailable: 1`) when there are 2 or more replicas, so node
   * drains never take all pods at once.
   *
   * @default true
   */
  readonly podDisruptionBudget?: boolean;


  /**
   * Spread pods across nodes (`topologySpreadConstraints` on `kubernetes.io/hostname`, best
   * effort). The constraint is there whatever the replica count, so scaling never changes the pod
   * template (and never replaces running pods).
   *
   * @default true
   */
  readonly topologySpread?: boolean;


  /**
   * Mount a writable `emptyDir` at `/tmp` in every container (the root filesystem is read-only;
   * .NET writes its diagnostics sockets there).
   *
   * @default true
   */
  readonly writableTmp?: boolean;


  /**
   * Create a Service for the main container.
   *
   * @default - no Service; call `expose()`
   */
  readonly exposure?: ServiceExposure;


  /**
   * Name of the Service created by `exposure` (or `expose()`).
   *
   * @default - the Deployment's name, when it is a valid Service name (a DNS-1035 label)
   */
  readonly serviceName?: string;


  /**
   * The application the workload is a part of: the `app.kubernetes.io/part-of` label of its
   * objects and pods.
   *
   * @default - the chart's id
   */
  readonly partOf?: string;
}

/**
 * Options of {@link ProbedDeployment.autoscale}.
 */
export interface AutoscaleOptions {
  /**
   * Fewest replicas. At least 1; 2 or more also gets a PodDisruptionBudget.
   *
   * @default 2
   */
  readonly minReplicas?: number;

  /**
   * Most replicas.
   */
  readonly maxReplicas: number;

  /**
   * Target average CPU use, as a percentage of the CPU request (1-100).
   *
   * @default - 70 when no memory target is given, else no CPU target
   */
  readonly cpuUtilization?: number;

  /**
   * Target average memory use, as a percentage of the memory request (1-100).
   *
   * @default - no memory target
   */
  readonly memoryUtilization?: number;
}
