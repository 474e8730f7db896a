import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackWorkloadOptions } from './container-options';
import { buildContainer, checkContainerOptions, StackContainer } from './private/containers';
import { addAliasServices, addPodExtras, checkPodOptions, podSelectorOf } from './private/pod-extras';
import { podSecurityContextOf } from './private/pod-security';
import { StackStatefulSet } from './private/pod-workloads';
import { StackContext, stackContextOf } from './private/stack-context';
import { addContainers, buildSidecars, checkSidecars, HeadlessService, podPorts, servicePorts } from './private/workload-parts';
import { checkMemberArguments, BACKING_SERVICE_OPTIONS } from './prop-types';
import { propError } from '../core/errors';
import { imageVersion } from '../core/image-ref';
import { labelObjectsUnder, recommendedLabels } from '../core/metadata';
import { portNumberProblem } from '../core/names';
import { PodSecurityLevel } from '../core/pod-security';
import { HealthChecks } from '../workload';
import { mainPortOf, ResolvedPort, resolvePorts } from '../workload/port-list';
import { ServicePort } from '../workload/service-port';

const TYPE = 'MicroserviceStack';

/** The user of the official redis, rabbitmq and postgres images. */
const BACKING_UID = 999;

/**
 * Options of {@link MicroserviceStack.addBackingService}.
 */
export interface BackingServiceOptions extends StackWorkloadOptions {
  /**
   * The port clients connect to (6379, 5672, 5432). Give `ports` instead for several.
   *
   * @default - `ports`; one of the two is required
   */
  readonly port?: number;

  /**
   * Where the image keeps its data; a claim of its own (`<name>-data`) is mounted there.
   *
   * @default - no data volume
   */
  readonly dataPath?: string;

  /**
   * Size of the data claim.
   *
   * @default Size.gibibytes(1)
   */
  readonly storage?: Size;

  /**
   * StorageClass of the data claim.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * The probes, as for a microservice (`HealthChecks.of(...)`, `HealthChecks.none()`).
   *
   * @default - TCP probes on the main port: readiness, and liveness every 20 seconds
   */
  readonly healthChecks?: HealthChecks;

  /**
   * Readiness probe, as cdk8s-plus writes it. Prefer `healthChecks`.
   *
   * @default - from `healthChecks`
   */
  readonly readiness?: kplus.Probe;

  /**
   * Liveness probe, as cdk8s-plus writes it. Prefer `healthChecks`.
   *
   * @default - from `healthChecks`
   */
  readonly liveness?: kplus.Probe;
}

/**
 * A stateful dependency (a cache, a broker, a database) for local and course use: a one-replica
 * StatefulSet with its own claim, a headless governing Service (`<name>-headless`: stable pod DNS
 * names) and a Service clients call (`<name>`). Production apps use the managed offering through
 * {@link MicroserviceStack.addExternal} instead.
 */
export class BackingService extends Construct {
  /** The name: Service and DNS name. */
  public readonly name: string;
  /** The StatefulSet. */
  public readonly statefulSet: kplus.StatefulSet;
  /** The Service clients call, if the backing service listens on a port. */
  public readonly service?: kplus.Service;
  /** The headless governing Service of the StatefulSet (`<name>-headless`). */
  public readonly headlessService: kplus.Service;
  /** The data claim, if `dataPath` is set. */
  public readonly claim?: kplus.PersistentVolumeClaim;
  /** The main port clients connect to, if it listens on one. */
  public readonly port?: number;
  /** Every port of its pod. */
  public readonly ports: ServicePort[];
  /** The image. */
  public readonly image: string;
  /** The parts of the stack it calls. */
  public readonly talksTo: string[];
  /** The networks it is a member of. */
  public readonly networks: string[];
  /** The parts of the stack its pods wait for. */
  public readonly waitFor: string[];
  /** The other Service names of its pod. */
  public readonly aliasServices: kplus.Service[];
  /** The Docker build context, if the image is built from source. */
  public readonly buildContext?: string;
  /** The Dockerfile, relative to the build context. */
  public readonly dockerfile?: string;
  /** The stage of the Dockerfile built, if not the last. */
  public readonly buildTarget?: string;
  /** The build arguments. */
  public readonly buildArgs?: { [name: string]: string };

  /** @internal */
  constructor(scope: Construct, name: string, options: BackingServiceOptions) {
    checkMemberArguments(scope, name, 'addBackingService', options, BACKING_SERVICE_OPTIONS);
    super(scope, name);
    const context = stackContextOf(scope, TYPE);
    const prop = `addBackingService("${name}")`;
    const main = checkBackingOptions(this, options, prop);
    this.name = name;
    this.image = context.resolveImage(options.image, this);
    this.talksTo = [...options.talksTo ?? []];
    this.networks = [...options.networks ?? ['default']];
    this.waitFor = [...options.waitFor ?? []];
    this.buildContext = options.buildContext;
    this.dockerfile = options.buildContext !== undefined ? options.dockerfile ?? 'Dockerfile' : undefined;
    this.buildTarget = options.buildTarget;
    this.buildArgs = options.buildArgs ? { ...options.buildArgs } : undefined;
    const ports = podPorts(main, options);
    this.ports = ports.map(p => ({ ...p }));
    this.port = mainPortOf(ports);
    const containers = [this.mainContainer(options, main, context), ...buildSidecars(this, name, name, prop, options, context)];

    this.headlessService = new HeadlessService(this, 'Headless', {
      metadata: { name: `${name}-headless` },
      ports: servicePorts(ports),
    }, () => this.statefulSet.matchLabels);
    const labels = recommendedLabels({ name, instance: name, version: imageVersion(this.image), partOf: context.appName });
    // A backing service keeps data: its files belong to its group, as ever (a claim may come later).
    this.statefulSet = new StackStatefulSet(this, 'StatefulSet', {
      metadata: { name, labels },
      service: this.headlessService,
      replicas: 1,
      podMetadata: { labels },
      automountServiceAccountToken: false,
      securityContext: podSecurityContextOf(options, BACKING_UID, true, true),
      hostAliases: options.hostAliases,
      terminationGracePeriod: options.terminationGracePeriod,
    });
    const [mainContainer] = addContainers(this.statefulSet as StackStatefulSet, containers);
    if (ports.length > 0) {
      this.service = new kplus.Service(this, 'Service', {
        metadata: { name },
        selector: this.statefulSet,
        ports: servicePorts(ports),
      });
    }
    if (options.dataPath !== undefined) this.claim = this.dataClaim(options, mainContainer);
    addPodExtras(this.statefulSet, options, context);
    this.aliasServices = addAliasServices(this, options.aliases ?? [], this.service, podSelectorOf(name, context.appName));
    context.addNetworkPolicy(this, name);
    labelObjectsUnder(this, recommendedLabels({ name, instance: name, partOf: context.appName }));
  }

  /** The pods' Pod Security level: the weakest level of their containers. */
  public get podSecurity(): PodSecurityLevel {
    return (this.statefulSet as StackStatefulSet).podSecurity;
  }

  private mainContainer(options: BackingServiceOptions, ports: ResolvedPort[], context: StackContext): StackContainer {
    const port = mainPortOf(ports);
    const built = buildContainer({
      scope: this,
      name: 'main',
      objectName: this.name,
      part: this.name,
      prop: `addBackingService("${this.name}")`,
      prefix: '',
      options,
      image: this.image,
      ports,
      talksTo: this.talksTo,
      probes: options.healthChecks,
      defaultUser: BACKING_UID,
      defaultResources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
    }, context);
    if (options.healthChecks || port === undefined) return built;
    // Without health checks: is the port open (cdk8s-plus's probes, as ever).
    return {
      ...built,
      props: {
        ...built.props,
        readiness: options.readiness ?? kplus.Probe.fromTcpSocket({ port }),
        liveness: options.liveness ?? kplus.Probe.fromTcpSocket({ port, periodSeconds: Duration.seconds(20) }),
      },
    };
  }

  private dataClaim(options: BackingServiceOptions, container: kplus.Container): kplus.PersistentVolumeClaim {
    const claim = new kplus.PersistentVolumeClaim(this, 'Data', {
      metadata: { name: `${this.name}-data` },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storage: options.storage ?? Size.gibibytes(1),
      storageClassName: options.storageClassName,
    });
    container.mount(options.dataPath!, kplus.Volume.fromPersistentVolumeClaim(this, 'data', claim));
    return claim;
  }
}

/** A port (or ports), valid container and sidecar options, and probes given one way. Returns the main container's ports. */
function checkBackingOptions(scope: Construct, options: BackingServiceOptions, prop: string): ResolvedPort[] {
  if (options.port !== undefined && options.ports !== undefined) {
    throw propError(scope, TYPE, { prop: `${prop}.port`, rule: 'cannot be set with ports', value: options.port, fix: 'list every port, the main one first, in ports' });
  }
  if (options.port === undefined && options.ports === undefined) {
    throw propError(scope, TYPE, { prop: `${prop}.port`, rule: 'is required (or ports)', value: undefined, fix: 'pass the port clients connect to, or ports: [] for none' });
  }
  if (options.port !== undefined && portNumberProblem(options.port)) {
    throw propError(scope, TYPE, { prop: `${prop}.port`, rule: 'must be an integer from 1 to 65535', value: options.port, fix: 'pass the port clients connect to' });
  }
  if (options.healthChecks && (options.readiness || options.liveness)) {
    throw propError(scope, TYPE, { prop: `${prop}.healthChecks`, rule: 'cannot be set with readiness or liveness', value: 'both', fix: 'put every probe in healthChecks' });
  }
  checkContainerOptions(scope, options, prop);
  checkPodOptions(scope, options, prop);
  checkSidecars(scope, options, prop, 'main');
  return options.ports !== undefined ? resolvePorts(options.ports) : [{ port: options.port!, protocol: kplus.Protocol.TCP, name: 'tcp' }];
}
