import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ASPNETCORE_OPTIONS, HEALTH_CHECKS_PROPS, HEALTH_PROBE_OPTIONS, HTTP_GET_OPTIONS, TCP_SOCKET_OPTIONS } from './prop-types';
import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';

/**
 * Timing of a probe: when it starts, how often it runs, how long it may take, and how many
 * results flip the container's state.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
 */
export interface HealthProbeOptions {
  /**
   * Time after the container starts before the first probe.
   *
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;

  /**
   * How often to probe.
   *
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;

  /**
   * How long one probe may take. Must not be longer than `period`.
   *
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;

  /**
   * Consecutive failures after which the probe is failed (liveness: the container is restarted;
   * readiness: the pod leaves the Service's endpoints).
   *
   * @default 3
   */
  readonly failureThreshold?: number;

  /**
   * Consecutive successes after a failure for the probe to pass again. Must be 1 for liveness and
   * startup probes.
   *
   * @default 1
   */
  readonly successThreshold?: number;
}

/**
 * Options of an HTTP GET probe.
 */
export interface HttpGetHealthProbeOptions extends HealthProbeOptions {
  /**
   * Container port to call.
   *
   * @default - the main container's port
   */
  readonly port?: number;

  /**
   * HTTP or HTTPS. HTTPS probes do not verify the certificate.
   *
   * @default kplus.ConnectionScheme.HTTP
   */
  readonly scheme?: kplus.ConnectionScheme;

  /**
   * Request headers to send, for example a `Host` header.
   *
   * @default - none
   */
  readonly headers?: { [name: string]: string };
}

/**
 * Options of a TCP socket probe.
 */
export interface TcpSocketHealthProbeOptions extends HealthProbeOptions {
  /**
   * Container port to open a connection to.
   *
   * @default - the main container's port
   */
  readonly port?: number;
}

enum HealthProbeKind {
  HTTP_GET = 'httpGet',
  TCP_SOCKET = 'tcpSocket',
  EXEC = 'exec',
}

/**
 * A liveness, readiness or startup check of a container: HTTP GET, TCP socket or a command.
 *
 * Unlike `kplus.Probe`, it can send HTTP headers and its timing is checked at synth
 * (`timeout` not longer than `period`).
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes
 */
export class HealthProbe {
  /**
   * Healthy when `GET path` answers with a status from 200 to 399.
   *
   * @example
   * HealthProbe.httpGet('/health', { period: Duration.seconds(5) })
   */
  public static httpGet(path: string, options: HttpGetHealthProbeOptions = {}): HealthProbe {
    checkArguments(factoryFail('HealthProbe.httpGet', 'HealthProbe'), { path: [path, required(t.string('/health'))], options: [options, t.props(HTTP_GET_OPTIONS)] });
    return new HealthProbe(HealthProbeKind.HTTP_GET, options, {
      path,
      port: options.port,
      scheme: options.scheme,
      headers: options.headers,
    });
  }

  /**
   * Healthy when a TCP connection to the port opens (databases, brokers, gRPC without health
   * service).
   *
   * @example
   * HealthProbe.tcpSocket({ port: 5672 })
   */
  public static tcpSocket(options: TcpSocketHealthProbeOptions = {}): HealthProbe {
    checkArguments(factoryFail('HealthProbe.tcpSocket', 'HealthProbe'), { options: [options, t.props(TCP_SOCKET_OPTIONS)] });
    return new HealthProbe(HealthProbeKind.TCP_SOCKET, options, { port: options.port });
  }

  /**
   * Healthy when the command exits with status 0. The command runs inside the container, without
   * a shell unless you call one.
   *
   * @example
   * HealthProbe.exec(['cat', '/tmp/healthy'])
   */
  public static exec(command: string[], options: HealthProbeOptions = {}): HealthProbe {
    checkArguments(factoryFail('HealthProbe.exec', 'HealthProbe'), {
      command: [command, required(t.strings('["cat", "/tmp/healthy"]', true))],
      options: [options, t.props(HEALTH_PROBE_OPTIONS)],
    });
    return new HealthProbe(HealthProbeKind.EXEC, options, { command: [...command] });
  }

  /** @internal */
  public readonly _kind: HealthProbeKind;
  /** @internal */
  public readonly _options: HealthProbeOptions;
  /** @internal */
  public readonly _target: ProbeTarget;

  private constructor(kind: HealthProbeKind, options: HealthProbeOptions, target: ProbeTarget) {
    this._kind = kind;
    this._options = options;
    this._target = target;
  }

  /**
   * The port this probe calls, or undefined for an exec probe.
   *
   * @param defaultPort the main container's port, if it has one
   */
  public portFor(defaultPort?: number): number | undefined {
    checkArguments(factoryFail('HealthProbe.portFor', 'HealthProbe'), { defaultPort: [defaultPort, t.number({ example: 8080 })] });
    if (this._kind === HealthProbeKind.EXEC) return undefined;
    return this._target.port ?? defaultPort;
  }

  /** @internal */
  public _toKube(defaultPort: number | undefined): kplus.k8s.Probe {
    const o = this._options;
    const timing = {
      initialDelaySeconds: o.initialDelay?.toSeconds() ?? 0,
      periodSeconds: o.period?.toSeconds() ?? 10,
      timeoutSeconds: o.timeout?.toSeconds() ?? 1,
      failureThreshold: o.failureThreshold ?? 3,
      successThreshold: o.successThreshold ?? 1,
    };
    switch (this._kind) {
      case HealthProbeKind.HTTP_GET: {
        const headers = this._target.headers;
        return {
          httpGet: {
            path: this._target.path,
            port: kplus.k8s.IntOrString.fromNumber((this._target.port ?? defaultPort)!),
            scheme: this._target.scheme ?? kplus.ConnectionScheme.HTTP,
            httpHeaders: headers && Object.keys(headers).length > 0
              ? Object.keys(headers).sort().map(name => ({ name, value: headers[name] }))
              : undefined,
          },
          ...timing,
        };
      }
      case HealthProbeKind.TCP_SOCKET:
        return { tcpSocket: { port: kplus.k8s.IntOrString.fromNumber((this._target.port ?? defaultPort)!) }, ...timing };
      default:
        return { exec: { command: [...this._target.command ?? []] }, ...timing };
    }
  }
}

interface ProbeTarget {
  readonly path?: string;
  readonly port?: number;
  readonly scheme?: kplus.ConnectionScheme;
  readonly headers?: { [name: string]: string };
  readonly command?: string[];
}

/**
 * Options of the ASP.NET Core health checks preset.
 */
export interface AspNetCoreHealthChecksOptions {
  /**
   * Path of the liveness endpoint (`app.MapHealthChecks("/alive", ...)` with the checks tagged
   * "live", as the .NET Aspire service defaults map it).
   *
   * @default "/alive"
   */
  readonly livenessPath?: string;

  /**
   * Path of the readiness endpoint (all health checks: database, broker, ...).
   *
   * @default "/health"
   */
  readonly readinessPath?: string;

  /**
   * Also add a startup probe on the liveness path, allowing `startupTimeout` for the first
   * success, so slow first starts (migrations, JIT) are not killed by the liveness probe.
   *
   * @default true
   */
  readonly startupProbe?: boolean;

  /**
   * Longest time a container may take to start, when `startupProbe` is on.
   *
   * @default Duration.seconds(60)
   */
  readonly startupTimeout?: Duration;

  /**
   * Container port of the health endpoints.
   *
   * @default - the main container's port
   */
  readonly port?: number;
}

/**
 * The probes of a workload: liveness, readiness and startup, or an explicit statement that it has
 * none.
 */
export class HealthChecks {
  /**
   * The health endpoints of an ASP.NET Core service: liveness on `/alive`, readiness on
   * `/health`, on the service port, and a startup probe that gives a first start 60 seconds.
   *
   * The image must answer both paths in the environment it runs in. The .NET Aspire service
   * defaults (`MapDefaultEndpoints`) map them only when `ASPNETCORE_ENVIRONMENT` is Development,
   * and ASP.NET Core runs as Production when it is not set: the startup probe then gets 404s and
   * the kubelet restarts the container forever. Map them in every environment
   * (`app.MapHealthChecks("/health")` and `app.MapHealthChecks("/alive", new() { Predicate = r =>
   * r.Tags.Contains("live") })`), or run as Development (`MicroserviceStack`'s
   * `aspNetCoreEnvironment`). A stack that leaves the environment unset warns, and its
   * prerequisites list the paths each image must answer.
   *
   * @example
   * new ProbedDeployment(chart, 'catalog', {
   *   image: 'eshop/catalog-api:1.0.0',
   *   healthChecks: HealthChecks.aspNetCore(),
   * });
   */
  public static aspNetCore(options: AspNetCoreHealthChecksOptions = {}): HealthChecks {
    checkArguments(factoryFail('HealthChecks.aspNetCore', 'HealthChecks'), { options: [options, t.props(ASPNETCORE_OPTIONS)] });
    const livenessPath = options.livenessPath ?? '/alive';
    const readinessPath = options.readinessPath ?? '/health';
    const period = Duration.seconds(10);
    const timeout = Duration.seconds(2);
    const startupTimeout = options.startupTimeout ?? Duration.seconds(60);
    const startup = options.startupProbe === false ? undefined : HealthProbe.httpGet(livenessPath, {
      port: options.port,
      period: Duration.seconds(5),
      timeout,
      failureThreshold: Math.max(1, Math.ceil(startupTimeout.toSeconds() / 5)),
    });
    return new HealthChecks({
      liveness: HealthProbe.httpGet(livenessPath, { port: options.port, period, timeout, failureThreshold: 3 }),
      readiness: HealthProbe.httpGet(readinessPath, { port: options.port, period: Duration.seconds(5), timeout, failureThreshold: 3 }),
      startup,
    });
  }

  /**
   * A readiness probe, and a liveness and startup probe when the workload has a way to tell that
   * it is stuck. Without liveness the container is restarted only when it exits, as under
   * Docker.
   *
   * @example
   * HealthChecks.of({ readiness: HealthProbe.tcpSocket({ port: 5432 }) })
   */
  public static of(probes: HealthChecksProps): HealthChecks {
    checkArguments(factoryFail('HealthChecks.of', 'HealthChecks'), { probes: [probes, t.props(HEALTH_CHECKS_PROPS)] });
    return new HealthChecks(probes);
  }

  /**
   * No probes: the workload has no health endpoint and no port to try (a worker, a one-shot
   * task, an image nobody documented). Kubernetes then counts a running container as ready and
   * restarts it only when it exits. An explicit statement, so that forgetting probes is still an
   * error.
   *
   * @example
   * HealthChecks.none()
   */
  public static none(): HealthChecks {
    return new HealthChecks({});
  }

  /** Restarts the container when it fails, if there is a liveness probe. */
  public readonly liveness?: HealthProbe;
  /** Takes the pod out of its Services' endpoints while it fails, if there is a readiness probe. */
  public readonly readiness?: HealthProbe;
  /** Holds the other two back until the container has started. */
  public readonly startup?: HealthProbe;

  private constructor(props: { liveness?: HealthProbe; readiness?: HealthProbe; startup?: HealthProbe }) {
    this.liveness = props.liveness;
    this.readiness = props.readiness;
    this.startup = props.startup;
  }

  /** The probes of the set with their names, the ones it has. */
  public get probes(): NamedProbe[] {
    const all: Array<[string, HealthProbe | undefined]> = [['liveness', this.liveness], ['readiness', this.readiness], ['startup', this.startup]];
    return all.filter(([, probe]) => probe !== undefined).map(([name, probe]) => ({ name, probe: probe! }));
  }
}

/**
 * A probe of a {@link HealthChecks} set and the role it plays.
 */
export interface NamedProbe {
  /** "liveness", "readiness" or "startup". */
  readonly name: string;
  /** The probe. */
  readonly probe: HealthProbe;
}

/**
 * The probes of a {@link HealthChecks} set.
 */
export interface HealthChecksProps {
  /**
   * Restarts the container when it fails.
   *
   * @default - no liveness probe: the container is restarted only when it exits
   */
  readonly liveness?: HealthProbe;
  /** Takes the pod out of its Services' endpoints while it fails. */
  readonly readiness: HealthProbe;
  /**
   * Holds liveness and readiness back until the container has started.
   *
   * @default - no startup probe
   */
  readonly startup?: HealthProbe;
}
