import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PART_OF_LABEL, SERVICE_LABEL } from './labels';
import { plainEnv, secretRef } from './private/service-environment';
import { StackContext, stackContextOf } from './private/stack-context';
import { SecretValue } from './secret-value';
import { defaultPullPolicy } from '../core/image-ref';
import { toDns1035Label } from '../core/names';
import { restrictedSecurityContext } from '../core/pod-security';

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
  constructor(scope: Construct, name: string, options: BackingServiceOptions) {
    super(scope, name);
    const context = stackContextOf(scope, 'MicroserviceStack');
    this.name = name;
    this.port = options.port;
    this.image = options.image;
    const env = this.environment(options, context);
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name },
      ports: [{ port: options.port, targetPort: options.port, name: 'tcp' }],
    });
    this.statefulSet = this.createStatefulSet(options, env, context.appName);
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
    context.addNetworkPolicy(this, name, options.port);
  }

  /** Plain variables and secrets; each literal secret gets a Secret of its own, and a warning. */
  private environment(options: BackingServiceOptions, context: StackContext): { [name: string]: kplus.EnvValue } {
    const env = plainEnv(options.env);
    for (const [key, secret] of Object.entries(options.secrets ?? {})) {
      if (secret.value === undefined) {
        env[key] = secretRef(this, key, secret, context);
        continue;
      }
      context.warn(`[${this.node.path}] MicroserviceStack: secret ${key} of "${this.name}" is a literal value written into the YAML; `
        + 'use SecretValue.fromSecret(name, key)');
      const s = new kplus.Secret(this, `literal-${key}`, {
        metadata: { name: `${this.name}-${toDns1035Label(key)}` },
        stringData: { [key]: secret.value },
      });
      env[key] = kplus.EnvValue.fromSecretValue({ secret: s, key });
    }
    return env;
  }

  /** One pod, as the image's own user, with the restricted Pod Security defaults and TCP probes on the port. */
  private createStatefulSet(options: BackingServiceOptions, env: { [name: string]: kplus.EnvValue }, appName: string): kplus.StatefulSet {
    const uid = options.runAsUser ?? 999;
    return new kplus.StatefulSet(this, 'StatefulSet', {
      metadata: { name: this.name },
      service: this.service,
      replicas: 1,
      podMetadata: { labels: { [SERVICE_LABEL]: this.name, [PART_OF_LABEL]: appName } },
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
  }
}
