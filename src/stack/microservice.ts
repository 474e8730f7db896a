import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PART_OF_LABEL, SERVICE_LABEL } from './labels';
import { MicroserviceOptions, ServiceRoute } from './microservice-options';
import { microserviceEnvironment } from './private/service-environment';
import { createWorkloads } from './private/service-workloads';
import { StackContext, stackContextOf } from './private/stack-context';
import { propError } from '../core/errors';
import { GatewayRoute, RouteBackend } from '../gateway';
import { BlueGreenRelease, CanaryRelease } from '../release';
import { HealthChecks, ProbedDeployment, ServiceExposure } from '../workload';

const TYPE = 'MicroserviceStack';

/**
 * A microservice of a {@link MicroserviceStack}: its Deployment, Service and configuration.
 */
export class Microservice extends Construct {
  /** The service's name: its Service name and DNS name. */
  public readonly name: string;
  /** The Deployment. */
  public readonly deployment: ProbedDeployment;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The ConfigMap of `config`, if any. */
  public readonly config?: kplus.ConfigMap;
  /** The Secret holding literal secret values, if any. */
  public readonly literalSecrets?: kplus.Secret;
  /** The gateway routes to this service. */
  public readonly routes: GatewayRoute[];
  /** Every Deployment of the service: one, or both tracks or slots of a release. */
  public get workloads(): ProbedDeployment[] {
    if (this.canaryRelease) return [this.canaryRelease.stable, ...this.canaryRelease.canary ? [this.canaryRelease.canary] : []];
    if (this.blueGreenRelease) return [this.blueGreenRelease.blue, this.blueGreenRelease.green];
    return [this.deployment];
  }

  /** The paths routed to this service by the gateway. */
  public readonly routePaths: string[];
  /** The canary release, when the service is released as a canary. */
  public readonly canaryRelease?: CanaryRelease;
  /** The blue-green release, when the service is released blue-green. */
  public readonly blueGreenRelease?: BlueGreenRelease;
  /** The port the service listens on. */
  public readonly port: number;
  /** The services it calls. */
  public readonly talksTo: string[];
  /** The image, as written in the manifests. */
  public readonly image: string;
  /** The Docker build context, if the image is built from source. */
  public readonly buildContext?: string;
  /** The Dockerfile, relative to the build context. */
  public readonly dockerfile?: string;

  /** @internal */
  constructor(scope: Construct, name: string, options: MicroserviceOptions) {
    super(scope, name);
    const context = stackContextOf(scope, TYPE);
    checkOneRelease(this, name, options);
    this.name = name;
    this.port = options.port ?? 8080;
    this.talksTo = [...options.talksTo ?? []];
    this.image = context.resolveImage(options.image, this);
    this.buildContext = options.buildContext;
    this.dockerfile = options.buildContext !== undefined ? options.dockerfile ?? 'Dockerfile' : undefined;

    const { env, config, literalSecrets } = microserviceEnvironment(this, name, options, context);
    this.config = config;
    this.literalSecrets = literalSecrets;
    const workloads = createWorkloads(this, {
      image: this.image,
      options,
      base: {
        port: this.port,
        healthChecks: options.healthChecks ?? HealthChecks.aspNetCore(),
        env,
        envFrom: config ? [kplus.Env.fromConfigMap(config)] : undefined,
        serviceName: name,
        exposure: options.exposure ?? ServiceExposure.clusterIp(),
        autoscale: options.autoscale,
      },
      labels: { [SERVICE_LABEL]: name, [PART_OF_LABEL]: context.appName },
      context,
    });
    this.deployment = workloads.deployment;
    this.service = workloads.service;
    this.canaryRelease = workloads.canaryRelease;
    this.blueGreenRelease = workloads.blueGreenRelease;

    this.mountVolumes(options, context);
    const routes = options.routes ?? [];
    this.routes = workloads.routedByRelease ? [] : routes.map((r, i) => this.addRoute(r, i, context));
    this.routePaths = routes.map(r => r.path);
    if (routes.length > 0) context.markRouted(name);
    context.addNetworkPolicy(this, name, this.port);
  }

  private mountVolumes(options: MicroserviceOptions, context: StackContext): void {
    for (const v of options.volumes ?? []) {
      for (const d of this.workloads) v.volume.mount(d, v.path, { readOnly: v.readOnly, subPath: v.subPath });
      context.recordMount(this.name, v.volume, v.path);
    }
  }

  private addRoute(route: ServiceRoute, index: number, context: StackContext): GatewayRoute {
    return context.gateway().addRoute(`${this.name}-route-${index}`, {
      path: route.path,
      pathMatch: route.pathMatch,
      rewritePrefix: route.rewritePrefix,
      hostnames: route.hostnames,
      methods: route.methods,
      timeout: route.timeout,
      backends: [RouteBackend.fromService(this.service)],
    });
  }
}

/** A service is released one way at a time. */
function checkOneRelease(scope: Construct, name: string, options: MicroserviceOptions): void {
  if (options.canary && options.blueGreen) {
    throw propError(scope, TYPE, {
      prop: `addService("${name}").canary`,
      rule: 'and blueGreen cannot both be set: a service is released one way at a time',
      value: 'canary and blueGreen',
      fix: 'keep one release strategy',
    });
  }
}
