import { Duration } from 'cdk8s';
import { StackWorkloadOptions } from './container-options';
import { PathMatch } from '../gateway';
import { BlueGreenSlot, BlueGreenTraffic, CanaryTraffic } from '../release';
import { NfsMountOptions, NfsVolume } from '../storage';
import { AutoscaleOptions, HealthChecks, ServiceExposure } from '../workload';

/**
 * A route from the stack's gateway to a service.
 */
export interface ServiceRoute {
  /** The path clients call (`/catalog`). */
  readonly path: string;

  /**
   * How the path matches.
   *
   * @default PathMatch.PREFIX
   */
  readonly pathMatch?: PathMatch;

  /**
   * Replace the matched prefix before forwarding (`/catalog/items` to `/api/items` with `/api`).
   *
   * @default - forward the path unchanged
   */
  readonly rewritePrefix?: string;

  /**
   * Host names the route answers for.
   *
   * @default - the gateway's host names
   */
  readonly hostnames?: string[];

  /**
   * HTTP methods the route answers for.
   *
   * @default - all methods
   */
  readonly methods?: string[];

  /**
   * How long the whole request may take at the gateway (see `GatewayRouteOptions.timeout`).
   *
   * @default - the gateway's default
   */
  readonly timeout?: Duration;

  /**
   * The port of the service's Service the route sends traffic to.
   *
   * @default - the Service's first port
   */
  readonly port?: number;
}

/**
 * A volume mounted into a service's pods (`ServiceMount.volume(path, volume)` in `mounts` says the
 * same).
 */
export interface ServiceVolume extends NfsMountOptions {
  /** The volume, from `stack.addVolume(...)` or `new NfsVolume(stack, ...)`. */
  readonly volume: NfsVolume;
  /** Where it is mounted. */
  readonly path: string;
}

/**
 * A canary release of a stack service: the stable version is `image`, the canary `canaryImage`.
 */
export interface StackCanaryOptions {
  /**
   * The new version's image.
   *
   * @default - no canary in flight
   */
  readonly canaryImage?: string;

  /**
   * The canary's share of traffic, 0 (rolled back) to 100 (promoted).
   *
   * @default - `steps[step]`, else 0
   */
  readonly weight?: number;

  /**
   * The release plan, ending at 100 (`[5, 25, 50, 100]`).
   *
   * @default - no plan
   */
  readonly steps?: number[];

  /**
   * Index into `steps`.
   *
   * @default 0
   */
  readonly step?: number;

  /**
   * How traffic is split.
   *
   * @default - weights on the gateway route when the service has one on a Gateway API or Ingress
   * gateway, else by replica ratio
   */
  readonly traffic?: CanaryTraffic;
}

/**
 * A blue-green release of a stack service.
 */
export interface StackBlueGreenOptions {
  /**
   * The blue slot's image.
   *
   * @default - the service's `image`
   */
  readonly blueImage?: string;

  /**
   * The green slot's image.
   *
   * @default - the blue slot's image
   */
  readonly greenImage?: string;

  /**
   * The slot the service's clients reach.
   *
   * @default BlueGreenSlot.BLUE
   */
  readonly activeSlot?: BlueGreenSlot;

  /**
   * Pods of the idle slot.
   *
   * @default - as many as the active slot (kept warm)
   */
  readonly idleReplicas?: number;

  /**
   * How traffic is switched.
   *
   * @default BlueGreenTraffic.services()
   */
  readonly traffic?: BlueGreenTraffic;
}

/**
 * Options of {@link MicroserviceStack.addService}.
 */
export interface MicroserviceOptions extends StackWorkloadOptions {
  /**
   * The port the service listens on: its main container's port, behind port 80 of its Service.
   * Give `ports` instead for several ports, other protocols or none (each then a port of the
   * Service with its own number).
   *
   * @default 8080
   */
  readonly port?: number;

  /**
   * Health probes.
   *
   * @default HealthChecks.aspNetCore()
   */
  readonly healthChecks?: HealthChecks;

  /**
   * Replicas, when not autoscaled.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Scale on CPU and memory instead of a fixed replica count.
   *
   * @default - fixed replicas
   */
  readonly autoscale?: AutoscaleOptions;

  /**
   * How the service is reached besides the gateway.
   *
   * @default ServiceExposure.clusterIp()
   */
  readonly exposure?: ServiceExposure;

  /**
   * Why this revision exists (`kubectl rollout history`).
   *
   * @default - none
   */
  readonly changeCause?: string;

  /**
   * Release the service as a canary (a stable and a canary Deployment behind one Service name).
   *
   * @default - rolling updates
   */
  readonly canary?: StackCanaryOptions;

  /**
   * Release the service blue-green (two slots, one active).
   *
   * @default - rolling updates
   */
  readonly blueGreen?: StackBlueGreenOptions;

  /**
   * Routes from the stack's gateway to this service.
   *
   * @default - not reachable through the gateway
   */
  readonly routes?: ServiceRoute[];

  /**
   * Volumes mounted into the service's pods.
   *
   * @default - none
   */
  readonly volumes?: ServiceVolume[];
}
