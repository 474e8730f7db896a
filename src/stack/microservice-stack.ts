import { ApiObject, Chart, ChartProps, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { BackingService, BackingServiceOptions } from './backing-service';
import { Microservice } from './microservice';
import { MicroserviceOptions } from './microservice-options';
import { CloudProvider } from '../core/cloud';
import { propError } from '../core/errors';
import { dns1035LabelProblem, hostnameProblem, portNumberProblem, toDns1035Label } from '../core/names';
import { Warnings } from '../core/warnings';
import { ApiGateway, GatewayImplementation, GatewayKind } from '../gateway';
import { Platform } from '../platform';
import { ClaimStorageClass, NfsVolume, NfsVolumeProps } from '../storage';
import { ManifestValidator, ManifestValidatorOptions } from '../validation';
import { ExternalService } from '../workload';
import { applyAspNetCoreEnvironment, healthEndpointWarning, warnOnce } from './private/aspnetcore-environment';
import { cloudOfAnnotations, cloudOfClass } from './private/cloud';
import { checkGatewaySubnet, platformGatewayKind } from './private/gateway-sources';
import { stackModel } from './private/model';
import { addBaseNetworkPolicies } from './private/network-policies';
import { stackProblems } from './private/stack-checks';
import { StackRegistry } from './private/stack-registry';
import { talksToWarnings } from './private/talks-to-warnings';
import { StackModel } from './stack-model';

const TYPE = 'MicroserviceStack';

/**
 * Options of {@link MicroserviceStack.addExternal}.
 */
export interface ExternalOptions {
  /**
   * The port the dependency listens on. Callers may then leave the cluster on this port only, and
   * their `Services__<name>__Url` is `https://<external host>` for 443 (TLS checks the external
   * host's name), `http://<alias>` for 80 and `tcp://<alias>:port` otherwise.
   *
   * @default - callers may leave the cluster on any port, and the URL is `http://host`
   */
  readonly port?: number;
}

/**
 * The gateway of a {@link MicroserviceStack}.
 */
export interface StackGatewayOptions {
  /**
   * Which gateway renders the routes.
   *
   * @default GatewayKind.gatewayApi() with the platform's GatewayClass
   */
  readonly kind?: GatewayKind;

  /**
   * Host names the gateway answers for.
   *
   * @default - any host
   */
  readonly hostnames?: string[];

  /**
   * Secret with the TLS certificate (an HTTPS listener).
   *
   * @default - HTTP only
   */
  readonly tlsSecretName?: string;

  /**
   * Name of the Gateway, Ingress or gateway Deployment.
   *
   * @default "gateway"
   */
  readonly name?: string;
}

/**
 * Props of {@link MicroserviceStack}.
 */
export interface MicroserviceStackProps extends ChartProps {
  /**
   * The application's name: `app.kubernetes.io/part-of` on every pod.
   *
   * @default - the construct id
   */
  readonly appName?: string;

  /**
   * Create the namespace (labelled to enforce restricted Pod Security).
   *
   * @default true when `namespace` is set
   */
  readonly createNamespace?: boolean;

  /**
   * The cluster it runs on.
   *
   * @default Platform.LOCAL
   */
  readonly platform?: Platform;

  /**
   * The application's single entry point.
   *
   * @default - a Gateway API gateway of the platform's GatewayClass, created with the first route
   */
  readonly gateway?: StackGatewayOptions;

  /**
   * Registry put in front of images that name none (`myregistry.azurecr.io/eshop`).
   *
   * @default - images are used as given
   */
  readonly imageRegistry?: string;

  /**
   * Tag appended to images that have none. Images tagged `latest` are refused: a rollout cannot
   * tell two `latest` builds apart.
   *
   * @default - an image without a tag is an error
   */
  readonly defaultImageTag?: string;

  /**
   * Zero-trust networking: a default-deny NetworkPolicy and allow rules for DNS, the gateway
   * and `talksTo`.
   *
   * @default true
   */
  readonly networkPolicies?: boolean;

  /**
   * `ASPNETCORE_ENVIRONMENT` of every microservice (a service's own `env` or `config` wins).
   * The .NET Aspire service defaults map `/alive` and `/health` in Development only: use
   * "Development" on a local cluster with such images, and map the endpoints in every environment
   * for the cloud. Left unset, the stack warns that the images must map them.
   *
   * @default - not set: ASP.NET Core runs as Production
   */
  readonly aspNetCoreEnvironment?: string;

  /**
   * What the cross-object checks may assume exists outside the app (Secrets referenced with
   * `SecretValue.fromSecret` are added automatically).
   *
   * @default - nothing
   */
  readonly validation?: ManifestValidatorOptions;
}
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

  private readonly props: MicroserviceStackProps;
  private readonly registry: StackRegistry;
  private _gateway?: ApiGateway;

  public constructor(scope: Construct, id: string, props: MicroserviceStackProps = {}) {
    super(scope, id, props);
    this.props = props;
    this.platform = props.platform ?? Platform.LOCAL;
    this.appName = props.appName ?? id;
    this.checkNamespace(props.namespace);
    this.registry = new StackRegistry(this, {
      appName: this.appName,
      namespace: this.namespace,
      platform: this.platform,
      imageRegistry: props.imageRegistry,
      defaultImageTag: props.defaultImageTag,
      networkPolicies: props.networkPolicies ?? true,
      gateway: () => this.gateway,
    });
    if (props.namespace !== undefined && (props.createNamespace ?? true)) {
      this.namespaceObject = this.createNamespace(props.namespace);
    }
    if (props.networkPolicies ?? true) addBaseNetworkPolicies(this, this.platform.dnsResolverCidrs);
    this.node.addValidation({ validate: () => stackProblems(this.registry) });
    this.node.addValidation({ validate: () => this.addCheckWarnings() });
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
    const service = new Microservice(this, name, options);
    applyAspNetCoreEnvironment(service, this.props.aspNetCoreEnvironment, options);
    this.registry.addService(service);
    return service;
  }

  /**
   * Adds an ExternalName alias for a dependency outside the cluster: pods call `name`, which
   * resolves to `host`.
   */
  public addExternal(name: string, host: string, options: ExternalOptions = {}): ExternalService {
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
    this.checkNewName(name, 'addBackingService');
    if (portNumberProblem(options.port)) {
      throw propError(this, TYPE, {
        prop: `addBackingService("${name}").port`,
        rule: 'must be an integer from 1 to 65535',
        value: options.port,
        fix: 'pass the port clients connect to',
      });
    }
    const b = new BackingService(this, name, options);
    this.registry.backing.set(name, b);
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
    warnOnce(this, [...talksToWarnings(this.registry), ...health ? [health] : []]);
    return [];
  }

  private checkNamespace(namespace: string | undefined): void {
    const problem = namespace !== undefined ? dns1035LabelProblem(namespace) : undefined;
    if (problem) {
      throw propError(this, TYPE, { prop: 'namespace', rule: problem, value: namespace, fix: `use "${toDns1035Label(namespace!)}"` });
    }
  }

  /** The namespace, labelled to enforce restricted Pod Security. */
  private createNamespace(namespace: string): ApiObject {
    const object = new ApiObject(this, 'Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    // A Namespace is cluster-scoped: the chart's namespace does not apply to it.
    object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    return object;
  }

  /** The gateway kind on this platform: its GatewayClass by default, an in-cluster gateway exposed as the platform exposes gateways. */
  private gatewayKind(given: GatewayKind | undefined): GatewayKind {
    const kind = platformGatewayKind(this.platform, given);
    this.checkCloud('gateway.kind', cloudOfClass(kind.ingressClassName));
    checkGatewaySubnet(this, this.platform, kind, this.props.networkPolicies ?? true);
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
