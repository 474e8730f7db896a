import { ApiObject, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkAutoscaleOptions, checkNotAutoscaled, createAutoscaler, minimumReplicas } from './autoscaling';
import { createDisruptionBudget, removeDisruptionBudget, wantsDisruptionBudget } from './disruption-budget';
import { HealthProbe } from './health-probe';
import { CHECKSUM_ANNOTATION, configChecksum } from './private/config-checksum';
import { podProblems } from './private/pod-checks';
import { checkPropsBeforeSuper } from './private/prop-checks';
import { defaultResources, sidecarResources } from './private/resources';
import { ExposeOptions, ServiceExposure } from './service-exposure';
import { createService } from './service-factory';
import { AutoscaleOptions, WorkloadOptions } from './workload-options';
import { AppIndex } from '../core/app-registry';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { defaultPullPolicy } from '../core/image-ref';
import { restrictedSecurityContext } from '../core/pod-security';

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
 * A Deployment that cannot be created without health probes, and that carries the course's
 * availability and security defaults.
 *
 * - liveness and readiness probes (startup optional) on the main container;
 * - 2 replicas, rolling updates with `maxSurge: 25%` and `maxUnavailable: 0`, 10 revisions kept
 *   for `kubectl rollout undo`;
 * - a PodDisruptionBudget and a topology spread when there are 2 or more replicas;
 * - restricted Pod Security, small resource requests and limits, no service-account token;
 * - a pod template checksum of the ConfigMaps and Secrets it reads, so changing them rolls the
 *   pods.
 *
 * @example
 * const catalog = new ProbedDeployment(chart, 'catalog', {
 *   image: 'eshop/catalog-api:1.0.0',
 *   healthChecks: HealthChecks.aspNetCore(),
 * });
 * catalog.expose({ name: 'catalog' });
 */
export class ProbedDeployment extends kplus.Deployment {
  /** The main container. */
  public readonly mainContainer: kplus.Container;
  /** The port the main container listens on. */
  public readonly port: number;
  /** The liveness probe of the main container. */
  public readonly liveness: HealthProbe;
  /** The readiness probe of the main container. */
  public readonly readiness: HealthProbe;
  /** The startup probe of the main container, if any. */
  public readonly startup?: HealthProbe;
  /** Old ReplicaSets kept for rollbacks. */
  public readonly revisionHistoryLimit: number;
  /** Whether a PodDisruptionBudget is added with 2 or more replicas. */
  public readonly podDisruptionBudgetEnabled: boolean;
  /** Whether pods are spread across nodes with 2 or more replicas. */
  public readonly topologySpreadEnabled: boolean;

  private readonly _tmp?: kplus.Volume;
  private _service?: kplus.Service;
  private _autoscaler?: kplus.HorizontalPodAutoscaler;
  private _pdb?: ApiObject;
  private _autoscaleOptions?: AutoscaleOptions;

  public constructor(scope: Construct, id: string, props: ProbedDeploymentProps) {
    const where = childPath(scope, id);
    checkPropsBeforeSuper(props, (problem: PropProblem) => propError(where, TYPE, problem));
    super(scope, id, deploymentProps(props));
    AppIndex.watch(this);

    this.port = props.port ?? 8080;
    this.liveness = (props.liveness ?? props.healthChecks?.liveness)!;
    this.readiness = (props.readiness ?? props.healthChecks?.readiness)!;
    this.startup = props.startup ?? props.healthChecks?.startup;
    this.revisionHistoryLimit = props.revisionHistoryLimit ?? 10;
    this.podDisruptionBudgetEnabled = props.podDisruptionBudget ?? true;
    this.topologySpreadEnabled = props.topologySpread ?? true;

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

  /**
   * Adds a container to the pod with the same security defaults and small resources
   * (requests 50m CPU and 64Mi memory, limits 200m CPU and 128Mi memory, unless given).
   *
   * It shares the pod's network namespace: it must not listen on a port another container uses.
   */
  public addSidecar(props: kplus.ContainerProps): kplus.Container {
    const container = this.addContainer({
      ...props,
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
      resources: props.resources ?? sidecarResources(),
      securityContext: restrictedSecurityContext(props.securityContext),
    });
    if (this._tmp && !(props.volumeMounts ?? []).some(m => m.path === '/tmp')) container.mount('/tmp', this._tmp);
    return container;
  }

  /**
   * Creates the Service that reaches the main container (one per deployment).
   */
  public expose(options: ExposeOptions = {}): kplus.Service {
    if (this._service) {
      throw propError(this, TYPE, {
        prop: 'exposure',
        rule: 'can be set once per deployment',
        value: options.name ?? 'a second Service',
        fix: 'add ports to the one exposure, or create another kplus.Service for the extra one',
      });
    }
    this._service = createService(this, 'Service', this, options.exposure ?? ServiceExposure.clusterIp(), this.port, options.name, TYPE);
    return this._service;
  }

  /**
   * Scales between `minReplicas` and `maxReplicas` on CPU and/or memory use, with an
   * autoscaling/v2 HorizontalPodAutoscaler. The Deployment then has no `replicas` field, as
   * Kubernetes requires, so `kubectl apply` does not fight the autoscaler.
   */
  public autoscale(options: AutoscaleOptions): kplus.HorizontalPodAutoscaler {
    if (this._autoscaler) {
      const fix = 'pass every target in one autoscale() call';
      throw propError(this, TYPE, { prop: 'autoscale', rule: 'can be called once', value: options, fix });
    }
    checkNotAutoscaled(this.replicas, problem => propError(this, TYPE, problem));
    checkAutoscaleOptions(this, TYPE, options);
    this._autoscaleOptions = options;
    this._autoscaler = createAutoscaler(this, 'Autoscaler', this, options);
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
    const main = podSpec.containers.find((c: any) => c.name === this.mainContainer.name);
    main.livenessProbe = this.liveness._toKube(this.port);
    main.readinessProbe = this.readiness._toKube(this.port);
    if (this.startup) main.startupProbe = this.startup._toKube(this.port);
    if (this.topologySpreadEnabled && this.minimumReplicas >= 2) {
      podSpec.topologySpreadConstraints = [...podSpec.topologySpreadConstraints ?? [], spreadAcrossNodes(this.matchLabels)];
    }
    const checksum = configChecksum(this, this.metadata.namespace, podSpec);
    if (checksum) {
      spec.template.metadata = spec.template.metadata ?? {};
      spec.template.metadata.annotations = { ...spec.template.metadata.annotations, [CHECKSUM_ANNOTATION]: checksum };
    }
    return spec;
  }

  /** The main container: the image, its port, environment, resources and restricted security. */
  private addMainContainer(props: ProbedDeploymentProps): kplus.Container {
    const container = this.addContainer({
      name: props.containerName ?? 'app',
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
      ports: [{ number: this.port, name: props.portName ?? 'http' }],
      envVariables: props.env,
      envFrom: props.envFrom,
      command: props.command,
      args: props.args,
      resources: props.resources ?? defaultResources(),
      securityContext: restrictedSecurityContext(props.containerSecurityContext),
    });
    if (this._tmp) container.mount('/tmp', this._tmp);
    return container;
  }

  /** A PDB exists exactly when it is enabled and the minimum replica count is 2 or more. */
  private syncDisruptionBudget(): void {
    const wanted = wantsDisruptionBudget(this.podDisruptionBudgetEnabled, this.minimumReplicas);
    if (wanted && !this._pdb) {
      this._pdb = createDisruptionBudget(this, this.metadata.namespace, () => this.matchLabels);
    } else if (!wanted && this._pdb) {
      removeDisruptionBudget(this);
      this._pdb = undefined;
    }
  }

  /** Rules over the whole pod, checked at synth because containers can be added later. */
  private validatePod(): string[] {
    return podProblems({
      containers: this.containers,
      mainContainer: this.mainContainer,
      port: this.port,
      probes: [['liveness', this.liveness], ['readiness', this.readiness], ['startup', this.startup]],
      service: this._service,
    }).map(problem => validationMessage(TYPE, problem));
  }
}

/** What kplus builds the Deployment from: the course's rollout, restart and security defaults. */
function deploymentProps(props: ProbedDeploymentProps): kplus.DeploymentProps {
  return {
    ...props,
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
