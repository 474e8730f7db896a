import { Where } from './diagnostics';
import { ComposeProject, ComposeService } from './load';
import { PortForm } from './load/forms';

/**
 * The typed compose model: each service's keys parsed once into typed members, so the mappers
 * never read the loader's untyped `def`. Built from a loaded {@link ComposeProject} by `buildModel`
 * (model-build.ts); each member
 * keeps the key path it was written at (`key`), for warnings with file, line and column.
 */

/** A key path inside a service (`['ports', 0]`). */
export type KeyPath = ReadonlyArray<string | number>;

/** One container port of `ports` or `expose`, ranges expanded, with the key it was written at. */
export interface ModelPort extends PortForm {
  readonly key: KeyPath;
}

/** One entry of `volumes` in its long form. */
export interface ModelMount {
  /** `bind`, `volume`, `tmpfs`, `npipe`, `image`, `cluster`. */
  readonly type: string;
  /** A host path (absolute, for binds), a volume name, or nothing (an anonymous volume). */
  readonly source?: string;
  /** The source as the file writes it. */
  readonly written?: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** `volume.subpath`. */
  readonly subPath?: string;
  readonly bind?: { readonly propagation?: string; readonly createHostPath?: boolean; readonly selinux?: string };
  readonly noCopy?: boolean;
  readonly tmpfsSizeBytes?: number;
  readonly tmpfsMode?: number;
  /** Options of the short form (`z`, `cached`, ...) and long-form keys with no Kubernetes meaning. */
  readonly ignored: string[];
  readonly key: KeyPath;
}

/** One `tmpfs` entry. */
export interface ModelTmpfs {
  readonly target: string;
  readonly sizeBytes?: number;
  readonly mode?: string;
  readonly key: KeyPath;
}

/** A healthcheck test: `CMD` (argv), `CMD-SHELL` (one shell command), or `NONE`. */
export interface HealthTest {
  readonly form: 'CMD' | 'CMD-SHELL' | 'NONE';
  readonly argv: string[];
}

/** `healthcheck`, or a Dockerfile `HEALTHCHECK`. */
export interface ModelHealthcheck {
  /** Undefined: the image's own HEALTHCHECK test. */
  readonly test?: HealthTest;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly retries?: number;
  readonly startPeriodSeconds?: number;
  readonly startIntervalSeconds?: number;
  /** `disable: true` or `test: ["NONE"]`. */
  readonly disabled: boolean;
  /** Keys that no probe field takes. */
  readonly otherKeys: string[];
}

/** `user: name|uid[:group|gid]`. */
export interface ModelUser {
  readonly text: string;
  readonly user: string;
  readonly group?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** `restart`. */
export interface ModelRestart {
  readonly policy: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  readonly maxRetries?: number;
}

/** CPU, memory and process limits or reservations. */
export interface ModelResources {
  readonly cpus?: number;
  readonly memoryBytes?: number;
  readonly pids?: number;
  /** Keys with no Kubernetes equivalent here (`devices`, `generic_resources`). */
  readonly otherKeys: string[];
}

/** `deploy.update_config` or `deploy.rollback_config`. */
export interface ModelUpdateConfig {
  readonly parallelism?: number;
  readonly delaySeconds?: number;
  readonly order?: string;
  readonly failureAction?: string;
  readonly otherKeys: string[];
}

/** `deploy`. */
export interface ModelDeploy {
  readonly mode?: string;
  readonly replicas?: number;
  readonly endpointMode?: string;
  readonly labels: { [key: string]: string };
  readonly limits?: ModelResources;
  readonly reservations?: ModelResources;
  readonly restartPolicy?: {
    readonly condition?: string;
    readonly delaySeconds?: number;
    readonly maxAttempts?: number;
    readonly windowSeconds?: number;
  };
  readonly placement?: { readonly constraints: string[]; readonly preferences: string[]; readonly maxReplicasPerNode?: number };
  readonly updateConfig?: ModelUpdateConfig;
  readonly rollbackConfig?: ModelUpdateConfig;
  readonly otherKeys: string[];
}

/** One `depends_on` entry. */
export interface ModelDependency {
  readonly service: string;
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully' | string;
  readonly required: boolean;
  readonly restart: boolean;
}

/** `network_mode`. */
export interface ModelNetworkMode {
  readonly text: string;
  readonly kind: 'bridge' | 'host' | 'none' | 'service' | 'container' | 'other';
  /** The service or container of `service:X` / `container:X`. */
  readonly target?: string;
}

/** One entry of `networks`. */
export interface ModelNetworkRef {
  readonly name: string;
  readonly aliases: string[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  /** Keys no mapping takes (`priority`, `link_local_ips`, `mac_address`, `driver_opts`, ...). */
  readonly otherKeys: string[];
}

/** One `secrets` or `configs` entry of a service. */
export interface ModelFileRef {
  readonly source: string;
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
  readonly key: KeyPath;
}

/** One `environment` entry; no value: taken from the shell or `.env`. */
export interface ModelEnv {
  readonly name: string;
  readonly value?: string;
  readonly key: KeyPath;
}

/** One `env_file` entry. */
export interface ModelEnvFile {
  /** Absolute. */
  readonly path: string;
  readonly written: string;
  readonly required: boolean;
  readonly format?: string;
  readonly key: KeyPath;
}

/** `build`. */
export interface ModelBuild {
  /** Absolute, or a remote context (URL). */
  readonly context: string;
  readonly remote: boolean;
  readonly dockerfile?: string;
  readonly dockerfileInline?: string;
  readonly target?: string;
  readonly args: { [name: string]: string };
  readonly otherKeys: string[];
}

/** A compose service, typed. */
export interface ComposeServiceModel {
  readonly name: string;
  /** The loaded service: `where(key)` and `key(key)` for messages. */
  readonly source: ComposeService;
  /** Every key the service sets, `x-` extensions left out. */
  readonly keys: string[];
  readonly image?: string;
  readonly build?: ModelBuild;
  readonly pullPolicy?: string;
  readonly platform?: string;
  /** `entrypoint` as argv; `[]` clears the image's entrypoint. */
  readonly entrypoint?: string[];
  /** `command` as argv; `[]` clears the image's command. */
  readonly command?: string[];
  readonly workingDir?: string;
  readonly environment: ModelEnv[];
  readonly envFiles: ModelEnvFile[];
  readonly ports: ModelPort[];
  readonly expose: ModelPort[];
  /** `ports`/`expose` entries that are empty (a variable that is not set): compose would refuse them. */
  readonly emptyPorts: KeyPath[];
  readonly volumes: ModelMount[];
  /** `volumes` entries no Linux container can take (a Windows container path): named in warnings. */
  readonly invalidMounts: Array<{ readonly key: KeyPath; readonly problem: string }>;
  readonly volumesFrom: string[];
  readonly tmpfs: ModelTmpfs[];
  readonly healthcheck?: ModelHealthcheck;
  readonly user?: ModelUser;
  readonly readOnly?: boolean;
  readonly privileged?: boolean;
  readonly capAdd: string[];
  readonly capDrop: string[];
  readonly securityOpt: string[];
  readonly groupAdd: string[];
  readonly init?: boolean;
  readonly restart?: ModelRestart;
  readonly deploy?: ModelDeploy;
  readonly scale?: number;
  readonly cpus?: number;
  readonly memLimitBytes?: number;
  readonly memReservationBytes?: number;
  readonly shmSizeBytes?: number;
  readonly pidsLimit?: number;
  readonly dependsOn: ModelDependency[];
  readonly links: Array<{ readonly service: string; readonly alias?: string; readonly key: KeyPath }>;
  readonly networkMode?: ModelNetworkMode;
  /** `networks`; empty when the key is absent (the service is on the default network). */
  readonly networks: ModelNetworkRef[];
  readonly hostname?: string;
  readonly containerName?: string;
  readonly domainname?: string;
  readonly extraHosts: Array<{ readonly host: string; readonly address: string }>;
  readonly dns: string[];
  readonly stopGracePeriodSeconds?: number;
  readonly stopSignal?: string;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly secrets: ModelFileRef[];
  readonly configs: ModelFileRef[];
  readonly profiles: string[];
  readonly ulimits: Array<{ readonly name: string; readonly soft?: number; readonly hard?: number }>;
  readonly sysctls: { [key: string]: string };
  readonly devices: string[];
  readonly logging?: { readonly driver?: string; readonly options: { [key: string]: string } };
  readonly tty?: boolean;
  readonly stdinOpen?: boolean;
}

/** A top-level volume, secret, config or network, typed. */
export interface ModelTopLevel {
  readonly name: string;
  /** `name:` (the name outside the app), else the key. */
  readonly externalName: string;
  readonly external: boolean;
  readonly where: Where;
  readonly driver?: string;
  readonly driverOpts: { [key: string]: string };
  /** secrets/configs: `file` (absolute), `environment`, `content`. */
  readonly file?: string;
  readonly environment?: string;
  readonly content?: string;
  /** networks: `internal`. */
  readonly internal?: boolean;
  readonly labels: { [key: string]: string };
  /** Keys no mapping takes. */
  readonly otherKeys: string[];
}

/** A compose project, typed. */
export interface ComposeModel {
  readonly project: ComposeProject;
  readonly services: ComposeServiceModel[];
  readonly volumes: Map<string, ModelTopLevel>;
  readonly secrets: Map<string, ModelTopLevel>;
  readonly configs: Map<string, ModelTopLevel>;
  readonly networks: Map<string, ModelTopLevel>;
}
