import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PART_OF_LABEL, SERVICE_LABEL } from './labels';
import { MicroserviceOptions, ServiceRoute } from './microservice-options';
import { buildContainer, checkContainerOptions, mountContainer, StackContainer, writablePathsOf } from './private/containers';
import { addAliasServices, addPodExtras, checkPodOptions, podSelectorOf } from './private/pod-extras';
import { podSecurityContextOf } from './private/pod-security';
import { createWorkloads } from './private/service-workloads';
import { StackContext, stackContextOf } from './private/stack-context';
import { buildSidecars, checkSidecars, exposureWithPorts, podPorts } from './private/workload-parts';
import { checkMemberArguments, MICROSERVICE_OPTIONS } from './prop-types';
import { propError } from '../core/errors';
import { labelObjectsUnder, recommendedLabels } from '../core/metadata';
import { DOTNET_APP_UID, PodSecurityLevel } from '../core/pod-security';
import { GatewayRoute, RouteBackend } from '../gateway';
import { BlueGreenRelease, CanaryRelease } from '../release';
import { ExposedPort, HealthChecks, ProbedDeployment, ServiceExposure, ServicePort } from '../workload';
import { mainPortOf, ResolvedPort, resolvePorts } from '../workload/port-list';
import { mergeResources } from '../workload/resource-merge';

const TYPE = 'MicroserviceStack';

/**
 * A microservice of a {@link MicroserviceStack}: its Deployment, Service and configuration.
 */
export class Microservice extends Construct {
  /** The service's name: its Service name and DNS name. */
  public readonly name: string;
  /** The Deployment. */
  public readonly deployment: ProbedDeployment;
  /** The Service, unless the service listens on no port. */
  public readonly service?: kplus.Service;
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
  /** The main port the service listens on, if any. */
  public readonly port?: number;
  /** Every port of its pods (main container first, then sidecars). */
  public readonly ports: ServicePort[];
  /** The services it calls. */
  public readonly talksTo: string[];
  /** The networks it is a member of. */
  public readonly networks: string[];
  /** The image, as written in the manifests. */
  public readonly image: string;
  /** The Docker build context, if the image is built from source. */
  public readonly buildContext?: string;
  /** The Dockerfile, relative to the build context. */
  public readonly dockerfile?: string;
  /** The stage of the Dockerfile built, if not the last. */
  public readonly buildTarget?: string;
  /** The build arguments. */
  public readonly buildArgs?: { [name: string]: string };
  /** The parts of the stack its pods wait for. */
  public readonly waitFor: string[];
  /** The other Service names of its pods. */
  public readonly aliasServices: kplus.Service[];
  /** True when the service is probed by the default `HealthChecks.aspNetCore()` (no `healthChecks` given). */
  public readonly defaultHealthChecks: boolean;

  /** @internal */
  constructor(scope: Construct, name: string, options: MicroserviceOptions) {
    checkMemberArguments(scope, name, 'addService', options, MICROSERVICE_OPTIONS);
    super(scope, name);
    const context = stackContextOf(scope, TYPE);
    const prop = `addService("${name}")`;
    const mainPorts = checkMicroserviceOptions(this, options, prop);
    this.name = name;
    this.talksTo = [...options.talksTo ?? []];
    this.networks = [...options.networks ?? ['default']];
    this.image = context.resolveImage(options.image, this);
    this.buildContext = options.buildContext;
    this.dockerfile = options.buildContext !== undefined ? options.dockerfile ?? 'Dockerfile' : undefined;
    this.buildTarget = options.buildTarget;
    this.buildArgs = options.buildArgs ? { ...options.buildArgs } : undefined;
    this.waitFor = [...options.waitFor ?? []];
    this.defaultHealthChecks = options.healthChecks === undefined;
    const ports = podPorts(mainPorts, options);
    this.ports = ports.map(p => ({ ...p }));
    this.port = mainPortOf(mainPorts);

    const writableTmp = writablePathsOf(options).includes('/tmp');
    const main = this.mainContainer(options, mainPorts, context);
    const sidecars = buildSidecars(this, name, name, prop, withoutSharedTmp(options, writableTmp), context);
    this.config = main.environment.config;
    this.literalSecrets = main.environment.literalSecrets;
    const workloads = createWorkloads(this, {
      image: this.image,
      options,
      base: this.workloadBase(options, main, ports, writableTmp, [main, ...sidecars], context),
      exposed: ports.length > 0,
      labels: { [SERVICE_LABEL]: name, [PART_OF_LABEL]: context.appName },
      context,
    });
    this.deployment = workloads.deployment;
    this.service = workloads.service;
    this.canaryRelease = workloads.canaryRelease;
    this.blueGreenRelease = workloads.blueGreenRelease;
    this.fillPods(main, sidecars, options, context);
    this.aliasServices = addAliasServices(this, options.aliases ?? [], this.service, podSelectorOf(name, context.appName));

    const routes = options.routes ?? [];
    this.routes = workloads.routedByRelease ? [] : routes.map((r, i) => this.addRoute(r, i, context));
    this.routePaths = routes.map(r => r.path);
    if (routes.length > 0) context.markRouted(name);
    context.addNetworkPolicy(this, name);
    labelObjectsUnder(this, recommendedLabels({ name, instance: name, partOf: context.appName }), c => c instanceof ProbedDeployment);
  }

  /** The pods' Pod Security level: the weakest level of their containers. */
  public get podSecurity(): PodSecurityLevel {
    return this.deployment.podSecurity;
  }

  /** The environment and mounts of the main container (its props go to the ProbedDeployment). */
  private mainContainer(options: MicroserviceOptions, ports: ResolvedPort[], context: StackContext): StackContainer {
    return buildContainer({
      scope: this,
      name: 'app',
      objectName: this.name,
      part: this.name,
      prop: `addService("${this.name}")`,
      prefix: '',
      // /tmp is the ProbedDeployment's own writable emptyDir.
      options: { ...options, writablePaths: writablePathsOf(options).filter(p => p !== '/tmp') },
      image: this.image,
      ports,
      talksTo: this.talksTo,
      defaultUser: DOTNET_APP_UID,
      defaultResources: {},
    }, context);
  }

  /** What every Deployment of the service shares. */
  private workloadBase(
    options: MicroserviceOptions, main: StackContainer, ports: ResolvedPort[], writableTmp: boolean,
    containers: StackContainer[], context: StackContext,
  ) {
    const claims = containers.some(c => c.mounts.some(m => m.claim));
    return {
      ...options.ports !== undefined ? { ports: options.ports } : { port: options.port ?? 8080 },
      healthChecks: options.healthChecks ?? HealthChecks.aspNetCore(),
      env: main.environment.env,
      envValueFrom: main.environment.envValueFrom,
      envFrom: main.environment.envFrom,
      command: options.command,
      args: options.args,
      workingDir: options.workingDir,
      resources: context.defaultResources ? mergeResources(options.resources, context.defaultResources) : options.resources,
      imagePullPolicy: options.imagePullPolicy,
      imagePolicy: context.imagePolicy,
      podSecurity: options.podSecurity,
      runAsUser: options.runAsUser,
      runAsGroup: options.runAsGroup,
      readOnlyRootFilesystem: options.readOnlyRootFilesystem,
      addCapabilities: options.addCapabilities,
      dropCapabilities: options.dropCapabilities,
      privileged: options.privileged,
      writableTmp,
      securityContext: podSecurityContextOf(options, DOTNET_APP_UID, claims),
      hostAliases: options.hostAliases,
      terminationGracePeriod: options.terminationGracePeriod,
      partOf: context.appName,
      serviceName: this.name,
      exposure: serviceExposure(options, ports),
      autoscale: options.autoscale,
    };
  }

  /** Mounts, sidecars and NFS volumes into every pod of the service. */
  private fillPods(main: StackContainer, sidecars: StackContainer[], options: MicroserviceOptions, context: StackContext): void {
    for (const d of this.workloads) {
      mountContainer(main, d.mainContainer, d);
      sidecars.forEach((built, i) => {
        const s = options.sidecars![i];
        const container = d.addSidecar(built.props, { ...s, healthChecks: s.healthChecks });
        mountContainer(built, container, d);
      });
      for (const v of options.volumes ?? []) v.volume.mount(d, v.path, { readOnly: v.readOnly, subPath: v.subPath });
      addPodExtras(d, options, context);
    }
    for (const v of options.volumes ?? []) context.recordMount(this.name, v.volume, v.path);
    for (const m of options.mounts ?? []) if (m.nfsVolume) context.recordMount(this.name, m.nfsVolume, m.target);
  }

  private addRoute(route: ServiceRoute, index: number, context: StackContext): GatewayRoute {
    return context.gateway().addRoute(`${this.name}-route-${index}`, {
      path: route.path,
      pathMatch: route.pathMatch,
      rewritePrefix: route.rewritePrefix,
      hostnames: route.hostnames,
      methods: route.methods,
      timeout: route.timeout,
      // With several ports, the gateway reaches the one asked for, else the main one (the first).
      backends: [RouteBackend.fromService(this.service!, routePort(route, this.service!))],
    });
  }
}

/** The port a route names, or the first of a Service of several ports (a Service of one needs none). */
function routePort(route: ServiceRoute, service: kplus.Service): { port?: number } {
  const port = route.port ?? (service.ports.length > 1 ? service.ports[0].port : undefined);
  return port !== undefined ? { port } : {};
}

/**
 * The exposure of the service: as given; with `ports` or sidecar ports, every port of the pod is
 * a port of the Service with its own number (`port` alone keeps 80 to it), unless the exposure
 * names its ports.
 */
function serviceExposure(options: MicroserviceOptions, ports: ResolvedPort[]): ServiceExposure {
  const exposure = options.exposure ?? ServiceExposure.clusterIp();
  const sidecarPorts = (options.sidecars ?? []).some(s => (s.ports ?? []).length > 0);
  if ((exposure.ports && exposure.ports.length > 0) || (options.ports === undefined && !sidecarPorts) || ports.length === 0) return exposure;
  const exposed: ExposedPort[] = ports.map((p, i) => (i === 0 && options.ports === undefined
    ? { port: 80, targetPort: p.port, name: p.name }
    : { port: p.port, targetPort: p.port, name: p.name, protocol: p.protocol }));
  return exposureWithPorts(exposure, exposed);
}

/** A sidecar shares the Deployment's writable /tmp when it has one, as ProbedDeployment mounts it in every container. */
function withoutSharedTmp(options: MicroserviceOptions, sharedTmp: boolean): MicroserviceOptions {
  if (!sharedTmp) return options;
  return { ...options, sidecars: (options.sidecars ?? []).map(s => ({ ...s, writablePaths: writablePathsOf(s).filter(p => p !== '/tmp') })) };
}

/** One release at a time, a port or ports, and a port wherever a Service or route needs one. Returns the main container's ports. */
function checkMicroserviceOptions(scope: Construct, options: MicroserviceOptions, prop: string): ResolvedPort[] {
  const fail = (rule: { prop: string; rule: string; value: unknown; fix: string }) => propError(scope, TYPE, rule);
  if (options.canary && options.blueGreen) {
    throw fail({ prop: `${prop}.canary`, rule: 'and blueGreen cannot both be set: a service is released one way at a time', value: 'canary and blueGreen', fix: 'keep one release strategy' });
  }
  if (options.port !== undefined && options.ports !== undefined) {
    throw fail({ prop: `${prop}.port`, rule: 'cannot be set with ports', value: options.port, fix: 'list every port, the main one first, in ports' });
  }
  checkContainerOptions(scope, options, prop);
  checkPodOptions(scope, options, prop);
  checkSidecars(scope, options, prop, 'app');
  const main = options.ports !== undefined ? resolvePorts(options.ports) : [{ port: options.port ?? 8080, protocol: kplus.Protocol.TCP, name: 'http' }];
  const listens = podPorts(main, options).length > 0;
  for (const [key, given] of [['routes', (options.routes ?? []).length > 0], ['canary', options.canary], ['blueGreen', options.blueGreen], ['exposure', options.exposure]] as const) {
    if (given && !listens) {
      throw fail({ prop: `${prop}.${key}`, rule: 'needs a port: the service listens on none (ports is [])', value: key, fix: 'list the port it listens on in ports, or drop it' });
    }
  }
  return main;
}
