import { Where } from '../diagnostics';

/**
 * The neutral plan of a compose conversion (as Kompose's kobject): what each service runs, as data.
 * The mappers (one per key group) fill it from the typed compose model; the emitter turns it into
 * calls of the public stack API. It names Kubernetes facts (kinds, ports, probes, mounts, users),
 * never construct props or JSON paths.
 */

/** A warning: where, which key, and what to do. Never file contents. */
export interface PlanWarning {
  readonly where: Where;
  /** `services.web.ports[0]`. */
  readonly key: string;
  readonly text: string;
  /** `[file:line:col] fromCompose: key text`. */
  readonly line: string;
  /** The compose service it is about, if any. */
  readonly service?: string;
}

export type WorkloadKind = 'DEPLOYMENT' | 'STATEFUL_SET' | 'JOB';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type PodSecurityLevel = 'RESTRICTED' | 'BASELINE' | 'PRIVILEGED';

/** A port a container listens on; also a port of the workload's Service. */
export interface PortPlan {
  readonly port: number;
  readonly protocol: Protocol;
  /** `<protocol>-<port>` unless the compose file names it. */
  readonly name: string;
  /** Where the port comes from: `ports`, `expose`, `Dockerfile EXPOSE`, `image table`. */
  readonly from: string;
}

/** A port the compose file publishes on the host: what exposure (gateway, NodePort, LoadBalancer) serves. */
export interface PublishedPortPlan {
  readonly port: number;
  readonly published: number;
  readonly protocol: Protocol;
  readonly hostIp?: string;
}

/** One probe. */
export interface ProbePlan {
  readonly kind: 'HTTP_GET' | 'EXEC' | 'TCP_SOCKET';
  readonly path?: string;
  readonly port?: number;
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly headers?: { [name: string]: string };
  readonly command?: string[];
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly initialDelaySeconds?: number;
}

/** The probes of a container; none at all is an explicit decision (`HealthChecks.none()`). */
export interface ProbesPlan {
  readonly readiness?: ProbePlan;
  readonly liveness?: ProbePlan;
  readonly startup?: ProbePlan;
  /** `healthcheck`, `Dockerfile HEALTHCHECK`, `image table`, `first port`, or `none`. */
  readonly from: string;
}

export type MountKind = 'FILE' | 'DIRECTORY' | 'CLAIM' | 'EXISTING_CLAIM' | 'NFS' | 'EMPTY_DIR' | 'MEMORY' | 'SECRET_OBJECT' | 'CONFIG_OBJECT';

/** Something mounted into a container at `target`. */
export interface MountPlan {
  readonly kind: MountKind;
  readonly target: string;
  /** FILE, DIRECTORY: the real path inside the project (read at synth). */
  readonly sourcePath?: string;
  /** DIRECTORY: the files under it, relative, nested folders kept. */
  readonly files?: string[];
  /** FILE, DIRECTORY: into a Secret, not a ConfigMap (the name looks secret). */
  readonly secret?: boolean;
  /** CLAIM, EXISTING_CLAIM, NFS: the claim (volume plan) name; SECRET_OBJECT, CONFIG_OBJECT: the object's name. */
  readonly name?: string;
  /** SECRET_OBJECT, CONFIG_OBJECT: the key inside the object. */
  readonly item?: string;
  readonly readOnly: boolean;
  readonly subPath?: string;
  /** MEMORY, EMPTY_DIR: size limit. */
  readonly sizeBytes?: number;
  /** Why: `bind mount`, `named volume`, `image data path`, `tmpfs`, `writable path`, ... */
  readonly from: string;
}

/** Where the container runs and may write: the security decision. */
export interface SecurityPlan {
  readonly level: PodSecurityLevel;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly readOnlyRootFilesystem: boolean;
  /** Paths that get a writable emptyDir (restricted: the image's and compose's writable paths). */
  readonly writablePaths: string[];
  readonly addCapabilities: string[];
  readonly dropCapabilities: string[];
  readonly privileged: boolean;
  /** Pod sysctls: the safe ones compose sets, and `net.ipv4.ip_unprivileged_port_start: 0` for a non-root container on a port below 1024 (Docker's default). */
  readonly sysctls: { [name: string]: string };
  /** What proved the user and the read-only root (`compose user`, `Dockerfile USER app (1654)`, `image table: postgres`). */
  readonly basis: string[];
  /** For BASELINE or PRIVILEGED: what to add to the compose file to run it restricted. */
  readonly missing: string[];
}

/** CPU and memory, as compose says them; absent fields: the stack's defaults. */
export interface ResourcesPlan {
  readonly cpuLimitMillis?: number;
  readonly cpuRequestMillis?: number;
  readonly memoryLimitBytes?: number;
  readonly memoryRequestBytes?: number;
}

/** The image and how to build it. */
export interface ImagePlan {
  readonly image: string;
  /** `IfNotPresent`, `Always`, `Never`; undefined: the stack's default. */
  readonly pullPolicy?: string;
  readonly build?: { readonly context: string; readonly dockerfile?: string; readonly target?: string; readonly args: { [name: string]: string } };
}

/** One container of a pod. */
export interface ContainerPlan {
  /** The compose service the container comes from. */
  readonly service: string;
  readonly name: string;
  readonly image: ImagePlan;
  /** The entrypoint (Kubernetes `command`); undefined: the image's. */
  readonly command?: string[];
  /** The command (Kubernetes `args`); undefined: the image's. */
  readonly args?: string[];
  readonly workingDir?: string;
  readonly env: { [name: string]: string };
  /** Values that look secret: into a Secret. */
  readonly secretEnv: { [name: string]: string };
  readonly ports: PortPlan[];
  readonly probes: ProbesPlan;
  readonly mounts: MountPlan[];
  readonly security: SecurityPlan;
  readonly resources: ResourcesPlan;
}

/** A dependency on another service. */
export interface DependencyPlan {
  readonly service: string;
  readonly condition: string;
}

/** One compose service that runs as a workload of its own (sidecars are in its `containers`). */
export interface ServicePlan {
  /** The compose service name. */
  readonly composeName: string;
  /** The Kubernetes name (Deployment, Service). */
  readonly name: string;
  readonly kind: WorkloadKind;
  /** Why this kind: `stateful image postgres`, `restart: "no"`, `service_completed_successfully of migrate`. */
  readonly kindReason: string;
  readonly replicas: number;
  /** The main container first, then sidecars (`network_mode: service:<this>`). */
  readonly containers: ContainerPlan[];
  /** Every container port: the ports of the workload's Service. Empty: no Service. */
  readonly ports: PortPlan[];
  readonly published: PublishedPortPlan[];
  /** Other Service names of the workload (hostname, container_name, network aliases, links). */
  readonly aliases: string[];
  /** Compose networks the service is a member of. */
  readonly networks: string[];
  readonly dependsOn: DependencyPlan[];
  readonly hostAliases: Array<{ readonly ip: string; readonly hostnames: string[] }>;
  readonly terminationGracePeriodSeconds?: number;
  readonly job?: { readonly restartPolicy: 'Never' | 'OnFailure'; readonly backoffLimit: number };
  readonly annotations: { [key: string]: string };
  /** The weakest Pod Security level of its containers. */
  readonly podSecurity: PodSecurityLevel;
}

/** A named volume: a claim created by the app, an existing claim, or an NFS export. */
export interface VolumePlan {
  readonly composeName: string;
  readonly name: string;
  readonly kind: 'CLAIM' | 'EXISTING_CLAIM' | 'NFS';
  /** ReadWriteMany when several workloads mount it. */
  readonly shared: boolean;
  /** The workloads (Kubernetes names) that mount it. */
  readonly users: string[];
  readonly nfs?: { readonly server: string; readonly path: string; readonly mountOptions: string[] };
}

/** A compose secret or config: an object the app creates, or one that exists. */
export interface ObjectPlan {
  readonly composeName: string;
  readonly name: string;
  readonly kind: 'SECRET' | 'CONFIG_MAP';
  readonly existing: boolean;
  /** The key inside the object. */
  readonly item: string;
  /** One of: a file inside the project (real path), a value. */
  readonly sourcePath?: string;
  readonly value?: string;
}

/** A compose network and its members. */
export interface NetworkPlan {
  readonly composeName: string;
  readonly name: string;
  readonly members: string[];
  readonly external: boolean;
  readonly internal: boolean;
}

/** A compose service that runs outside the cluster (the `externals` option): an ExternalName alias. */
export interface ExternalPlan {
  readonly composeName: string;
  /** The alias callers dial: the service's Kubernetes name. */
  readonly name: string;
  /** The DNS name outside the cluster. */
  readonly host: string;
  /** The port it listens on, when the compose file or the image table says. */
  readonly port?: number;
}

/** The whole conversion. */
export interface AppPlan {
  readonly project: string;
  readonly services: ServicePlan[];
  readonly externals: ExternalPlan[];
  readonly volumes: VolumePlan[];
  readonly objects: ObjectPlan[];
  readonly networks: NetworkPlan[];
  /** The weakest level any workload needs: the namespace's `enforce` level. */
  readonly podSecurity: PodSecurityLevel;
  readonly warnings: PlanWarning[];
}
