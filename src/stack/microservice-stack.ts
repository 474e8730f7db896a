import { ApiObject, Chart, ChartProps, Duration, JsonPatch, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { composeStack } from '../compose/build';
import { ComposeOptions } from '../compose/options';
import { CloudProvider } from '../core/cloud';
import { propError, PropProblem, validationMessage } from '../core/errors';
import { defaultPullPolicy } from '../core/image-ref';
import { dns1035LabelProblem, envVarNameProblem, hostnameProblem, portNumberProblem, toDns1035Label, dotnetEnvVarName } from '../core/names';
import { restrictedSecurityContext } from '../core/pod-security';
import { ApiGateway, GatewayImplementation, GatewayKind, GatewayRoute, PathMatch, RouteBackend } from '../gateway';
import { Platform } from '../platform/platform';
import { BlueGreenRelease, BlueGreenSlot, BlueGreenTraffic, CanaryRelease, CanaryTraffic } from '../release';
import { ClaimStorageClass, NfsMountOptions, NfsVolume, NfsVolumeProps } from '../storage';
import { ManifestValidator, ManifestValidatorOptions } from '../validation/manifest-validator';
import { ExternalService } from '../workload/external-service';
import { HealthChecks } from '../workload/health-probe';
import { AutoscaleOptions, ProbedDeployment } from '../workload/probed-deployment';
import { ServiceExposure } from '../workload/service-exposure';

const TYPE = 'MicroserviceStack';

/** The label that names the microservice a pod belongs to; NetworkPolicies select on it. */
export const SERVICE_LABEL = 'app.kubernetes.io/name';
/** The label that names the application a pod belongs to. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/**
 * A value taken from a Secret: a reference to an existing Secret (recommended), or a literal
 * value that the stack puts in a Secret of its own (with a warning: literal secrets end up in
 * the synthesized YAML and in git).
 */
export class SecretValue {
  /**
   * A key of a Secret created outside the app (`kubectl create secret`, a secret manager, a
   * sealed secret).
   *
   * @example
   * SecretValue.fromSecret('catalog-db', 'connection-string')
   */
  public static fromSecret(secretName: string, key: string): SecretValue {
    return new SecretValue(secretName, key, undefined);
  }

  /**
   * A literal value. It is written into the synthesized YAML (base64 is not encryption), so the
   * stack warns; use it for local development only.
   */
  public static literal(value: string): SecretValue {
    return new SecretValue(undefined, undefined, value);
  }

  /** The name of the existing Secret, for a reference. */
  public readonly secretName?: string;
  /** The key in the existing Secret, for a reference. */
  public readonly key?: string;
  /** The literal value, for a literal. */
  public readonly value?: string;

  private constructor(secretName?: string, key?: string, value?: string) {
    this.secretName = secretName;
    this.key = key;
    this.value = value;
  }
}

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
   * Request timeout.
   *
   * @default - the gateway's default
   */
  readonly timeout?: Duration;
}

/**
 * A volume mounted into a service's pods.
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
export interface MicroserviceOptions {
  /**
   * The image. Without a registry, the stack's `imageRegistry` is put in front; without a tag,
   * the stack's `defaultImageTag` is appended.
   */
  readonly image: string;

  /**
   * The port the service listens on.
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
   * Plain environment variables. Names must be valid for Kubernetes 1.28: write .NET
   * configuration keys with `__`.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };

  /**
   * Configuration in a ConfigMap of its own (`<name>-config`), loaded as environment variables.
   * Changing it rolls the pods.
   *
   * @default - no ConfigMap
   */
  readonly config?: { [key: string]: string };

  /**
   * Environment variables from Secrets.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };

  /**
   * How the service is reached besides the gateway.
   *
   * @default ServiceExposure.clusterIp()
   */
  readonly exposure?: ServiceExposure;

  /**
   * Services of this stack (or external aliases) this one calls. Each gets a
   * `Services__<name>__Url` environment variable with its cluster DNS URL, and a NetworkPolicy
   * rule that lets this service reach it; calls to anything else are blocked.
   *
   * @default - calls nothing
   */
  readonly talksTo?: string[];

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

  /**
   * Folder the image is built from (the Docker build context), relative to the Skaffold file.
   *
   * @default - the image is not built by Skaffold
   */
  readonly buildContext?: string;

  /**
   * Dockerfile, relative to `buildContext`.
   *
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;
}

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
  constructor(stack: MicroserviceStack, name: string, options: MicroserviceOptions) {
    super(stack, name);
    if (options.canary && options.blueGreen) {
      throw propError(this, TYPE, {
        prop: `addService("${name}").canary`,
        rule: 'and blueGreen cannot both be set: a service is released one way at a time',
        value: 'canary and blueGreen',
        fix: 'keep one release strategy',
      });
    }
    this.name = name;
    this.port = options.port ?? 8080;
    this.talksTo = [...options.talksTo ?? []];
    this.image = stack._resolveImage(options.image, this);
    this.buildContext = options.buildContext;
    this.dockerfile = options.buildContext !== undefined ? options.dockerfile ?? 'Dockerfile' : undefined;

    const env: { [name: string]: kplus.EnvValue } = {};
    for (const [key, value] of Object.entries(options.env ?? {})) env[key] = kplus.EnvValue.fromValue(value);
    const literals: { [key: string]: string } = {};
    const secretRefs: Array<[string, string, string]> = [];
    for (const [key, secret] of Object.entries(options.secrets ?? {})) {
      if (secret.value !== undefined) literals[key] = secret.value;
      else secretRefs.push([key, secret.secretName!, secret.key!]);
    }
    if (Object.keys(literals).length > 0) {
      this.literalSecrets = new kplus.Secret(this, 'Secrets', { metadata: { name: `${name}-secrets` }, stringData: literals });
      stack._warn(`[${this.node.path}] MicroserviceStack: secrets ${Object.keys(literals).sort().join(', ')} of "${name}" are literal values written into the YAML; `
        + 'use SecretValue.fromSecret(name, key) with a Secret created outside the app');
      for (const key of Object.keys(literals)) {
        env[key] = kplus.EnvValue.fromSecretValue({ secret: this.literalSecrets, key });
      }
    }
    for (const [key, secretName, secretKey] of secretRefs) {
      stack._declareExternalSecret(secretName);
      env[key] = kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, `secret-${key}`, secretName), key: secretKey });
    }
    if (options.config && Object.keys(options.config).length > 0) {
      this.config = new kplus.ConfigMap(this, 'Config', { metadata: { name: `${name}-config` }, data: options.config });
    }
    // Service discovery in the .NET configuration form: Services:catalog:Url.
    for (const target of this.talksTo) {
      // Rendered late: the target may be added after this service. cdk8s resolves the Lazy in place.
      env[`Services__${target}__Url`] = kplus.EnvValue.fromValue(Lazy.any({ produce: () => stack._urlOf(target) }) as unknown as string);
    }

    const labels = { [SERVICE_LABEL]: name, [PART_OF_LABEL]: stack.appName };
    const workload = {
      port: this.port,
      healthChecks: options.healthChecks ?? HealthChecks.aspNetCore(),
      env,
      envFrom: this.config ? [kplus.Env.fromConfigMap(this.config)] : undefined,
      serviceName: name,
      exposure: options.exposure ?? ServiceExposure.clusterIp(),
      autoscale: options.autoscale,
    };
    const routes = options.routes ?? [];
    let routedByRelease = false;
    if (options.canary) {
      const c = options.canary;
      let traffic = c.traffic;
      if (!traffic && routes.length > 0) {
        const gateway = stack.gateway;
        const route = routes[0];
        if (gateway.kind.implementation === GatewayImplementation.GATEWAY_API) {
          traffic = CanaryTraffic.gatewayApi({
            gateway, path: route.path, pathMatch: route.pathMatch, hostnames: route.hostnames, rewritePrefix: route.rewritePrefix,
          });
        } else if (gateway.kind.implementation === GatewayImplementation.INGRESS) {
          traffic = CanaryTraffic.ingress({ gateway, path: route.path });
        }
        routedByRelease = traffic !== undefined;
        if (routedByRelease && routes.length > 1) {
          throw propError(this, TYPE, {
            prop: `addService("${name}").routes`,
            rule: 'must be a single route when a canary splits its traffic on the gateway',
            value: routes.map(r => r.path),
            fix: 'keep one route for the canary, or pass canary.traffic explicitly',
          });
        }
      }
      this.canaryRelease = new CanaryRelease(this, 'Release', {
        ...workload,
        image: this.image,
        canaryImage: c.canaryImage !== undefined ? stack._resolveImage(c.canaryImage, this) : undefined,
        traffic: traffic ?? CanaryTraffic.replicaRatio(options.replicas !== undefined ? { totalReplicas: options.replicas } : {}),
        weight: c.weight,
        steps: c.steps,
        step: c.step,
        replicas: traffic && traffic.mode !== 'REPLICA_RATIO' ? options.replicas : undefined,
      });
      this.deployment = this.canaryRelease.stable;
      this.service = this.canaryRelease.service;
      for (const d of [this.canaryRelease.stable, this.canaryRelease.canary]) {
        for (const [k, v] of Object.entries(labels)) d?.podMetadata.addLabel(k, v);
      }
    } else if (options.blueGreen) {
      const b = options.blueGreen;
      const blueImage = b.blueImage !== undefined ? stack._resolveImage(b.blueImage, this) : this.image;
      this.blueGreenRelease = new BlueGreenRelease(this, 'Release', {
        ...workload,
        blueImage,
        greenImage: b.greenImage !== undefined ? stack._resolveImage(b.greenImage, this) : undefined,
        activeSlot: b.activeSlot,
        replicas: options.autoscale ? undefined : options.replicas,
        idleReplicas: b.idleReplicas,
        traffic: b.traffic,
      });
      this.deployment = this.blueGreenRelease.active;
      this.service = this.blueGreenRelease.service;
      for (const d of [this.blueGreenRelease.blue, this.blueGreenRelease.green]) {
        for (const [k, v] of Object.entries(labels)) d.podMetadata.addLabel(k, v);
      }
    } else {
      this.deployment = new ProbedDeployment(this, 'Deployment', {
        metadata: { name },
        image: this.image,
        port: this.port,
        healthChecks: workload.healthChecks,
        replicas: options.autoscale ? undefined : options.replicas,
        env,
        envFrom: workload.envFrom,
        changeCause: options.changeCause,
        podMetadata: { labels },
      });
      if (options.autoscale) this.deployment.autoscale(options.autoscale);
      this.service = this.deployment.expose({ name, exposure: workload.exposure });
    }
    for (const v of options.volumes ?? []) {
      for (const d of this.workloads) v.volume.mount(d, v.path, { readOnly: v.readOnly, subPath: v.subPath });
      stack._recordMount(name, v.volume);
    }
    this.routes = routedByRelease ? [] : routes.map((r, i) => stack.gateway.addRoute(`${name}-route-${i}`, {
      path: r.path,
      pathMatch: r.pathMatch,
      rewritePrefix: r.rewritePrefix,
      hostnames: r.hostnames,
      methods: r.methods,
      timeout: r.timeout,
      backends: [RouteBackend.fromService(this.service)],
    }));
    this.routePaths = routes.map(r => r.path);
    if (routes.length > 0) stack._markRouted(name);
    stack._addNetworkPolicy(this, name, this.port);
  }
}

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
 * Options of {@link MicroserviceStack.addBackingService}.
 */
export interface BackingServiceOptions {
  /** The image, with a tag (`redis:7.4`, `rabbitmq:3.13-management`, `postgres:16`). */
  readonly image: string;

  /** The port clients connect to (6379, 5672, 5432). */
  readonly port: number;

  /**
   * Where the image keeps its data; a claim of its own is mounted there.
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
   * User and group the container runs as; 999 is the user of the official redis, rabbitmq and
   * postgres images.
   *
   * @default 999
   */
  readonly runAsUser?: number;

  /**
   * Paths the image writes besides its data (the root filesystem is read-only); each gets an
   * emptyDir.
   *
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];

  /**
   * Plain environment variables.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };

  /**
   * Environment variables from Secrets.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };

  /**
   * Readiness probe.
   *
   * @default - a TCP socket probe on the port
   */
  readonly readiness?: kplus.Probe;

  /**
   * Liveness probe.
   *
   * @default - a TCP socket probe on the port, every 20 seconds
   */
  readonly liveness?: kplus.Probe;
}

/**
 * A stateful dependency (a cache, a broker, a database) for local and course use: a one-replica
 * StatefulSet with its own claim and a Service. Production apps use the managed offering through
 * {@link MicroserviceStack.addExternal} instead.
 */
export class BackingService extends Construct {
  /** The name: Service and DNS name. */
  public readonly name: string;
  /** The StatefulSet. */
  public readonly statefulSet: kplus.StatefulSet;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The data claim, if `dataPath` is set. */
  public readonly claim?: kplus.PersistentVolumeClaim;
  /** The port clients connect to. */
  public readonly port: number;
  /** The image. */
  public readonly image: string;

  /** @internal */
  constructor(stack: MicroserviceStack, name: string, options: BackingServiceOptions) {
    super(stack, name);
    this.name = name;
    this.port = options.port;
    this.image = options.image;
    const uid = options.runAsUser ?? 999;
    const env: { [name: string]: kplus.EnvValue } = {};
    for (const [key, value] of Object.entries(options.env ?? {})) env[key] = kplus.EnvValue.fromValue(value);
    for (const [key, secret] of Object.entries(options.secrets ?? {})) {
      if (secret.value !== undefined) {
        stack._warn(`[${this.node.path}] MicroserviceStack: secret ${key} of "${name}" is a literal value written into the YAML; use SecretValue.fromSecret(name, key)`);
        const s = new kplus.Secret(this, `literal-${key}`, { metadata: { name: `${name}-${toDns1035Label(key)}` }, stringData: { [key]: secret.value } });
        env[key] = kplus.EnvValue.fromSecretValue({ secret: s, key });
      } else {
        stack._declareExternalSecret(secret.secretName!);
        env[key] = kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, `secret-${key}`, secret.secretName!), key: secret.key! });
      }
    }
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name },
      ports: [{ port: options.port, targetPort: options.port, name: 'tcp' }],
    });
    this.statefulSet = new kplus.StatefulSet(this, 'StatefulSet', {
      metadata: { name },
      service: this.service,
      replicas: 1,
      podMetadata: { labels: { [SERVICE_LABEL]: name, [PART_OF_LABEL]: stack.appName } },
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
      containers: [{
        name: 'main',
        image: options.image,
        imagePullPolicy: defaultPullPolicy(options.image),
        ports: [{ number: options.port, name: 'tcp' }],
        envVariables: env,
        readiness: options.readiness ?? kplus.Probe.fromTcpSocket({ port: options.port }),
        liveness: options.liveness ?? kplus.Probe.fromTcpSocket({ port: options.port, periodSeconds: Duration.seconds(20) }),
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
        },
        securityContext: restrictedSecurityContext({ user: uid, group: uid }),
      }],
    });
    const main = this.statefulSet.containers[0];
    for (const [i, path] of (options.writablePaths ?? ['/tmp']).entries()) {
      main.mount(path, kplus.Volume.fromEmptyDir(this, `writable-${i}`, `writable-${i}`));
    }
    if (options.dataPath) {
      this.claim = new kplus.PersistentVolumeClaim(this, 'Data', {
        metadata: { name: `${name}-data` },
        accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        storage: options.storage ?? Size.gibibytes(1),
        storageClassName: options.storageClassName,
      });
      main.mount(options.dataPath, kplus.Volume.fromPersistentVolumeClaim(this, 'data', this.claim));
    }
    stack._addNetworkPolicy(this, name, options.port);
  }
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
  /**
   * A stack built from docker-compose files: services, backing services, volumes, routes and
   * configuration mapped to the stack's constructs. Everything the files say that the stack does
   * not do is named in `warnings`, with its file, line, service and key.
   *
   * @example
   * const shop = MicroserviceStack.fromCompose(app, 'eshop', {
   *   files: ['docker-compose.yml', 'docker-compose.override.yml'],
   *   platform: Platform.AKS,
   * });
   */
  public static fromCompose(scope: Construct, id: string, options: ComposeOptions): MicroserviceStack {
    return composeStack(scope, id, options);
  }

  /** The platform. */
  public readonly platform: Platform;
  /** The application name. */
  public readonly appName: string;
  /** The namespace object, when the stack creates it. */
  public readonly namespaceObject?: ApiObject;
  /** Warnings raised while building the stack (literal secrets, ...). */
  public readonly warnings: string[] = [];

  private readonly services = new Map<string, Microservice>();
  private readonly backing = new Map<string, BackingService>();
  private readonly externals = new Map<string, { service: ExternalService; port?: number }>();
  private readonly externalSecrets = new Set<string>();
  private readonly props: MicroserviceStackProps;
  private readonly routed = new Set<string>();
  private readonly volumes = new Map<string, NfsVolume>();
  private readonly mounts: Array<{ service: string; volume: NfsVolume }> = [];
  private _gateway?: ApiGateway;
  private gatewayPods?: { [key: string]: string };
  private callers?: Map<string, Set<string>>;

  public constructor(scope: Construct, id: string, props: MicroserviceStackProps = {}) {
    super(scope, id, props);
    this.props = props;
    this.platform = props.platform ?? Platform.LOCAL;
    this.appName = props.appName ?? id;
    if (props.namespace !== undefined) {
      const problem = dns1035LabelProblem(props.namespace);
      if (problem) {
        throw propError(this, TYPE, { prop: 'namespace', rule: problem, value: props.namespace, fix: `use "${toDns1035Label(props.namespace)}"` });
      }
    }
    if (props.namespace !== undefined && (props.createNamespace ?? true)) {
      this.namespaceObject = new ApiObject(this, 'Namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: props.namespace,
          labels: {
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/warn': 'restricted',
          },
        },
      });
      // A Namespace is cluster-scoped: the chart's namespace does not apply to it.
      this.namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    if (props.networkPolicies ?? true) this.addBaseNetworkPolicies();
    this.node.addValidation({ validate: () => this.validateStack() });
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
      externalSecrets: [...this.props.validation?.externalSecrets ?? [], ...this.externalSecrets],
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
      throw propError(this, TYPE, { prop: 'addService.name', rule: 'must not be the gateway\'s name', value: name, fix: 'name the service after what it does, or rename the gateway with gateway.name' });
    }
    if (options.exposure) this.checkCloud(`addService("${name}").exposure`, cloudOfAnnotations(options.exposure.annotations));
    const service = new Microservice(this, name, options);
    this.services.set(name, service);
    this.callers = undefined;
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
      throw propError(this, TYPE, { prop: `addExternal("${name}").port`, rule: 'must be an integer from 1 to 65535', value: options.port, fix: 'pass the port the dependency listens on, such as 5432' });
    }
    const ext = new ExternalService(this, name, { name, externalName: host });
    this.externals.set(name, { service: ext, port: options.port });
    return ext;
  }


  /**
   * Adds a stateful dependency run in the cluster (cache, broker, database) for local and course
   * use.
   */
  public addBackingService(name: string, options: BackingServiceOptions): BackingService {
    this.checkNewName(name, 'addBackingService');
    if (portNumberProblem(options.port)) {
      throw propError(this, TYPE, { prop: `addBackingService("${name}").port`, rule: 'must be an integer from 1 to 65535', value: options.port, fix: 'pass the port clients connect to' });
    }
    const b = new BackingService(this, name, options);
    this.backing.set(name, b);
    return b;
  }

  /**
   * The gateway, created on first use with the stack's gateway options and platform.
   */
  public get gateway(): ApiGateway {
    if (!this._gateway) {
      const options = this.props.gateway ?? {};
      let kind = options.kind ?? GatewayKind.gatewayApi({ gatewayClassName: this.platform.gatewayClassName });
      this.checkCloud('gateway.kind', cloudOfClass(kind.ingressClassName));
      const inCluster = kind._inCluster;
      if (inCluster && inCluster.exposure === undefined) {
        // An in-cluster gateway is exposed as the platform exposes gateways (NodePort locally).
        kind = kind.implementation === GatewayImplementation.YARP
          ? GatewayKind.yarp({ ...inCluster, image: kind.image, exposure: this.platform.gatewayExposure })
          : GatewayKind.ocelot({ ...inCluster, image: kind.image!, exposure: this.platform.gatewayExposure });
      }
      this._gateway = new ApiGateway(this, 'Gateway', {
        kind,
        name: options.name ?? 'gateway',
        hostnames: options.hostnames,
        tlsSecretName: options.tlsSecretName,
      });
      const deployment = this._gateway.deployment;
      if (deployment) {
        deployment.podMetadata.addLabel(SERVICE_LABEL, 'gateway');
        deployment.podMetadata.addLabel(PART_OF_LABEL, this.appName);
        this.gatewayPods = { [SERVICE_LABEL]: 'gateway' };
        this.addGatewayNetworkPolicy(this.gatewayPods, deployment.port);
      } else if (kind.implementation === GatewayImplementation.GATEWAY_API && !kind.existing) {
        // Implementations that run a data plane per Gateway (NGINX Gateway Fabric 2, Istio) put
        // its pods in the Gateway's namespace with this label (GEP-1762); the default-deny must
        // let them in and let them reach the routed services.
        this.gatewayPods = { 'gateway.networking.k8s.io/gateway-name': options.name ?? 'gateway' };
        this.addGatewayNetworkPolicy(this.gatewayPods, undefined, true);
      }
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
    this.volumes.set(name, volume);
    return volume;
  }

  /** The microservices, in the order they were added. */
  public get microservices(): Microservice[] {
    return [...this.services.values()];
  }

  /** The backing services, in the order they were added. */
  public get backingServices(): BackingService[] {
    return [...this.backing.values()];
  }

  /** The ExternalName aliases, in the order they were added. */
  public get externalServices(): ExternalService[] {
    return [...this.externals.values()].map(e => e.service);
  }

  /** The microservice of that name, if any. */
  public service(name: string): Microservice | undefined {
    return this.services.get(name);
  }

  /** @internal */
  public _warn(message: string): void {
    this.warnings.push(message);
    console.warn(`warning: ${message}`);
  }

  /** @internal */
  public _declareExternalSecret(name: string): void {
    this.externalSecrets.add(name);
  }

  /** @internal */
  public _resolveImage(image: string, scope: Construct): string {
    const fail = (p: PropProblem) => propError(scope, TYPE, p);
    let result = image;
    const lastSegment = image.split('/').pop() ?? image;
    const hasDigest = image.includes('@');
    const hasTag = !hasDigest && lastSegment.includes(':');
    if (!hasTag && !hasDigest) {
      if (!this.props.defaultImageTag) {
        throw fail({ prop: 'image', rule: 'must have a tag or digest', value: image, fix: `pin a version such as "${image}:1.0.0", or set defaultImageTag on the stack` });
      }
      result = `${image}:${this.props.defaultImageTag}`;
    }
    if (/:latest$/.test(result)) {
      throw fail({ prop: 'image', rule: 'must not use the tag "latest" (a rollout cannot tell two latest builds apart)', value: result, fix: 'tag each build with its version' });
    }
    const first = image.split('/')[0];
    const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (this.props.imageRegistry && !hasRegistry) {
      result = `${this.props.imageRegistry.replace(/\/+$/, '')}/${result}`;
    }
    return result;
  }

  /** @internal */
  public _urlOf(name: string): string {
    const host = `${name}.${this.namespace ?? 'default'}.svc.cluster.local`;
    const svc = this.services.get(name);
    if (svc) return `http://${host}:${svc.service.port}`;
    const b = this.backing.get(name);
    if (b) return `tcp://${host}:${b.port}`;
    // An external alias (or an unknown name, which the stack's validation reports).
    const ext = this.externals.get(name);
    const port = ext?.port;
    if (port === undefined || port === 80) return `http://${host}`;
    // TLS needs the name on the certificate, which is the external host, not the alias.
    if (port === 443) return `https://${ext!.service.externalName}`;
    return `tcp://${host}:${port}`;
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
    if (this.services.has(name) || this.backing.has(name) || this.externals.has(name)) {
      throw propError(this, TYPE, { prop: `${method}.name`, rule: 'must be unique in the stack', value: name, fix: 'give each service its own name' });
    }
  }

  private validateStack(): string[] {
    const errors: string[] = [];
    const known = new Set([...this.services.keys(), ...this.backing.keys(), ...this.externals.keys()]);
    for (const svc of this.services.values()) {
      for (const target of svc.talksTo) {
        if (!known.has(target)) {
          errors.push(validationMessage(TYPE, {
            prop: `addService("${svc.name}").talksTo`,
            rule: `must name services of the stack (${[...known].sort().join(', ') || 'none'})`,
            value: target,
            fix: `add "${target}" with addService, addBackingService or addExternal, or fix the name`,
          }));
        }
        if (target === svc.name) {
          errors.push(validationMessage(TYPE, { prop: `addService("${svc.name}").talksTo`, rule: 'must not name the service itself', value: target, fix: 'drop it' }));
        }
      }
      for (const key of Object.keys(svc.deployment.mainContainer.env.variables)) {
        if (envVarNameProblem(key)) {
          errors.push(validationMessage(TYPE, { prop: `addService("${svc.name}").env`, rule: envVarNameProblem(key)!, value: key, fix: `use "${dotnetEnvVarName(key)}"` }));
        }
      }
    }
    return errors;
  }

  private addBaseNetworkPolicies(): void {
    new ApiObject(this, 'DefaultDeny', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new ApiObject(this, 'AllowDns', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      },
    });
  }

  /**
   * The NetworkPolicy of one service: who may call it (its callers, and the gateway when it is
   * routed) and what it may call (its `talksTo`). Rendered late, so services can be added in any
   * order.
   *
   * @internal
   */
  public _addNetworkPolicy(scope: Construct, name: string, port: number): void {
    if (!(this.props.networkPolicies ?? true)) return;
    new ApiObject(scope, 'NetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-${name}` },
      spec: Lazy.any({ produce: () => this.policySpec(name, port) }),
    });
  }

  /**
   * The Service Skaffold forwards a local port to: an in-cluster gateway's. A Gateway API or
   * Ingress gateway is reached through its controller's address instead.
   *
   * @internal
   */
  public _skaffoldForward(): { service: string; port: number } | undefined {
    const gatewayService = this._gateway?.service;
    return gatewayService ? { service: gatewayService.name, port: gatewayService.port } : undefined;
  }

  /**
   * What the diagram draws.
   *
   * @internal
   */
  public _diagramModel(): DiagramModel {
    const gw = this._gateway;
    return {
      gateway: gw ? { name: 'gateway', label: `gateway<br/>${GATEWAY_LABELS[gw.kind.implementation]}` } : undefined,
      routes: this.microservices.flatMap(s => s.routePaths.map(path => ({ path, service: s.name }))),
      services: this.microservices.map(s => ({ name: s.name, talksTo: [...s.talksTo], release: releaseLabel(s) })),
      backing: this.backingServices.map(b => ({ name: b.name, image: b.image })),
      externals: this.externalServices.map(e => ({ name: e.service.name, host: e.externalName })),
      volumes: [...this.volumes.entries()].map(([name, v]) => ({
        name,
        label: v.server ? `${name}<br/>nfs ${v.server}:${v.path}` : `${name}<br/>${v.storageClassName}`,
      })),
      mounts: this.mounts.map(m => ({ service: m.service, volume: m.volume.node.id })),
    };
  }

  /** @internal */
  public _recordMount(service: string, volume: NfsVolume): void {
    this.mounts.push({ service, volume });
  }

  /** @internal */
  public _markRouted(name: string): void {
    this.routed.add(name);
  }

  /**
   * The in-cluster gateway takes traffic from anywhere (on its port, when we know it) and reaches
   * the routed services only.
   */
  private addGatewayNetworkPolicy(pods: { [key: string]: string }, port: number | undefined, dataPlane = false): void {
    // A data plane also fetches its configuration from its controller, in the controller's namespace.
    const controller = dataPlane && this.platform.gatewaySource.namespaceLabels
      ? [{ to: [{ namespaceSelector: { matchLabels: this.platform.gatewaySource.namespaceLabels } }] }]
      : [];
    if (!(this.props.networkPolicies ?? true)) return;
    new ApiObject(this, 'GatewayNetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-gateway' },
      spec: Lazy.any({
        produce: () => ({
          podSelector: { matchLabels: pods },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [port === undefined ? {} : { ports: [{ protocol: 'TCP', port }] }],
          egress: [
            ...[...this.routed].sort().map(n => ({
              to: [{ podSelector: { matchLabels: { [SERVICE_LABEL]: n } } }],
              ports: [{ protocol: 'TCP', port: this.services.get(n)!.port }],
            })),
            ...controller,
          ],
        }),
      }),
    });
  }

  private policySpec(name: string, port: number): any {
    const podsOf = (n: string) => ({ podSelector: { matchLabels: { [SERVICE_LABEL]: n } } });
    const ingress: any[] = [];
    const callers = [...this.callersOf(name)].sort();
    if (callers.length > 0) {
      ingress.push({ from: callers.map(podsOf), ports: [{ protocol: 'TCP', port }] });
    }
    if (this.routed.has(name)) {
      ingress.push({ from: this.gatewayPeers(), ports: [{ protocol: 'TCP', port }] });
    }
    const egress: any[] = [];
    const svc = this.services.get(name);
    for (const target of [...svc?.talksTo ?? []].sort()) {
      const inCluster = this.services.get(target) ?? this.backing.get(target);
      if (inCluster) {
        egress.push({ to: [podsOf(target)], ports: [{ protocol: 'TCP', port: inCluster.port }] });
      } else if (this.externals.has(target)) {
        // An ExternalName resolves to a host outside the cluster, at an address we cannot know:
        // allow leaving the cluster, on the dependency's port when it was given.
        const externalPort = this.externals.get(target)!.port;
        egress.push({
          to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
          ...externalPort !== undefined ? { ports: [{ protocol: 'TCP', port: externalPort }] } : {},
        });
      }
    }
    return {
      podSelector: { matchLabels: { [SERVICE_LABEL]: name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress,
    };
  }

  /** Where gateway traffic comes from: the in-cluster gateway's pods or the platform's sources. */
  private gatewayPeers(): any[] {
    const source = this.platform.gatewaySource;
    const peers: any[] = [];
    if (this.gatewayPods) peers.push({ podSelector: { matchLabels: this.gatewayPods } });
    if (source.namespaceLabels) peers.push({ namespaceSelector: { matchLabels: source.namespaceLabels } });
    for (const cidr of source.cidrs ?? []) peers.push({ ipBlock: { cidr } });
    return peers;
  }

  private callersOf(name: string): Set<string> {
    if (!this.callers) {
      this.callers = new Map();
      for (const svc of this.services.values()) {
        for (const target of svc.talksTo) {
          const set = this.callers.get(target) ?? new Set<string>();
          set.add(svc.name);
          this.callers.set(target, set);
        }
      }
    }
    return this.callers.get(name) ?? new Set();
  }
}

/** What the stack diagram draws. */
interface DiagramModel {
  readonly gateway?: { name: string; label: string };
  readonly routes: Array<{ path: string; service: string }>;
  readonly services: Array<{ name: string; talksTo: string[]; release?: string }>;
  readonly backing: Array<{ name: string; image: string }>;
  readonly externals: Array<{ name: string; host: string }>;
  readonly volumes: Array<{ name: string; label: string }>;
  readonly mounts: Array<{ service: string; volume: string }>;
}

/** The cloud whose load balancer an annotation configures, if any. */
function cloudOfAnnotations(annotations: { [key: string]: string }): CloudProvider | undefined {
  const keys = Object.keys(annotations);
  if (keys.some(k => k.startsWith('service.beta.kubernetes.io/azure-'))) return CloudProvider.AKS;
  if (keys.some(k => k.startsWith('networking.gke.io/') || k.startsWith('cloud.google.com/'))) return CloudProvider.GKE;
  return undefined;
}

/** The cloud an ingress class belongs to, if it belongs to one. */
function cloudOfClass(ingressClassName: string | undefined): CloudProvider | undefined {
  if (ingressClassName === 'webapprouting.kubernetes.azure.com' || ingressClassName === 'azure-application-gateway') return CloudProvider.AKS;
  if (ingressClassName === 'gce' || ingressClassName === 'gce-internal') return CloudProvider.GKE;
  return undefined;
}

/** How the diagram labels a service's release. */
function releaseLabel(s: Microservice): string | undefined {
  if (s.canaryRelease) return `canary ${s.canaryRelease.weight}%`;
  if (s.blueGreenRelease) return `blue-green, ${s.blueGreenRelease.activeSlot.toLowerCase()} active`;
  return undefined;
}

const GATEWAY_LABELS: { [kind: string]: string } = {
  [GatewayImplementation.GATEWAY_API]: 'Gateway API',
  [GatewayImplementation.INGRESS]: 'Ingress',
  [GatewayImplementation.YARP]: 'YARP',
  [GatewayImplementation.OCELOT]: 'Ocelot',
};
