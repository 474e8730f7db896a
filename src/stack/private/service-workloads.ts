import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackContext } from './stack-context';
import { propError } from '../../core/errors';
import { GatewayImplementation } from '../../gateway';
import { BlueGreenRelease, CanaryRelease, CanaryTraffic, CanaryTrafficMode, ReleaseWorkloadOptions } from '../../release';
import { ProbedDeployment, ServiceExposure } from '../../workload';
import { MicroserviceOptions, ServiceRoute, StackBlueGreenOptions, StackCanaryOptions } from '../microservice-options';

const TYPE = 'MicroserviceStack';

/** What every Deployment of a microservice shares, whichever way it is released. */
export interface WorkloadBase extends ReleaseWorkloadOptions {
  readonly serviceName: string;
  readonly exposure: ServiceExposure;
}

/** The Deployments and Service of a microservice. */
export interface ServiceWorkloads {
  /** The Deployment: the only one, the stable track or the active slot. */
  readonly deployment: ProbedDeployment;
  /** The Service, unless the microservice listens on no port. */
  readonly service?: kplus.Service;
  readonly canaryRelease?: CanaryRelease;
  readonly blueGreenRelease?: BlueGreenRelease;
  /** Whether the release routes the service on the gateway itself (a canary split by weights). */
  readonly routedByRelease: boolean;
}

/** What the workloads of a microservice are made from. */
export interface WorkloadInput {
  /** The resolved image. */
  readonly image: string;
  readonly options: MicroserviceOptions;
  readonly base: WorkloadBase;
  /** Whether the pods listen on a port, and so get a Service. */
  readonly exposed: boolean;
  /** The pods' labels: the service's name, which NetworkPolicies select on, and the application's. */
  readonly labels: { [key: string]: string };
  readonly context: StackContext;
}

/**
 * One Deployment with rolling updates, or a canary or blue-green release of two, behind one
 * Service named after the service.
 */
export function createWorkloads(scope: Construct, input: WorkloadInput): ServiceWorkloads {
  const { image, options, base, labels, exposed } = input;
  if (options.canary) return canaryWorkloads(scope, input, options.canary);
  if (options.blueGreen) return blueGreenWorkloads(scope, input, options.blueGreen);
  // The Deployment is exposed below, when it listens on a port; its autoscaler comes after it.
  const { autoscale: _autoscale, exposure: _exposure, serviceName, ...shared } = base;
  const deployment = new ProbedDeployment(scope, 'Deployment', {
    ...shared,
    metadata: { name: serviceName },
    image,
    replicas: options.autoscale ? undefined : options.replicas,
    changeCause: options.changeCause,
    podMetadata: { labels },
  });
  if (options.autoscale) deployment.autoscale(options.autoscale);
  const service = exposed ? deployment.expose({ name: base.serviceName, exposure: base.exposure }) : undefined;
  return { deployment, service, routedByRelease: false };
}

function canaryWorkloads(scope: Construct, input: WorkloadInput, c: StackCanaryOptions): ServiceWorkloads {
  const { image, options, base, labels, context } = input;
  const traffic = c.traffic ?? gatewayCanaryTraffic(scope, base.serviceName, options.routes ?? [], context);
  const release = new CanaryRelease(scope, 'Release', {
    ...base,
    image,
    canaryImage: c.canaryImage !== undefined ? context.resolveImage(c.canaryImage, scope, `addService("${base.serviceName}").canary.canaryImage`) : undefined,
    traffic: traffic ?? CanaryTraffic.replicaRatio(options.replicas !== undefined ? { totalReplicas: options.replicas } : {}),
    weight: c.weight,
    steps: c.steps,
    step: c.step,
    replicas: traffic && traffic.mode !== CanaryTrafficMode.REPLICA_RATIO ? options.replicas : undefined,
  });
  for (const d of [release.stable, release.canary]) {
    for (const [k, v] of Object.entries(labels)) d?.podMetadata.addLabel(k, v);
  }
  return { deployment: release.stable, service: release.service, canaryRelease: release, routedByRelease: !c.traffic && traffic !== undefined };
}

/**
 * A routed canary splits its traffic on the gateway when the gateway can weigh backends (Gateway
 * API, Ingress); the release then owns the service's route.
 */
function gatewayCanaryTraffic(scope: Construct, name: string, routes: ServiceRoute[], context: StackContext): CanaryTraffic | undefined {
  if (routes.length === 0) return undefined;
  const gateway = context.gateway();
  const route = routes[0];
  let traffic: CanaryTraffic | undefined;
  if (gateway.kind.implementation === GatewayImplementation.GATEWAY_API) {
    traffic = CanaryTraffic.gatewayApi({
      gateway, path: route.path, pathMatch: route.pathMatch, hostnames: route.hostnames, rewritePrefix: route.rewritePrefix,
    });
  } else if (gateway.kind.implementation === GatewayImplementation.INGRESS) {
    traffic = CanaryTraffic.ingress({ gateway, path: route.path });
  }
  if (traffic !== undefined && routes.length > 1) {
    throw propError(scope, TYPE, {
      prop: `addService("${name}").routes`,
      rule: 'must be a single route when a canary splits its traffic on the gateway',
      value: routes.map(r => r.path),
      fix: 'keep one route for the canary, or pass canary.traffic explicitly',
    });
  }
  return traffic;
}

function blueGreenWorkloads(scope: Construct, input: WorkloadInput, b: StackBlueGreenOptions): ServiceWorkloads {
  const { image, options, base, labels, context } = input;
  const prop = `addService("${base.serviceName}").blueGreen`;
  const release = new BlueGreenRelease(scope, 'Release', {
    ...base,
    blueImage: b.blueImage !== undefined ? context.resolveImage(b.blueImage, scope, `${prop}.blueImage`) : image,
    greenImage: b.greenImage !== undefined ? context.resolveImage(b.greenImage, scope, `${prop}.greenImage`) : undefined,
    activeSlot: b.activeSlot,
    replicas: options.autoscale ? undefined : options.replicas,
    idleReplicas: b.idleReplicas,
    traffic: b.traffic,
  });
  for (const d of [release.blue, release.green]) {
    for (const [k, v] of Object.entries(labels)) d.podMetadata.addLabel(k, v);
  }
  return { deployment: release.active, service: release.service, blueGreenRelease: release, routedByRelease: false };
}
