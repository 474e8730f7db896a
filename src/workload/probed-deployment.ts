import { createHash } from 'crypto';
import { ApiObject, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HealthProbe } from './health-probe';
import { ExposeOptions, ServiceExposure } from './service-exposure';
import { WorkloadOptions } from './workload-options';
import { createService } from './service-factory';
import { AppIndex } from '../core/app-registry';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { defaultPullPolicy } from '../core/image-ref';
import { dns1123SubdomainProblem, dotnetEnvVarName, envVarNameProblem, portNameProblem, portNumberProblem } from '../core/names';
import { restrictedSecurityContext } from '../core/pod-security';

const TYPE = 'ProbedDeployment';

/** The pod template annotation that changes when referenced ConfigMaps or Secrets change. */
const CHECKSUM_ANNOTATION = 'k8s-course-constructs/config-checksum';

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
 * Options of {@link ProbedDeployment.autoscale}.
 */
export interface AutoscaleOptions {
  /**
   * Fewest replicas. At least 1; 2 or more also gets a PodDisruptionBudget.
   *
   * @default 2
   */
  readonly minReplicas?: number;

  /**
   * Most replicas.
   */
  readonly maxReplicas: number;

  /**
   * Target average CPU use, as a percentage of the CPU request (1-100).
   *
   * @default - 70 when no memory target is given, else no CPU target
   */
  readonly cpuUtilization?: number;

  /**
   * Target average memory use, as a percentage of the memory request (1-100).
   *
   * @default - no memory target
   */
  readonly memoryUtilization?: number;
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
  private _minReplicas?: number;

  public constructor(scope: Construct, id: string, props: ProbedDeploymentProps) {
    const where = childPath(scope, id);
    const fail = (problem: PropProblem) => propError(where, TYPE, problem);
    checkPropsBeforeSuper(props, fail);

    super(scope, id, {
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
    });
    AppIndex.watch(this);

    this.port = props.port ?? 8080;
    this.liveness = (props.liveness ?? props.healthChecks?.liveness)!;
    this.readiness = (props.readiness ?? props.healthChecks?.readiness)!;
    this.startup = props.startup ?? props.healthChecks?.startup;
    this.revisionHistoryLimit = props.revisionHistoryLimit ?? 10;
    this.podDisruptionBudgetEnabled = props.podDisruptionBudget ?? true;
    this.topologySpreadEnabled = props.topologySpread ?? true;

    if (props.changeCause) {
      this.metadata.addAnnotation('kubernetes.io/change-cause', props.changeCause);
    }

    if (props.writableTmp ?? true) {
      this._tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(256) });
    }
    const securityContext = restrictedSecurityContext(props.containerSecurityContext);
    this.mainContainer = this.addContainer({
      name: props.containerName ?? 'app',
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
      ports: [{ number: this.port, name: props.portName ?? 'http' }],
      envVariables: props.env,
      envFrom: props.envFrom,
      command: props.command,
      args: props.args,
      resources: props.resources ?? defaultResources(),
      securityContext,
    });
    if (this._tmp) this.mainContainer.mount('/tmp', this._tmp);
    for (const sidecar of [...props.containers ?? [], ...props.sidecars ?? []]) {
      this.addSidecar(sidecar);
    }
    this.syncDisruptionBudget();
    this.node.addValidation({ validate: () => this.validatePod() });

    if (props.exposure) {
      this.expose({ exposure: props.exposure, name: props.serviceName });
    }
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
    const minReplicas = options.minReplicas ?? 2;
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    if (this._autoscaler) {
      throw fail({ prop: 'autoscale', rule: 'can be called once', value: options, fix: 'pass every target in one autoscale() call' });
    }
    if (this.replicas !== undefined) {
      throw fail({ prop: 'replicas', rule: 'must not be set on an autoscaled deployment (the autoscaler owns the replica count)', value: this.replicas, fix: 'drop replicas and set autoscale.minReplicas instead' });
    }
    if (!Number.isInteger(minReplicas) || minReplicas < 1) {
      throw fail({ prop: 'autoscale.minReplicas', rule: 'must be an integer of at least 1', value: minReplicas, fix: 'use 2 or more for availability; scale to zero with replicas: 0 instead of an autoscaler' });
    }
    if (!Number.isInteger(options.maxReplicas) || options.maxReplicas < minReplicas) {
      throw fail({ prop: 'autoscale.maxReplicas', rule: `must be an integer not below minReplicas (${minReplicas})`, value: options.maxReplicas, fix: 'raise maxReplicas or lower minReplicas' });
    }
    for (const key of ['cpuUtilization', 'memoryUtilization'] as const) {
      const value = options[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) {
        throw fail({ prop: `autoscale.${key}`, rule: 'must be a whole percentage from 1 to 100', value, fix: 'pass a target such as 70' });
      }
    }
    const cpu = options.cpuUtilization ?? (options.memoryUtilization === undefined ? 70 : undefined);
    const metrics: kplus.Metric[] = [];
    if (cpu !== undefined) metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu)));
    if (options.memoryUtilization !== undefined) {
      metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(options.memoryUtilization)));
    }
    this._minReplicas = minReplicas;
    this._autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      target: this,
      minReplicas,
      maxReplicas: options.maxReplicas,
      metrics,
    });
    this.syncDisruptionBudget();
    return this._autoscaler;
  }

  /** The fewest pods this deployment runs: `replicas`, or the autoscaler's minimum. */
  public get minimumReplicas(): number {
    return this._minReplicas ?? this.replicas ?? 2;
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
      podSpec.topologySpreadConstraints = [
        ...podSpec.topologySpreadConstraints ?? [],
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { ...this.matchLabels } },
        },
      ];
    }
    const checksum = this.configChecksum(podSpec);
    if (checksum) {
      spec.template.metadata = spec.template.metadata ?? {};
      spec.template.metadata.annotations = { ...spec.template.metadata.annotations, [CHECKSUM_ANNOTATION]: checksum };
    }
    return spec;
  }

  /** A PDB exists exactly when it is enabled and the minimum replica count is 2 or more. */
  private syncDisruptionBudget(): void {
    const wanted = this.podDisruptionBudgetEnabled && this.minimumReplicas >= 2;
    if (wanted && !this._pdb) {
      this._pdb = new ApiObject(this, 'DisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { namespace: this.metadata.namespace },
        spec: Lazy.any({ produce: () => ({ maxUnavailable: 1, selector: { matchLabels: { ...this.matchLabels } } }) }),
      });
    } else if (!wanted && this._pdb) {
      this.node.tryRemoveChild('DisruptionBudget');
      this._pdb = undefined;
    }
  }

  /**
   * A hash of the data of every ConfigMap and Secret of this app that the pod reads, so that
   * changing one changes the pod template and rolls the pods.
   */
  private configChecksum(podSpec: any): string | undefined {
    const refs = new Set<string>();
    const namespace = this.metadata.namespace;
    for (const c of [...podSpec.containers ?? [], ...podSpec.initContainers ?? []]) {
      for (const e of c.env ?? []) {
        if (e.valueFrom?.configMapKeyRef) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
        if (e.valueFrom?.secretKeyRef) refs.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef) refs.add(`ConfigMap/${e.configMapRef.name}`);
        if (e.secretRef) refs.add(`Secret/${e.secretRef.name}`);
      }
    }
    for (const v of podSpec.volumes ?? []) {
      if (v.configMap) refs.add(`ConfigMap/${v.configMap.name}`);
      if (v.secret) refs.add(`Secret/${v.secret.secretName}`);
    }
    if (refs.size === 0) return undefined;
    const index = AppIndex.of(this);
    const hash = createHash('sha256');
    let found = 0;
    for (const ref of [...refs].sort()) {
      const [kind, name] = ref.split('/');
      const obj = index.find(kind, namespace, name);
      if (!obj) continue;
      const json = obj.toJson();
      hash.update(`${ref}\n${stableJson({ data: json.data, stringData: json.stringData, binaryData: json.binaryData })}\n`);
      found++;
    }
    return found > 0 ? hash.digest('hex').slice(0, 16) : undefined;
  }

  /** Rules over the whole pod, checked at synth because containers can be added later. */
  private validatePod(): string[] {
    const errors: string[] = [];
    const problem = (p: PropProblem) => errors.push(validationMessage(TYPE, p));
    const containers = this.containers;
    const owner = new Map<string, string>();
    for (const c of containers) {
      for (const p of c.ports) {
        const key = `${p.number}/${p.protocol ?? 'TCP'}`;
        const first = owner.get(key);
        if (first !== undefined) {
          problem({
            prop: `containers.${c.name}.ports`,
            rule: `must not reuse a port of another container of the pod: "${first}" and "${c.name}" both listen on ${p.number}`,
            value: p.number,
            fix: 'containers of one pod share its network namespace; move one of them to another port',
          });
        } else {
          owner.set(key, c.name);
        }
        if (p.name !== undefined && portNameProblem(p.name)) {
          problem({ prop: `containers.${c.name}.ports.name`, rule: portNameProblem(p.name)!, value: p.name, fix: 'use a short lowercase name such as "http"' });
        }
      }
      for (const name of Object.keys(c.env.variables)) {
        const envProblem = envVarNameProblem(name);
        if (envProblem) {
          problem({ prop: `containers.${c.name}.env`, rule: envProblem, value: name, fix: `use "${dotnetEnvVarName(name)}" (.NET reads "__" as ":")` });
        }
      }
    }
    const main = this.mainContainer;
    const mainPorts = main.ports.map(p => p.number);
    const probes: Array<[string, HealthProbe | undefined]> = [['liveness', this.liveness], ['readiness', this.readiness], ['startup', this.startup]];
    for (const [name, probe] of probes) {
      const port = probe?.portFor(this.port);
      if (port !== undefined && !mainPorts.includes(port)) {
        problem({
          prop: name,
          rule: `must probe a port of container "${main.name}" (${mainPorts.join(', ')})`,
          value: port,
          fix: `probe port ${this.port}, or add port ${port} to the container`,
        });
      }
    }
    if (this._service) {
      const allPorts = containers.flatMap(c => c.ports.map(p => p.number));
      for (const p of this._service.ports) {
        const target = p.targetPort ?? p.port;
        if (!allPorts.includes(target)) {
          problem({
            prop: 'exposure.ports.targetPort',
            rule: `must be a port of a container of the pod (${allPorts.join(', ')})`,
            value: target,
            fix: `send traffic to port ${this.port}, or add port ${target} to a container`,
          });
        }
      }
    }
    return errors;
  }
}

/** Checks that need no construct, so they run before `super()` and before kplus's own checks. */
function checkPropsBeforeSuper(props: ProbedDeploymentProps, fail: (p: PropProblem) => Error): void {
  if (!props.image || props.image.trim() !== props.image) {
    throw fail({ prop: 'image', rule: 'is required and must not have surrounding spaces', value: props.image, fix: 'pass an image with a tag, such as "eshop/catalog-api:1.0.0"' });
  }
  const liveness = props.liveness ?? props.healthChecks?.liveness;
  const readiness = props.readiness ?? props.healthChecks?.readiness;
  for (const [name, probe] of [['liveness', liveness], ['readiness', readiness]] as const) {
    if (!probe) {
      throw fail({
        prop: name,
        rule: 'is required: a ProbedDeployment cannot run without liveness and readiness probes',
        value: probe,
        fix: `pass ${name}: HealthProbe.httpGet('/health') (or tcpSocket / exec), or healthChecks: HealthChecks.aspNetCore()`,
      });
    }
  }
  const probes: Array<[string, HealthProbe | undefined]> = [['liveness', liveness], ['readiness', readiness], ['startup', props.startup ?? props.healthChecks?.startup]];
  for (const [name, probe] of probes) {
    if (!probe) continue;
    const o = probe._options;
    const period = o.period?.toSeconds() ?? 10;
    const timeout = o.timeout?.toSeconds() ?? 1;
    if (timeout > period) {
      throw fail({
        prop: `${name}.timeout`,
        rule: `must not be longer than ${name}.period (${period}s)`,
        value: `${timeout}s`,
        fix: 'shorten the timeout or lengthen the period: a probe must finish before the next one starts',
      });
    }
    if (period < 1 || timeout < 1) {
      throw fail({ prop: `${name}.period`, rule: 'and timeout must be at least 1 second', value: `${period}s/${timeout}s`, fix: 'use whole seconds of 1 or more' });
    }
    for (const k of ['failureThreshold', 'successThreshold'] as const) {
      const v = o[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
        throw fail({ prop: `${name}.${k}`, rule: 'must be an integer of at least 1', value: v, fix: 'use 1 or more' });
      }
    }
    if (name !== 'readiness' && (o.successThreshold ?? 1) !== 1) {
      throw fail({ prop: `${name}.successThreshold`, rule: 'must be 1 for liveness and startup probes', value: o.successThreshold, fix: 'drop successThreshold, or set it on the readiness probe' });
    }
    const port = probe._target.port;
    if (port !== undefined && portNumberProblem(port)) {
      throw fail({ prop: `${name}.port`, rule: 'must be an integer from 1 to 65535', value: port, fix: 'probe the container port' });
    }
  }
  if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
    throw fail({ prop: 'replicas', rule: 'must be an integer of 0 or more', value: props.replicas, fix: 'use 2 or more for availability, 0 to stop the service' });
  }
  if (props.revisionHistoryLimit !== undefined && (!Number.isInteger(props.revisionHistoryLimit) || props.revisionHistoryLimit < 0)) {
    throw fail({ prop: 'revisionHistoryLimit', rule: 'must be an integer of 0 or more', value: props.revisionHistoryLimit, fix: 'keep 10 to be able to roll back' });
  }
  const port = props.port ?? 8080;
  if (portNumberProblem(port)) {
    throw fail({ prop: 'port', rule: 'must be an integer from 1 to 65535', value: port, fix: 'use the port the app listens on, 8080 for ASP.NET Core 8+' });
  }
  if (props.portName !== undefined && portNameProblem(props.portName)) {
    throw fail({ prop: 'portName', rule: portNameProblem(props.portName)!, value: props.portName, fix: 'use a short lowercase name such as "http"' });
  }
  const surge = props.maxSurge ?? kplus.PercentOrAbsolute.percent(25);
  const unavailable = props.maxUnavailable ?? kplus.PercentOrAbsolute.absolute(0);
  if (!props.strategy && surge.isZero() && unavailable.isZero()) {
    throw fail({
      prop: 'maxSurge',
      rule: 'and maxUnavailable must not both be 0 (the rollout could never make progress)',
      value: `${surge.value} / ${unavailable.value}`,
      fix: 'keep maxUnavailable 0 and set maxSurge to 1 or 25%',
    });
  }
  if (props.metadata?.name !== undefined && dns1123SubdomainProblem(props.metadata.name)) {
    throw fail({ prop: 'metadata.name', rule: dns1123SubdomainProblem(props.metadata.name)!, value: props.metadata.name, fix: 'use lowercase letters, digits and \'-\'' });
  }
  for (const name of Object.keys(props.env ?? {})) {
    const problem = envVarNameProblem(name);
    if (problem) {
      throw fail({ prop: 'env', rule: problem, value: name, fix: `use "${dotnetEnvVarName(name)}" (.NET reads "__" as ":")` });
    }
  }
  if (props.exposure === undefined && props.serviceName !== undefined) {
    throw fail({ prop: 'serviceName', rule: 'needs an exposure', value: props.serviceName, fix: 'add exposure: ServiceExposure.clusterIp() or call expose()' });
  }
}


/** Sized for a small ASP.NET Core service, not cdk8s-plus's 1 CPU request. */
function defaultResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
  };
}

/** Sidecars (proxies, log shippers) need less than the service they sit beside. */
function sidecarResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
  };
}

/** JSON with sorted keys, so a checksum does not depend on insertion order. */
function stableJson(value: any): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter(k => value[k] !== undefined).map(k => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
