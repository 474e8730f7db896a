import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { BackingService, BackingServiceOptions } from './backing-service';
import { Microservice } from './microservice';
import { MicroserviceOptions } from './microservice-options';
import { OneShotJob, JobOptions } from './one-shot-job';
import { ApiGateway, GatewayImplementation, GatewayKind } from '../gateway';
import { Platform } from '../platform';
import { ClaimStorageClass, NfsGroupAccess, NfsVolume, NfsVolumeProps } from '../storage';
import { ManifestValidator } from '../validation';
import { ExternalService } from '../workload';
import { applyAspNetCoreEnvironment, healthEndpointWarning, warnOnce } from './private/aspnetcore-environment';
import { checkGatewaySubnet, platformGatewayKind } from './private/gateway-sources';
import { backingMember, jobMember, serviceMember } from './private/members';
import { stackModel } from './private/model';
import { addBaseNetworkPolicies, addIngressDefaultDeny } from './private/network-policies';
import { namespaceLevel } from './private/pod-security';
import { stackProblems } from './private/stack-checks';
import { StackRegistry } from './private/stack-registry';
import { talksToWarnings } from './private/talks-to-warnings';
import { BACKING_SERVICE_OPTIONS, checkAddArguments, EXTERNAL_OPTIONS, JOB_OPTIONS, MICROSERVICE_OPTIONS, MICROSERVICE_STACK } from './prop-types';
import { StackModel } from './stack-model';
import { ExternalOptions, MicroserviceStackProps, NetworkPolicyMode } from './stack-options';
import { cloudOfAnnotations, cloudOfIngressClass, CloudProvider } from '../core/cloud';
import { propError } from '../core/errors';
import { MANAGED_BY, MANAGED_BY_LABEL, omitNamespaceIfClusterScoped, PART_OF_LABEL } from '../core/metadata';
import { dns1035LabelProblem, hostnameProblem, portNumberProblem, toDns1035Label } from '../core/names';
import { podSecurityLabel, PodSecurityLevel } from '../core/pod-security';
import { checkArguments, checkConstruct, required, types as t } from '../core/prop-types';
import { Warnings } from '../core/warnings';
import { nfsVolumeProps } from '../storage/prop-types';

const TYPE = 'MicroserviceStack';

/**
 * A whole .NET microservice application in one chart: services with the course's defaults,
 * wired by name, behind default-deny NetworkPolicies, checked as a whole at synth.
 *
 * @example
 * const shop = new MicroserviceStack(app, 'eshop', { namespace: 'eshop', platform: Platform.AKS });
 * shop.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
 * shop.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['catalog'] });
 */
export class MicroserviceStack extends Chart {
  /** The platform. */
  public readonly platform: Platform;
  /** The application name. */
  public readonly appName: string;
  /** The namespace object, when the stack creates it. */
  public readonly namespaceObject?: ApiObject;
  /** Which NetworkPolicies the stack draws. */
  public readonly networkPolicy: NetworkPolicyMode;

  private readonly props: MicroserviceStackProps;
  private readonly registry: StackRegistry;
  private _gateway?: ApiGateway;

  public constructor(scope: Construct, id: string, props: MicroserviceStackProps = {}) {
    checkConstruct(scope, id, TYPE, props, MICROSERVICE_STACK);
    // Every object of the app says what it is part of, and what manages it.
    super(scope, id, { ...props, labels: { [PART_OF_LABEL]: props.appName ?? id, [MANAGED_BY_LABEL]: MANAGED_BY, ...props.labels } });
    this.props = props;
    this.platform = props.platform ?? Platform.LOCAL;
    this.appName = props.appName ?? id;
    this.checkNamespace(props.namespace);
    this.networkPolicy = this.policyMode(props);
    this.registry = new StackRegistry(this, {
      appName: this.appName,
      namespace: this.namespace,
      platform: this.platform,
      imageRegistry: props.imageRegistry,
      defaultImageTag: props.defaultImageTag,
      imagePolicy: props.imagePolicy,
      networkPolicy: this.networkPolicy,
      gateway: () => this.gateway,
      internalNetworks: props.internalNetworks,
      serviceUrls: props.serviceUrls,
      defaultResources: props.defaultResources,
    });
    if (props.namespace !== undefined && (props.createNamespace ?? true)) {
      this.namespaceObject = this.createNamespace(props.namespace);
    }
    if (this.networkPolicy === NetworkPolicyMode.CALL_GRAPH) addBaseNetworkPolicies(this, this.platform.dnsResolverCidrs);
    if (this.networkPolicy === NetworkPolicyMode.NETWORKS) addIngressDefaultDeny(this);
    this.node.addValidation({ validate: () => stackProblems(this.registry, props.requireRestricted ?? false) });
    this.node.addValidation({ validate: () => this.addCheckWarnings() });
  }

  /**
   * The Pod Security level the stack's namespace enforces: the weakest level any of its workloads
   * needs (RESTRICTED unless a workload says otherwise).
   */
  public get podSecurity(): PodSecurityLevel {
    return namespaceLevel(this.registry.members.values());
  }

  /**
   * Warnings raised while building the stack (literal secrets, what a compose file says that the
   * stack does not do, ...), in the order they were raised. The stack keeps them in the construct
   * tree (`Warnings.collect(stack)`) and never prints them.
   */
  public get warnings(): string[] {
    return Warnings.collect(this);
  }

  /**
   * Renders the chart and runs the cross-object checks on the rendered manifests, failing with
   * every finding at once (each with its construct path). Checking the output that is written,
   * rather than rendering a second time in a validation, keeps synthesis close to plain
   * cdk8s-plus.
   */
  public toJson(): any[] {
    const manifests = super.toJson();
    const findings = ManifestValidator._checkRendered(this, manifests, {
      ...this.props.validation,
      externalSecrets: [...this.props.validation?.externalSecrets ?? [], ...this.registry.externalSecrets],
      externalConfigMaps: [...this.props.validation?.externalConfigMaps ?? [], ...this.registry.externalConfigMaps],
      externalClaims: [...this.props.validation?.externalClaims ?? [], ...this.registry.externalClaims],
    });
    if (findings.length > 0) {
      throw new Error(`[${this.node.path}] ${TYPE}: the manifests would not work once applied (${findings.length} findings); fix each:\n  `
        + findings.map(f => ManifestValidator.format(f)).join('\n  '));
    }
    return manifests;
  }

  /**
   * Adds a microservice: a ProbedDeployment with ASP.NET Core health checks, its Service, its
   * configuration, and service discovery for the services it talks to.
   */
  public addService(name: string, options: MicroserviceOptions): Microservice {
    checkAddArguments(this, 'addService', name, options, MICROSERVICE_OPTIONS);
    this.checkNewName(name, 'addService');
    if (name === (this.props.gateway?.name ?? 'gateway')) {
      throw propError(this, TYPE, {
        prop: 'addService.name',
        rule: 'must not be the gateway\'s name',
        value: name,
        fix: 'name the service after what it does, or rename the gateway with gateway.name',
      });
    }
    if (options.exposure) this.checkCloud(`addService("${name}").exposure`, cloudOfAnnotations(options.exposure.annotations));
    this.checkAliases(name, options.aliases, 'addService');
    const service = new Microservice(this, name, options);
    applyAspNetCoreEnvironment(service, this.props.aspNetCoreEnvironment, options);
    this.registry.services.set(name, service);
    this.registry.addMember(serviceMember(service));
    return service;
  }

  /**
   * Adds a task that runs to completion (a migration, a seed, a compose one-shot service): a Job
   * with the stack's labels, security and NetworkPolicies, and a Service if it listens on a port.
   *
   * @example
   * shop.addJob('migrate', { image: 'eshop/catalog-migrations:1.4.0', talksTo: ['catalog-db'], backoffLimit: 3 });
   */
  public addJob(name: string, options: JobOptions): OneShotJob {
    checkAddArguments(this, 'addJob', name, options, JOB_OPTIONS);
    this.checkNewName(name, 'addJob');
    this.checkAliases(name, options.aliases, 'addJob');
    const job = new OneShotJob(this, name, options);
    this.registry.jobs.set(name, job);
    this.registry.addMember(jobMember(job));
    return job;
  }

  /**
   * Adds an ExternalName alias for a dependency outside the cluster: pods call `name`, which
   * resolves to `host`.
   */
  public addExternal(name: string, host: string, options: ExternalOptions = {}): ExternalService {
    checkAddArguments(this, 'addExternal', name, options, EXTERNAL_OPTIONS);
    this.checkNewName(name, 'addExternal');
    const problem = hostnameProblem(host);
    if (problem) {
      throw propError(this, TYPE, { prop: `addExternal("${name}").host`, rule: problem, value: host, fix: 'pass the dependency\'s DNS name' });
    }
    if (options.port !== undefined && portNumberProblem(options.port)) {
      throw propError(this, TYPE, {
        prop: `addExternal("${name}").port`,
        rule: 'must be an integer from 1 to 65535',
        value: options.port,
        fix: 'pass the port the dependency listens on, such as 5432',
      });
    }
    const alias = new ExternalService(this, name, { name, externalName: host });
    this.registry.externals.set(name, { alias, port: options.port });
    return alias;
  }

  /**
   * Adds a stateful dependency run in the cluster (cache, broker, database) for local and course
   * use.
   */
  public addBackingService(name: string, options: BackingServiceOptions): BackingService {
    checkAddArguments(this, 'addBackingService', name, options, BACKING_SERVICE_OPTIONS);
    this.checkNewName(name, 'addBackingService');
    if (options.port !== undefined && portNumberProblem(options.port)) {
      throw propError(this, TYPE, {
        prop: `addBackingService("${name}").port`,
        rule: 'must be an integer from 1 to 65535',
        value: options.port,
        fix: 'pass the port clients connect to',
      });
    }
    this.checkAliases(name, options.aliases, 'addBackingService');
    const b = new BackingService(this, name, options);
    this.registry.backing.set(name, b);
    this.registry.addMember(backingMember(b));
    return b;
  }

  /**
   * The gateway, created on first use with the stack's gateway options and platform.
   */
  public get gateway(): ApiGateway {
    if (!this._gateway) {
      const options = this.props.gateway ?? {};
      const name = options.name ?? 'gateway';
      this._gateway = new ApiGateway(this, 'Gateway', {
        kind: this.gatewayKind(options.kind),
        name,
        hostnames: options.hostnames,
        tlsSecretName: options.tlsSecretName,
      });
      this.registry.admitGateway(this._gateway, name);
    }
    return this._gateway;
  }

  /**
   * Adds a shared volume: on an NFS server when `server` is given (static provisioning), else a
   * ReadWriteMany claim on the platform's RWX storage class (Azure Files on AKS, Filestore on
   * GKE, the NFS CSI driver locally).
   */
  public addVolume(name: string, props: NfsVolumeProps = {}): NfsVolume {
    checkAddArguments(this, 'addVolume', name, props, nfsVolumeProps(NfsGroupAccess), 'props');
    const problem = dns1035LabelProblem(name);
    if (problem) {
      throw propError(this, TYPE, { prop: 'addVolume.name', rule: problem, value: name, fix: `use "${toDns1035Label(name)}"` });
    }
    this.checkCloud(`addVolume("${name}").storageClass`, props.storageClass?.provider);
    const dynamic = props.server === undefined && props.storageClass === undefined;
    const volume = new NfsVolume(this, name, {
      claimName: name,
      ...props,
      storageClass: dynamic ? this.rwxClass() : props.storageClass,
    });
    this.registry.volumes.set(name, volume);
    return volume;
  }

  /** The jobs, in the order they were added. */
  public get jobs(): OneShotJob[] {
    return [...this.registry.jobs.values()];
  }

  /** The microservices, in the order they were added. */
  public get microservices(): Microservice[] {
    return [...this.registry.services.values()];
  }

  /** The backing services, in the order they were added. */
  public get backingServices(): BackingService[] {
    return [...this.registry.backing.values()];
  }

  /** The ExternalName aliases, in the order they were added. */
  public get externalServices(): ExternalService[] {
    return [...this.registry.externals.values()].map(e => e.alias);
  }

  /** The microservice of that name, if any. */
  public service(name: string): Microservice | undefined {
    checkArguments(problem => propError(this, TYPE, problem), { 'service.name': [name, required(t.string('catalog'))] });
    return this.registry.services.get(name);
  }

  /**
   * A read-only description of the stack as it is now: its services, backing services, external
   * aliases, volumes and mounts, the gateway and its routes. Skaffold and the diagram read it.
   */
  public model(): StackModel {
    const facts = { id: this.node.id, appName: this.appName, namespace: this.namespace, platform: this.platform };
    const gateway = this._gateway ? { resource: this._gateway, name: this.props.gateway?.name ?? 'gateway' } : undefined;
    return stackModel(facts, this.registry, gateway);
  }

  /** Warnings that need every service (talksTo against configuration, health endpoints), kept once each. */
  private addCheckWarnings(): string[] {
    const health = healthEndpointWarning(this.node.path, this.microservices, this.props.aspNetCoreEnvironment);
    // Only the call graph blocks what talksTo leaves out.
    const calls = this.networkPolicy === NetworkPolicyMode.CALL_GRAPH ? talksToWarnings(this.registry) : [];
    warnOnce(this, [...calls, ...health ? [health] : []]);
    return [];
  }

  /** `networkPolicy`, or NONE for `networkPolicies: false`; the two must agree. */
  private policyMode(props: MicroserviceStackProps): NetworkPolicyMode {
    const mode = props.networkPolicy ?? (props.networkPolicies === false ? NetworkPolicyMode.NONE : NetworkPolicyMode.CALL_GRAPH);
    if (props.networkPolicies === false && mode !== NetworkPolicyMode.NONE) {
      throw propError(this, TYPE, {
        prop: 'networkPolicy',
        rule: 'must be NONE (or left out) with networkPolicies: false',
        value: mode,
        fix: 'drop networkPolicies: false, or drop networkPolicy',
      });
    }
    if (!Object.values(NetworkPolicyMode).includes(mode)) {
      throw propError(this, TYPE, { prop: 'networkPolicy', rule: 'must be a NetworkPolicyMode', value: mode, fix: 'pass NetworkPolicyMode.CALL_GRAPH, NETWORKS or NONE' });
    }
    return mode;
  }

  private checkNamespace(namespace: string | undefined): void {
    const problem = namespace !== undefined ? dns1035LabelProblem(namespace) : undefined;
    if (problem) {
      throw propError(this, TYPE, { prop: 'namespace', rule: problem, value: namespace, fix: `use "${toDns1035Label(namespace!)}"` });
    }
  }

  /**
   * The namespace, labelled to enforce the weakest Pod Security level a workload needs (rendered
   * late: workloads come after it), and to warn and audit at restricted, so that every pod that is
   * not restricted is named by `kubectl apply` and in the audit log.
   */
  private createNamespace(namespace: string): ApiObject {
    const object = new ApiObject(this, 'Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: {
          'pod-security.kubernetes.io/enforce': Lazy.any({ produce: () => podSecurityLabel(this.podSecurity) }) as unknown as string,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
    omitNamespaceIfClusterScoped(object);
    return object;
  }

  /** The gateway kind on this platform: its GatewayClass by default, an in-cluster gateway exposed as the platform exposes gateways. */
  private gatewayKind(given: GatewayKind | undefined): GatewayKind {
    const kind = platformGatewayKind(this.platform, given);
    this.checkCloud('gateway.kind', cloudOfIngressClass(kind.ingressClassName));
    checkGatewaySubnet(this, this.platform, kind, this.networkPolicy !== NetworkPolicyMode.NONE);
    const inCluster = kind._inCluster;
    if (!inCluster || inCluster.exposure !== undefined) return kind;
    // NodePort locally, a load balancer in the cloud.
    return kind.implementation === GatewayImplementation.YARP
      ? GatewayKind.yarp({ ...inCluster, image: kind.image, exposure: this.platform.gatewayExposure })
      : GatewayKind.ocelot({ ...inCluster, image: kind.image!, exposure: this.platform.gatewayExposure });
  }

  /** The platform's RWX class; the cloud file share classes also carry their minimum sizes. */
  private rwxClass(): ClaimStorageClass {
    const cloudClass = this.platform.cloud ? ClaimStorageClass.cloudFileShare(this.platform.cloud) : undefined;
    return cloudClass && cloudClass.storageClassName === this.platform.rwxStorageClass
      ? cloudClass
      : ClaimStorageClass.named(this.platform.rwxStorageClass);
  }

  /** Options made for one cloud cannot be given to a stack on another platform. */
  private checkCloud(prop: string, cloud: CloudProvider | undefined): void {
    if (cloud !== undefined && cloud !== this.platform.cloud) {
      throw propError(this, TYPE, {
        prop,
        rule: `is made for ${cloud}, but the stack's platform is ${this.platform.name}`,
        value: cloud,
        fix: `use the ${this.platform.name} option, or set platform: Platform.${cloud}`,
      });
    }
  }

  /** Each alias is a Service name of its own: unique in the stack, and registered so later parts cannot take it. */
  private checkAliases(name: string, aliases: string[] | undefined, method: string): void {
    (aliases ?? []).forEach((alias, i) => {
      if (alias === name || this.registry.has(alias)) {
        throw propError(this, TYPE, {
          prop: `${method}("${name}").aliases[${i}]`,
          rule: 'must be unique in the stack: it becomes a Service name',
          value: alias,
          fix: 'drop the alias, or rename the part that has that name',
        });
      }
    });
    for (const alias of aliases ?? []) this.registry.aliases.set(alias, name);
  }

  private checkNewName(name: string, method: string): void {
    const problem = dns1035LabelProblem(name);
    if (problem) {
      throw propError(this, TYPE, {
        prop: `${method}.name`,
        rule: `${problem}, because it becomes the Service's DNS name`,
        value: name,
        fix: `use "${toDns1035Label(name)}"`,
      });
    }
    if (this.registry.has(name)) {
      throw propError(this, TYPE, {
        prop: `${method}.name`,
        rule: 'must be unique in the stack',
        value: name,
        fix: 'give each service its own name',
      });
    }
  }
}
