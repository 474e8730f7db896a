import { ApiObject, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkAutoscaleOptions, checkNotAutoscaled, createAutoscaler, minimumReplicas } from './autoscaling';
import { ContainerExtras, finishPodSpec, podLevel } from './container-rendering';
import { createDisruptionBudget, removeDisruptionBudget, wantsDisruptionBudget } from './disruption-budget';
import { HealthChecks, HealthProbe } from './health-probe';
import { mainPortOf, ResolvedPort, resolvePorts } from './port-list';
import { CHECKSUM_ANNOTATION, configChecksum } from './private/config-checksum';
import { defaultServiceName, deploymentName, nameClash } from './private/naming';
import { podProblems } from './private/pod-checks';
import { checkImage, checkPropsBeforeSuper } from './private/prop-checks';
import { defaultResources, plainEnv, sidecarResources } from './private/resources';
import { ADD_SIDECAR_OPTIONS, ADD_SIDECAR_PROPS, AUTOSCALE_OPTIONS, EXPOSE_OPTIONS, PROBED_DEPLOYMENT } from './prop-types';
import { mergeResources } from './resource-merge';
import { ExposeOptions, ExposedPort, ServiceExposure } from './service-exposure';
import { createService } from './service-factory';
import { ServicePort } from './service-port';
import { AutoscaleOptions, WorkloadOptions } from './workload-options';
import { AppIndex } from '../core/app-registry';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { defaultPullPolicy, ImagePolicy, imageVersion } from '../core/image-ref';
import { addMissingLabels, checkChartNamespace, RECOMMENDED_LABELS, recommendedLabels } from '../core/metadata';
import {
  containerSecurityContext, containerSecurityProblems, ContainerSecurityOptions, DOTNET_APP_UID, podSecurityLabel, PodSecurityLevel,
} from '../core/pod-security';
import { checkConstruct, checkProps } from '../core/prop-types';
import { POD_SECURITY_ANNOTATION } from '../validation/rules/pod-security';

const TYPE = 'ProbedDeployment';

/**
 * Props of {@link ProbedDeployment}: one main container, its probes, and the course's defaults.
 *
 * Everything from `kplus.DeploymentProps` still applies; `containers` become sidecars.
 */
export interface ProbedDeploymentProps extends kplus.DeploymentProps, WorkloadOptions {
  /**
   * The main container's image, with a tag or digest (`eshop/catalog-api:1.4.2`).
   */
  readonly image: string;

}

/**
 * Options of {@link ProbedDeployment.addSidecar}: the sidecar's Pod Security level and probes.
 */
export interface AddSidecarOptions extends ContainerSecurityOptions {
  /**
   * The sidecar's probes. A probe without a port calls the sidecar's first TCP port.
   *
   * @default - none
   */
  readonly healthChecks?: HealthChecks;
}

/**
 * A Deployment that cannot be created without a decision about health probes, and that carries
 * the course's availability and security defaults.
 *
 * - liveness and readiness probes (startup optional) on the main container, or an explicit
 *   `HealthChecks.of(...)` / `HealthChecks.none()`;
 * - named after its construct id (`kubectl rollout undo deployment/catalog`), with the
 *   recommended `app.kubernetes.io/*` labels on its objects and pods;
 * - 2 replicas, rolling updates with `maxSurge: 25%` and `maxUnavailable: 0`, 10 revisions kept
 *   for `kubectl rollout undo`;
 * - a topology spread across nodes, and a PodDisruptionBudget when there are 2 or more replicas;
 * - restricted Pod Security with a numeric user (1654), small resource requests and limits, no
 *   service-account token;
 * - a pod template checksum of the ConfigMaps and Secrets it reads, so changing them rolls the
 *   pods.
 *
 * @example
 * const catalog = new ProbedDeployment(chart, 'catalog', {
 *   image: 'eshop/catalog-api:1.0.0',
 *   healthChecks: HealthChecks.aspNetCore(),
 * });
 * catalog.expose();
 */
export class ProbedDeployment extends kplus.Deployment {
  /** The main container. */
  public readonly mainContainer: kplus.Container;
  /** The main port: the main container's first TCP port, if it listens on one. */
  public readonly port?: number;
  /** Every port the main container listens on. */
  public readonly ports: ServicePort[];
  /** The liveness probe of the main container, if any. */
  public readonly liveness?: HealthProbe;
  /** The readiness probe of the main container, if any. */
  public readonly readiness?: HealthProbe;
  /** The startup probe of the main container, if any. */
  public readonly startup?: HealthProbe;
  /** Old ReplicaSets kept for rollbacks. */
  public readonly revisionHistoryLimit: number;
  /** Whether a PodDisruptionBudget is added with 2 or more replicas. */
  public readonly podDisruptionBudgetEnabled: boolean;
  /** Whether pods are spread across nodes. */
  public readonly topologySpreadEnabled: boolean;
  /** The image policy of the main container and the sidecars. */
  public readonly imagePolicy: ImagePolicy;

  private readonly _tmp?: kplus.Volume;
  private readonly _extras = new Map<string, ContainerExtras>();
  private readonly _labels: { [key: string]: string };
  private readonly _declaredPorts: ResolvedPort[];
  private readonly _portsGiven: boolean;
  private readonly _serviceName?: string;
  private readonly _podNonRootAsked: boolean;
  private _service?: kplus.Service;
  private _autoscaler?: kplus.HorizontalPodAutoscaler;
  private _pdb?: ApiObject;
  private _autoscaleOptions?: AutoscaleOptions;

  public constructor(scope: Construct, id: string, props: ProbedDeploymentProps) {
    checkConstruct(scope, id, TYPE, props, PROBED_DEPLOYMENT);
    const where = childPath(scope, id);
    checkPropsBeforeSuper(props, (problem: PropProblem) => propError(where, TYPE, problem));
    checkChartNamespace(scope);
    super(scope, id, deploymentProps(props, id));
    AppIndex.watch(this);

    this._portsGiven = props.ports !== undefined;
    this._declaredPorts = props.ports !== undefined ? resolvePorts(props.ports)
      : [{ port: props.port ?? 8080, protocol: kplus.Protocol.TCP, name: props.portName ?? 'http' }];
    this.ports = this._declaredPorts.map(p => ({ ...p }));
    this.port = mainPortOf(this._declaredPorts);
    this.liveness = props.liveness ?? props.healthChecks?.liveness;
    this.readiness = props.readiness ?? props.healthChecks?.readiness;
    this.startup = props.startup ?? props.healthChecks?.startup;
    this.revisionHistoryLimit = props.revisionHistoryLimit ?? 10;
    this.podDisruptionBudgetEnabled = props.podDisruptionBudget ?? true;
    this.topologySpreadEnabled = props.topologySpread ?? true;
    this.imagePolicy = props.imagePolicy ?? ImagePolicy.REQUIRE_PINNED;
    this._podNonRootAsked = props.securityContext?.ensureNonRoot !== undefined;
    this._serviceName = defaultServiceName(props.serviceName, props.metadata?.name, id);
    addMissingLabels(this.metadata, recommendedLabels({
      name: props.serviceName ?? this.name,
      instance: this.name,
      version: imageVersion(props.image),
      partOf: props.partOf ?? Chart.of(this).node.id,
    }));
    // The Deployment's own labels (a release names both tracks after the service) for its pods and objects.
    this._labels = Object.fromEntries(RECOMMENDED_LABELS
      .map(k => [k, this.metadata.getLabel(k)])
      .filter(([, v]) => v !== undefined)) as { [key: string]: string };
    addMissingLabels(this.podMetadata, this._labels);

    if (props.changeCause) this.metadata.addAnnotation('kubernetes.io/change-cause', props.changeCause);
    if (props.writableTmp ?? true) this._tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(256) });
    this.mainContainer = this.addMainContainer(props);
    for (const sidecar of [...props.containers ?? [], ...props.sidecars ?? []]) this.addSidecar(sidecar);
    this.syncDisruptionBudget();
    this.node.addValidation({ validate: () => this.validatePod() });
    if (props.exposure) this.expose({ exposure: props.exposure, name: props.serviceName });
  }

  /** The Service created by `exposure` or `expose()`, if any. */
  public get service(): kplus.Service | undefined {
    return this._service;
  }

  /** The HorizontalPodAutoscaler created by `autoscale()`, if any. */
  public get autoscaler(): kplus.HorizontalPodAutoscaler | undefined {
    return this._autoscaler;
  }

  /** The PodDisruptionBudget, when there are 2 or more replicas and it is enabled. */
  public get podDisruptionBudget(): ApiObject | undefined {
    return this._pdb;
  }

  /** The pods' Pod Security level: the weakest level of their containers. */
  public get podSecurity(): PodSecurityLevel {
    return podLevel(this._extras);
  }

  /**
   * Adds a container to the pod with small resources (requests 50m CPU and 64Mi memory, limits
   * 200m CPU and 128Mi memory, unless given), restricted Pod Security unless `options` says
   * otherwise, and its own probes if `options.healthChecks` gives any.
   *
   * It shares the pod's network namespace: it must not listen on a port another container uses.
   */
  public addSidecar(props: kplus.ContainerProps, options: AddSidecarOptions = {}): kplus.Container {
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    checkProps(props, ADD_SIDECAR_PROPS, fail, 'addSidecar.props', 'addSidecar');
    checkProps(options, ADD_SIDECAR_OPTIONS, fail, 'addSidecar.options', 'addSidecar');
    const prop = `sidecars.${props.name ?? props.image}`;
    checkImage(props.image, { imagePolicy: this.imagePolicy }, `${prop}.image`, fail);
    const problems = containerSecurityProblems(options, prop);
    if (problems.length > 0) throw fail(problems[0]);
    const container = this.addContainer({
      ...props,
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
      resources: mergeResources(props.resources, sidecarResources()),
      securityContext: containerSecurityContext(options, DOTNET_APP_UID, props.securityContext),
    });
    const ports = container.ports.filter(p => (p.protocol ?? kplus.Protocol.TCP) === kplus.Protocol.TCP);
    this._extras.set(container.name, {
      level: options.podSecurity ?? PodSecurityLevel.RESTRICTED,
      extra: props.securityContext,
      probes: options.healthChecks,
      port: ports[0]?.number,
    });
    if (this._tmp && !(props.volumeMounts ?? []).some(m => m.path === '/tmp')) container.mount('/tmp', this._tmp);
    this.declarePodSecurity();
    return container;
  }

  /**
   * Creates the Service that reaches the main container (one per deployment), named `serviceName`
   * or after the Deployment. Its ports are the main container's (`ports`, each with its own
   * number), or 80 to the main port, unless the exposure names its own.
   */
  public expose(options: ExposeOptions = {}): kplus.Service {
    checkProps(options, EXPOSE_OPTIONS, problem => propError(this, TYPE, problem), 'expose.options', 'expose');
    if (this._service) {
      throw propError(this, TYPE, {
        prop: 'exposure',
        rule: 'can be set once per deployment',
        value: options.name ?? 'a second Service',
        fix: 'add ports to the one exposure, or create another kplus.Service for the extra one',
      });
    }
    const exposure = options.exposure ?? ServiceExposure.clusterIp();
    if (this._declaredPorts.length === 0 && !(exposure.ports && exposure.ports.length > 0)) {
      throw propError(this, TYPE, {
        prop: 'exposure',
        rule: 'needs a port, but the main container listens on none (ports is [])',
        value: exposure.type,
        fix: 'add the port the container listens on to ports, or do not expose it',
      });
    }
    const defaults: number | ExposedPort[] | undefined = this._portsGiven
      ? this._declaredPorts.map(p => ({ port: p.port, targetPort: p.port, name: p.name, protocol: p.protocol }))
      : this.port;
    this._service = createService(this, 'Service', this, exposure, defaults, options.name ?? this._serviceName, TYPE);
    addMissingLabels(this._service.metadata, this._labels);
    return this._service;
  }

  /**
   * Scales between `minReplicas` and `maxReplicas` on CPU and/or memory use, with an
   * autoscaling/v2 HorizontalPodAutoscaler. The Deployment then has no `replicas` field, as
   * Kubernetes requires, so `kubectl apply` does not fight the autoscaler.
   */
  public autoscale(options: AutoscaleOptions): kplus.HorizontalPodAutoscaler {
    checkProps(options, AUTOSCALE_OPTIONS, problem => propError(this, TYPE, problem), 'autoscale.options', 'autoscale');
    if (this._autoscaler) {
      const fix = 'pass every target in one autoscale() call';
      throw propError(this, TYPE, { prop: 'autoscale', rule: 'can be called once', value: options, fix });
    }
    checkNotAutoscaled(this.replicas, problem => propError(this, TYPE, problem));
    checkAutoscaleOptions(this, TYPE, options);
    this._autoscaleOptions = options;
    this._autoscaler = createAutoscaler(this, 'Autoscaler', this, options);
    addMissingLabels(this._autoscaler.metadata, this._labels);
    this.syncDisruptionBudget();
    return this._autoscaler;
  }

  /** The fewest pods this deployment runs: `replicas`, or the autoscaler's minimum. */
  public get minimumReplicas(): number {
    return minimumReplicas(this.replicas, this._autoscaleOptions);
  }

  /** @internal */
  public _toKube(): any {
    const spec: any = super._toKube();
    spec.revisionHistoryLimit = this.revisionHistoryLimit;
    const podSpec = spec.template.spec;
    finishPodSpec(podSpec, this._extras, this._podNonRootAsked);
    // Whatever the replica count: scaling must never change the pod template (and replace pods).
    if (this.topologySpreadEnabled) {
      podSpec.topologySpreadConstraints = [...podSpec.topologySpreadConstraints ?? [], spreadAcrossNodes(this.matchLabels)];
    }
    const checksum = configChecksum(this, this.metadata.namespace, podSpec);
    if (checksum) {
      spec.template.metadata = spec.template.metadata ?? {};
      spec.template.metadata.annotations = { ...spec.template.metadata.annotations, [CHECKSUM_ANNOTATION]: checksum };
    }
    return spec;
  }

  /** The main container: the image, its ports, environment, resources and security. */
  private addMainContainer(props: ProbedDeploymentProps): kplus.Container {
    const container = this.addContainer({
      name: props.containerName ?? 'app',
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
      // TCP is Kubernetes' default: only other protocols are written.
      ports: this._declaredPorts.map(p => ({ number: p.port, name: p.name, ...p.protocol !== kplus.Protocol.TCP ? { protocol: p.protocol } : {} })),
      envVariables: { ...plainEnv(props.env), ...props.envValueFrom },
      envFrom: props.envFrom,
      command: props.command,
      args: props.args,
      workingDir: props.workingDir,
      resources: mergeResources(props.resources, defaultResources()),
      securityContext: containerSecurityContext(props, DOTNET_APP_UID, props.containerSecurityContext),
    });
    this._extras.set(container.name, {
      level: props.podSecurity ?? PodSecurityLevel.RESTRICTED,
      extra: props.containerSecurityContext,
      probes: { liveness: this.liveness, readiness: this.readiness, startup: this.startup },
      port: this.port,
    });
    if (this._tmp) container.mount('/tmp', this._tmp);
    this.declarePodSecurity();
    return container;
  }

  /** A level weaker than RESTRICTED is said in an annotation, which the manifest checks read. */
  private declarePodSecurity(): void {
    const level = this.podSecurity;
    if (level !== PodSecurityLevel.RESTRICTED) this.metadata.addAnnotation(POD_SECURITY_ANNOTATION, podSecurityLabel(level));
  }

  /** A PDB exists exactly when it is enabled and the minimum replica count is 2 or more. */
  private syncDisruptionBudget(): void {
    const wanted = wantsDisruptionBudget(this.podDisruptionBudgetEnabled, this.minimumReplicas);
    if (wanted && !this._pdb) {
      this._pdb = createDisruptionBudget(this, this.metadata.namespace, () => this.matchLabels, this._labels);
    } else if (!wanted && this._pdb) {
      removeDisruptionBudget(this);
      this._pdb = undefined;
    }
  }

  /** Rules over the whole pod and the names, checked at synth because containers and objects can be added later. */
  private validatePod(): string[] {
    const problems = podProblems({
      containers: this.containers,
      mainContainer: this.mainContainer,
      port: this.port,
      extras: this._extras,
      service: this._service,
    });
    const clashes = [
      nameClash(this, this.node.tryFindChild('Resource') as ApiObject | undefined, 'metadata.name'),
      nameClash(this, this._service ? ApiObject.of(this._service) : undefined, 'serviceName'),
    ].filter((p): p is PropProblem => p !== undefined);
    return [...problems, ...clashes].map(problem => validationMessage(TYPE, problem));
  }
}

/** What kplus builds the Deployment from: the course's name, rollout, restart and security defaults. */
function deploymentProps(props: ProbedDeploymentProps, id: string): kplus.DeploymentProps {
  const name = deploymentName(props.metadata?.name, id);
  return {
    ...props,
    metadata: { ...props.metadata, ...name !== undefined ? { name } : {} },
    containers: [],
    // Left unset when not given (kplus renders 2), so that autoscale() can still be called.
    replicas: props.replicas,
    minReady: props.minReady ?? Duration.seconds(5),
    strategy: props.strategy ?? kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: props.maxSurge ?? kplus.PercentOrAbsolute.percent(25),
      maxUnavailable: props.maxUnavailable ?? kplus.PercentOrAbsolute.absolute(0),
    }),
    restartPolicy: props.restartPolicy ?? kplus.RestartPolicy.ALWAYS,
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    securityContext: { ensureNonRoot: true, ...props.securityContext },
    spread: props.spread ?? false,
  };
}

/** Best-effort spread of the pods over nodes, so losing one node does not take them all. */
function spreadAcrossNodes(matchLabels: { [key: string]: string }): any {
  return {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...matchLabels } },
  };
}
