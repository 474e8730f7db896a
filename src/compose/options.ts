import { MicroserviceStackProps } from '../stack';
import { IComposeFileSystem } from './load/file-system';

/**
 * How the published ports of a compose file (`ports: ["5101:8080"]`) reach clients.
 */
export enum PublishedPortExposure {
  /**
   * Through the stack's API gateway: each microservice with a published port gets a route
   * (`/<service>`, or the path given in `routes`); its Service stays ClusterIP.
   */
  GATEWAY = 'GATEWAY',

  /**
   * A NodePort Service per microservice with a published port; the published port becomes the
   * node port when it is in 30000-32767, else Kubernetes picks one.
   */
  NODE_PORT = 'NODE_PORT',

  /**
   * A LoadBalancer Service per microservice with a published port, listening on the published
   * port.
   */
  LOAD_BALANCER = 'LOAD_BALANCER',
}

/**
 * Options of {@link ComposeImport.toStack}: the compose files and how to read them, how
 * to map what compose cannot say, and the stack's own props.
 *
 * The stack's `namespace` defaults to the compose project name (`name:`, else the folder of the
 * first file).
 */
export interface ComposeOptions extends MicroserviceStackProps {
  /**
   * Compose files, merged in order as `docker compose -f a.yml -f b.yml` merges them (for example
   * `docker-compose.yml` and `docker-compose.override.yml`). Relative paths are relative to the
   * working directory.
   */
  readonly files: string[];

  /**
   * The variables file for `${VAR}` interpolation.
   *
   * @default - `.env` in the project directory, when it exists
   */
  readonly envFile?: string;

  /**
   * Interpolation variables; they win over the variables file, as the shell's environment does
   * for `docker compose`.
   *
   * @default - none (the command-line tool passes its environment)
   */
  readonly variables?: { [name: string]: string };

  /**
   * Active profiles: services with `profiles:` are converted only when one of theirs is active.
   *
   * @default - the `COMPOSE_PROFILES` variable, else none
   */
  readonly profiles?: string[];

  /**
   * How published ports reach clients.
   *
   * @default PublishedPortExposure.GATEWAY
   */
  readonly publishedPorts?: PublishedPortExposure;

  /**
   * Gateway paths by compose service name (`{ webapigw: '/' }`). A service named here is routed
   * whatever `publishedPorts` says.
   *
   * @default - `/<service>` for each microservice with a published port, when published ports go
   * through the gateway
   */
  readonly routes?: { [service: string]: string };

  /**
   * Compose services that run as backing services (a one-replica StatefulSet with its own
   * claim) instead of microservices.
   *
   * @default - services whose image is a well-known database, cache or broker (redis, rabbitmq,
   * postgres, mysql, mariadb, mongo, mssql, elasticsearch, kafka, ...)
   */
  readonly backingServices?: string[];

  /**
   * Compose services that run outside the cluster in Kubernetes, by the DNS name they have there
   * (`{ sqldata: 'eshop.database.windows.net' }`). Each becomes an ExternalName Service, so
   * callers keep their host names.
   *
   * @default - none
   */
  readonly externals?: { [service: string]: string };

  /**
   * The folder relative paths in the compose files are relative to.
   *
   * @default - the folder of the first file
   */
  readonly projectDirectory?: string;

  /**
   * The folder build contexts are written relative to (where `skaffold.yaml` will be).
   *
   * @default - the project directory
   */
  readonly buildContextRoot?: string;

  /**
   * Where the compose files, the variables file and the files they name are read: the local
   * disk, or files held in memory (`InMemoryFileSystem`, as the browser playground does).
   *
   * `toTypeScript` reads only through it. The stack of `toStack` reads the content of the files
   * services mount (`ServiceMount.file`, `.directory`) from the local disk when it is built, at
   * the paths this file system gives, so a mounted file must be on the disk there too.
   *
   * @default - the local disk (`NodeFileSystem`)
   */
  readonly fileSystem?: IComposeFileSystem;
}
