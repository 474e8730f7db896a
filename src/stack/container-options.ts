import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecretValue } from './secret-value';
import { ServiceMount } from './service-mount';
import { ContainerSecurityOptions } from '../core/pod-security';
import { HealthChecks, ServicePort } from '../workload';

/**
 * What one container of a stack is: its image, command, environment, ports, resources, security
 * and mounts. Microservices, backing services, jobs and sidecars all take these.
 */
export interface ContainerOptions extends ContainerSecurityOptions {
  /**
   * The image. Without a registry, the stack's `imageRegistry` is put in front; without a tag,
   * the stack's `defaultImageTag` is appended.
   */
  readonly image: string;

  /**
   * The entrypoint (Docker's ENTRYPOINT, compose's `entrypoint`).
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * The arguments (Docker's CMD, compose's `command`).
   *
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * The working directory.
   *
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;

  /**
   * Plain environment variables. Names must be valid for Kubernetes 1.28: write .NET
   * configuration keys with `__`.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };

  /**
   * Configuration in a ConfigMap of its own (`<name>-config`), loaded as environment variables.
   * Changing it rolls the pods.
   *
   * @default - no ConfigMap
   */
  readonly config?: { [key: string]: string };

  /**
   * Environment variables from Secrets.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };

  /**
   * Every port the container listens on: each is a container port and a port of the Service with
   * the same number and protocol (UDP and SCTP too). `[]` means it listens on nothing: no Service,
   * no probe on a port, no port open in the NetworkPolicies.
   *
   * @default - a microservice's `port` (8080), a backing service's `port`; none for jobs and
   * sidecars
   */
  readonly ports?: ServicePort[];

  /**
   * Resource requests and limits.
   *
   * @default - requests 100m CPU and 128Mi memory, limits 500m CPU and 256Mi memory (backing
   * services: limits 1 CPU and 512Mi; sidecars: requests 50m and 64Mi, limits 200m and 128Mi)
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Paths the container writes, each an emptyDir, for a read-only root filesystem.
   *
   * @default - ['/tmp'] with a read-only root filesystem, else none
   */
  readonly writablePaths?: string[];

  /**
   * Files, folders, claims, emptyDirs and volumes mounted into the container.
   *
   * @default - none
   */
  readonly mounts?: ServiceMount[];

  /**
   * When the kubelet pulls the image.
   *
   * @default - Kubernetes' own default: `Always` for an untagged or `latest` image, `IfNotPresent`
   * for a tagged one
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
}

/**
 * A container in the pod of a stack workload, beside its main container. It shares the pod's
 * network namespace (compose's `network_mode: service:<name>`): its ports are the pod's, and the
 * workload's Service exposes them too.
 */
export interface SidecarOptions extends ContainerOptions {
  /** The container's name, unique in the pod. */
  readonly name: string;

  /**
   * Its probes. A probe without a port calls its first TCP port.
   *
   * @default HealthChecks.none()
   */
  readonly healthChecks?: HealthChecks;
}

/**
 * What every workload of a stack (microservice, backing service, job) takes besides its main
 * container: its sidecars, whom it calls, its networks and its pod's settings.
 */
export interface StackWorkloadOptions extends ContainerOptions {
  /**
   * Services of this stack (or external aliases) this one calls. Each gets a
   * `Services__<name>__Url` environment variable with its cluster DNS URL and, with the stack's
   * call-graph NetworkPolicies, a rule that lets this workload reach it.
   *
   * @default - calls nothing
   */
  readonly talksTo?: string[];

  /**
   * The networks the workload is a member of (compose networks). With the stack's NETWORKS
   * NetworkPolicies, the members of a network reach each other on their ports.
   * There its pods are labelled `network.k8s-course-constructs.io/<network>: "true"`, and the
   * policies select a network's members by that label.
   *
   * @default ['default']
   */
  readonly networks?: string[];

  /**
   * More containers in the pod.
   *
   * @default - none
   */
  readonly sidecars?: SidecarOptions[];

  /**
   * Entries of the pod's `/etc/hosts` (compose's `extra_hosts`).
   *
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];

  /**
   * How long the containers get to stop after SIGTERM before they are killed (compose's
   * `stop_grace_period`).
   *
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * The group that owns the files of the pod's claims, so that a non-root user can write them.
   *
   * @default - the main container's group when the pod mounts a claim, else none
   */
  readonly fsGroup?: number;

  /**
   * Namespaced kernel parameters of the pod (compose's `sysctls`), such as
   * `net.ipv4.ip_unprivileged_port_start: '0'`, which lets a non-root process listen on a port
   * below 1024 as Docker allows. Only the sysctls Kubernetes deems safe are allowed, unless the
   * main container is PRIVILEGED (and the kubelet allows them with `--allowed-unsafe-sysctls`).
   *
   * @default - none
   * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
   */
  readonly sysctls?: { [name: string]: string };

  /**
   * More Service names for the workload's pods (compose's `hostname`, `container_name`, network
   * and link aliases): each a Service of that name with the workload's ports, so callers that
   * dial it reach the same pods.
   *
   * @default - none
   */
  readonly aliases?: string[];

  /**
   * Annotations of the pods (compose's `labels`).
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };

  /**
   * Parts of the stack the pods wait for before their containers start (compose's `depends_on`
   * with `condition: service_healthy`): an init container per name waits until the part's
   * Service accepts connections on its main port, which it does once a pod of it is ready.
   *
   * @default - none
   */
  readonly waitFor?: string[];

  /**
   * Folder the image is built from (the Docker build context), relative to the Skaffold file.
   *
   * @default - the image is not built by Skaffold
   */
  readonly buildContext?: string;

  /**
   * Dockerfile, relative to `buildContext`.
   *
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;

  /**
   * The stage of a multi-stage Dockerfile to build (compose's `build.target`).
   *
   * @default - the last stage
   */
  readonly buildTarget?: string;

  /**
   * Build arguments (compose's `build.args`, Dockerfile `ARG`).
   *
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
}
