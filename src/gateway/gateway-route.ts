import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { ApiGateway, GatewayImplementation, IngressController } from './api-gateway';
import { AppIndex } from '../core/app-registry';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { isIpAddress, portNumberProblem } from '../core/names';
import {
  headerNameProblem, HTTP_METHODS, HTTPROUTE_MAX_BACKENDS, HTTPROUTE_MAX_HEADERS, HTTPROUTE_MAX_WEIGHT,
  normalizePrefix, routeHostnameProblem, routePathProblem, routeRegexProblem,
} from './private/routes';
import { BackendResolution, ResolvedBackend } from './render/route-model';
import { ProbedDeployment } from '../workload/probed-deployment';

const TYPE = 'GatewayRoute';

/**
 * How a route's `path` is compared with the request path.
 */
export enum PathMatch {
  /**
   * The request path starts with `path`, element by element: `/catalog` matches `/catalog` and
   * `/catalog/items`, not `/catalogue`. A trailing "/" in `path` is ignored.
   */
  PREFIX = 'PREFIX',
  /** The request path is exactly `path`. */
  EXACT = 'EXACT',
  /**
   * `path` is a regular expression matched from the start of the request path. Only Gateway API
   * (implementation-specific) and ingress-nginx support it; YARP, Ocelot and GKE Ingress do not.
   */
  REGEX = 'REGEX',
}

/**
 * Options of a {@link RouteBackend}.
 */
export interface RouteBackendOptions {
  /**
   * The Service port to send traffic to (the Service's `port`, not the container port).
   *
   * @default - the Service's only port, or its port named "http"
   */
  readonly port?: number;

  /**
   * Share of the route's traffic, relative to the other backends of the route (0 to 1,000,000,
   * as in Gateway API). 0 sends this backend nothing. CanaryRelease sets weights such as 90/10.
   *
   * Gateway API renders the weights as they are. YARP and Ocelot balance their destinations
   * equally, so every backend with a weight above 0 must have the same weight; Ingress sends a
   * path to a single Service, so exactly one backend may have a weight above 0.
   *
   * @default 1
   */
  readonly weight?: number;
}

/**
 * Options of {@link RouteBackend.fromServiceName}.
 */
export interface ServiceNameBackendOptions extends RouteBackendOptions {
  /**
   * The Service's namespace.
   *
   * @default - the namespace of the gateway's chart
   */
  readonly namespace?: string;
}

/**
 * Where a route sends traffic: a Service of the app and one of its ports, with an optional
 * weight.
 *
 * Checked at synth: the Service must be part of the app and have the port.
 */
export class RouteBackend {
  /**
   * A Service of the app.
   *
   * @example
   * RouteBackend.fromService(catalog.service!, { port: 80 })
   */
  public static fromService(service: kplus.Service, options: RouteBackendOptions = {}): RouteBackend {
    return new RouteBackend({ service }, options);
  }

  /**
   * The Service of a ProbedDeployment (`deployment.service`): the deployment must be exposed
   * (`exposure` or `expose()`) by synth time.
   *
   * @example
   * RouteBackend.fromDeployment(catalog, { weight: 90 })
   */
  public static fromDeployment(deployment: ProbedDeployment, options: RouteBackendOptions = {}): RouteBackend {
    return new RouteBackend({ deployment }, options);
  }

  /**
   * A Service of the app by name, for Services you have no object for (another construct made
   * it). It must still exist in the app at synth.
   *
   * @example
   * RouteBackend.fromServiceName('catalog', { port: 80 })
   */
  public static fromServiceName(name: string, options: ServiceNameBackendOptions = {}): RouteBackend {
    return new RouteBackend({ name, namespace: options.namespace }, options);
  }

  /** The Service port asked for, if any. */
  public readonly port?: number;
  /** The weight asked for, if any (1 when not given). */
  public readonly weight?: number;

  private readonly target: BackendTarget;

  private constructor(target: BackendTarget, options: RouteBackendOptions) {
    this.target = target;
    this.port = options.port;
    this.weight = options.weight;
  }

  /** The weight used for traffic shares: `weight`, 1 when not given. */
  public get effectiveWeight(): number {
    return this.weight ?? 1;
  }

  /**
   * The Service name, namespace and port at synth, or what is wrong.
   *
   * @internal
   */
  public _resolve(route: IConstruct, defaultNamespace: string | undefined): BackendResolution {
    const t = this.target;
    let service = t.service;
    if (t.deployment) {
      if (t.deployment.node.root !== route.node.root) {
        return { problem: { rule: `must be part of this app, but ${t.deployment.node.path} belongs to another App`, value: t.deployment.node.path, fix: 'create the deployment in the same App as the gateway' } };
      }
      service = t.deployment.service;
      if (!service) {
        return {
          problem: {
            rule: `must be exposed by a Service, but ${t.deployment.node.path} has none`,
            value: t.deployment.node.path,
            fix: 'call expose({ name }) on the deployment or pass exposure: ServiceExposure.clusterIp()',
          },
        };
      }
    }
    if (service) {
      if (service.node.root !== route.node.root) {
        return { problem: { rule: `must be a Service of this app, but ${service.node.path} belongs to another App`, value: service.name, fix: 'create the Service in the same App as the gateway' } };
      }
      const ports = service.ports.map(p => ({ port: p.port, name: p.name }));
      return this.pickPort(service.name, service.metadata.namespace, ports, service.type === kplus.ServiceType.EXTERNAL_NAME);
    }
    const namespace = t.namespace ?? defaultNamespace;
    const found = AppIndex.of(route).find('Service', namespace, t.name!);
    if (!found) {
      return {
        problem: {
          rule: `must name a Service of this app, but there is no Service "${t.name}"${namespace ? ` in namespace "${namespace}"` : ''}`,
          value: t.name,
          fix: 'create the Service (for example ProbedDeployment.expose({ name })) or fix the name and namespace',
        },
      };
    }
    const spec = found.toJson().spec ?? {};
    const ports = (spec.ports ?? []).map((p: any) => ({ port: p.port, name: p.name }));
    return this.pickPort(t.name!, namespace, ports, spec.type === 'ExternalName');
  }

  private pickPort(name: string, namespace: string | undefined, ports: PortRef[], externalName: boolean): BackendResolution {
    const list = ports.map(p => p.name ? `${p.port} (${p.name})` : String(p.port)).join(', ');
    let port = this.port;
    if (port === undefined) {
      const chosen = ports.length === 1 ? ports[0] : ports.find(p => p.name === 'http');
      if (!chosen) {
        return {
          problem: ports.length === 0
            ? { rule: `needs a port: Service "${name}" has none`, value: undefined, fix: 'pass port, or give the Service a port' }
            : { rule: `must choose one of the ports of Service "${name}" (${list})`, value: undefined, fix: 'pass port, or name one of the ports "http"' },
        };
      }
      port = chosen.port;
    } else if (!ports.some(p => p.port === port) && !(externalName && ports.length === 0)) {
      return {
        problem: {
          rule: `must be a port of Service "${name}" (${list || 'it has none'})`,
          value: port,
          fix: 'use the Service port (clients\' port, such as 80), not the container port',
        },
      };
    }
    return { backend: { name, namespace, port, weight: this.weight } };
  }
}

/** A Service port as a backend sees it. */
interface PortRef {
  readonly port: number;
  readonly name?: string;
}

/** What a RouteBackend points at. */
interface BackendTarget {
  readonly service?: kplus.Service;
  readonly deployment?: ProbedDeployment;
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * What a route matches and where it sends the traffic.
 */
export interface GatewayRouteOptions {
  /**
   * The request path to match: absolute, without `//`, `/./` or `/../`. A regular expression
   * starting with "/" when `pathMatch` is `PathMatch.REGEX`.
   */
  readonly path: string;

  /**
   * How `path` is compared with the request path.
   *
   * @default PathMatch.PREFIX
   */
  readonly pathMatch?: PathMatch;

  /**
   * Host names this route answers (`shop.example.com`, `*.example.com`). DNS names, not IPs.
   *
   * @default - the gateway's hostnames (any host when the gateway has none)
   */
  readonly hostnames?: string[];

  /**
   * HTTP methods to match (`GET`, `POST`, ...). Not supported by Ingress.
   *
   * @default - any method
   */
  readonly methods?: string[];

  /**
   * Request headers that must have these exact values. Not supported by Ingress.
   *
   * @default - no header match
   */
  readonly headers?: { [name: string]: string };

  /**
   * Replace the matched prefix (or the whole path, for an exact match) before forwarding:
   * with `path: '/catalog'` and `rewritePrefix: '/'`, `/catalog/items` reaches the Service as
   * `/items`. Not possible with a regular expression path, nor on GKE Ingress.
   *
   * @default - the path is forwarded unchanged
   */
  readonly rewritePrefix?: string;

  /**
   * How long the gateway waits for the backend's response. Gateway API renders
   * `timeouts.request`; ingress-nginx `proxy-read-timeout`/`proxy-send-timeout` (whole seconds);
   * YARP the cluster's `HttpRequest.ActivityTimeout`; Ocelot `QoSOptions.TimeoutValue`.
   *
   * @default - the gateway's default
   */
  readonly timeout?: Duration;

  /**
   * Where to send matching requests: one backend, or several with weights.
   */
  readonly backends: RouteBackend[];
}

/**
 * Props of {@link GatewayRoute}.
 */
export interface GatewayRouteProps extends GatewayRouteOptions {
  /**
   * The gateway this route belongs to.
   */
  readonly gateway: ApiGateway;
}

/**
 * One route of an {@link ApiGateway}: a path (prefix, exact or regex), optional hostnames,
 * methods and headers, an optional prefix rewrite and timeout, and the backends it sends
 * traffic to.
 *
 * The same route renders to every gateway kind: a rule of an HTTPRoute (Gateway API), a path of
 * an Ingress, or an entry of the YARP or Ocelot route configuration. Props the chosen kind
 * cannot express are rejected in the constructor, with the reason and an alternative.
 *
 * @example
 * new GatewayRoute(chart, 'catalog', {
 *   gateway,
 *   path: '/catalog',
 *   rewritePrefix: '/',
 *   backends: [RouteBackend.fromDeployment(catalog)],
 * });
 */
export class GatewayRoute extends Construct {
  /** The gateway this route belongs to. */
  public readonly gateway: ApiGateway;
  /** The path as matched (a prefix without its trailing "/"). */
  public readonly path: string;
  /** How the path is matched. */
  public readonly pathMatch: PathMatch;
  /** The route's own hostnames; empty when it uses the gateway's. */
  public readonly hostnames: string[];
  /** Methods matched, uppercase; empty for any method. */
  public readonly methods: string[];
  /** Headers matched. */
  public readonly headers: { [name: string]: string };
  /** The prefix rewrite, if any. */
  public readonly rewritePrefix?: string;
  /** The request timeout, if any. */
  public readonly timeout?: Duration;
  /** The backends. */
  public readonly backends: RouteBackend[];
  /**
   * The route's own Ingress, when ingress-nginx needs annotations for it alone (a rewrite, a
   * regex path or a timeout); other routes share the gateway's Ingress.
   */
  public readonly ingress?: ApiObject;

  public constructor(scope: Construct, id: string, props: GatewayRouteProps) {
    const where = childPath(scope, id);
    const fail = (problem: PropProblem) => propError(where, TYPE, problem);
    checkRouteProps(props, fail);
    checkRouteForKind(props, fail);
    super(scope, id);

    this.gateway = props.gateway;
    this.pathMatch = props.pathMatch ?? PathMatch.PREFIX;
    this.path = this.pathMatch === PathMatch.PREFIX ? normalizePrefix(props.path) : props.path;
    this.hostnames = [...props.hostnames ?? []];
    this.methods = (props.methods ?? []).map(m => m.toUpperCase());
    this.headers = { ...props.headers };
    this.rewritePrefix = props.rewritePrefix;
    this.timeout = props.timeout;
    this.backends = [...props.backends];

    AppIndex.watch(this);
    this.ingress = this.gateway._registerRoute(this);
    this.node.addValidation({ validate: () => this.validateBackends() });
  }

  /** The hostnames the route answers: its own, else the gateway's; empty for any host. */
  public get effectiveHostnames(): string[] {
    return this.hostnames.length > 0 ? [...this.hostnames] : [...this.gateway.hostnames];
  }

  /**
   * The backends with their Service names and ports, at synth (after validation).
   *
   * @internal
   */
  public _resolvedBackends(): ResolvedBackend[] {
    const namespace = this.gateway._routeNamespace;
    return this.backends.map(b => b._resolve(this, namespace).backend).filter((b): b is ResolvedBackend => b !== undefined);
  }

  private validateBackends(): string[] {
    const errors: string[] = [];
    const namespace = this.gateway._routeNamespace;
    const sameNamespace = this.gateway.kind.implementation === GatewayImplementation.GATEWAY_API
      || this.gateway.kind.implementation === GatewayImplementation.INGRESS;
    this.backends.forEach((b, i) => {
      const { backend, problem } = b._resolve(this, namespace);
      if (problem) {
        errors.push(validationMessage(TYPE, { prop: `backends[${i}]`, ...problem }));
        return;
      }
      if (sameNamespace && backend && (backend.namespace ?? '') !== (namespace ?? '')) {
        const why = this.gateway.kind.implementation === GatewayImplementation.INGRESS
          ? 'an Ingress only sends traffic to Services of its own namespace'
          : 'an HTTPRoute cannot send traffic to another namespace without a ReferenceGrant';
        errors.push(validationMessage(TYPE, {
          prop: `backends[${i}]`,
          rule: `must be in the gateway's namespace "${namespace ?? 'default'}": ${why}`,
          value: `${backend.name} in ${backend.namespace ?? 'default'}`,
          fix: 'create the gateway in the chart of the Services, or use GatewayKind.yarp() (it reaches any namespace by DNS)',
        }));
      }
    });
    return errors;
  }
}

/** Rules every gateway kind shares; they need no construct. */
function checkRouteProps(props: GatewayRouteProps, fail: (p: PropProblem) => Error): void {
  if (!props.gateway) {
    throw fail({ prop: 'gateway', rule: 'is required', value: undefined, fix: 'pass the ApiGateway, or call gateway.addRoute(id, options)' });
  }
  const match = props.pathMatch ?? PathMatch.PREFIX;
  const pathProblem = match === PathMatch.REGEX ? routeRegexProblem(props.path) : routePathProblem(props.path);
  if (pathProblem) {
    throw fail({
      prop: 'path',
      rule: pathProblem,
      value: props.path,
      fix: match === PathMatch.REGEX ? 'write the regex from the first "/" on, such as "/api/v[0-9]+/.*"' : 'write a normalized absolute path such as "/catalog"',
    });
  }
  const hostnames = props.hostnames ?? [];
  hostnames.forEach((h, i) => {
    const problem = routeHostnameProblem(h);
    if (problem) {
      throw fail({
        prop: `hostnames[${i}]`,
        rule: problem,
        value: h,
        fix: isIpLike(h) ? 'omit hostnames to accept any host (a load balancer IP included), or use a DNS name' : 'use a lowercase DNS name such as "shop.example.com" or "*.example.com"',
      });
    }
    if (hostnames.indexOf(h) !== i) {
      throw fail({ prop: `hostnames[${i}]`, rule: 'must not repeat a hostname', value: h, fix: 'list each hostname once' });
    }
  });
  const methods = (props.methods ?? []).map(m => String(m).toUpperCase());
  methods.forEach((m, i) => {
    if (!HTTP_METHODS.includes(m)) {
      throw fail({ prop: `methods[${i}]`, rule: `must be one of ${HTTP_METHODS.join(', ')}`, value: props.methods![i], fix: 'use a standard HTTP method' });
    }
    if (methods.indexOf(m) !== i) {
      throw fail({ prop: `methods[${i}]`, rule: 'must not repeat a method', value: props.methods![i], fix: 'list each method once' });
    }
  });
  const headers = Object.entries(props.headers ?? {});
  if (headers.length > HTTPROUTE_MAX_HEADERS) {
    throw fail({ prop: 'headers', rule: `must have at most ${HTTPROUTE_MAX_HEADERS} entries`, value: headers.length, fix: 'match on fewer headers' });
  }
  for (const [name, value] of headers) {
    const problem = headerNameProblem(name);
    if (problem) throw fail({ prop: 'headers', rule: problem, value: name, fix: 'use a header name such as "X-Api-Version"' });
    if (typeof value !== 'string' || value.length === 0 || value.length > 4096) {
      throw fail({ prop: `headers.${name}`, rule: 'must be a non-empty value of at most 4096 characters', value, fix: 'pass the exact value to match' });
    }
  }
  if (props.rewritePrefix !== undefined) {
    if (match === PathMatch.REGEX) {
      throw fail({
        prop: 'rewritePrefix',
        rule: 'needs a prefix or exact path: a regex path has no prefix to replace',
        value: props.rewritePrefix,
        fix: 'use pathMatch PREFIX or EXACT, or drop rewritePrefix',
      });
    }
    const problem = routePathProblem(props.rewritePrefix);
    if (problem) throw fail({ prop: 'rewritePrefix', rule: problem, value: props.rewritePrefix, fix: 'write an absolute path such as "/" or "/api"' });
  }
  if (props.timeout !== undefined) {
    const ms = props.timeout.toMilliseconds();
    if (!Number.isInteger(ms) || ms <= 0) {
      throw fail({ prop: 'timeout', rule: 'must be a positive whole number of milliseconds', value: `${ms}ms`, fix: 'pass a duration such as Duration.seconds(30)' });
    }
  }
  const backends = props.backends ?? [];
  if (backends.length === 0) {
    throw fail({ prop: 'backends', rule: 'must name at least one backend', value: backends, fix: 'pass backends: [RouteBackend.fromDeployment(catalog)]' });
  }
  if (backends.length > HTTPROUTE_MAX_BACKENDS) {
    throw fail({ prop: 'backends', rule: `must have at most ${HTTPROUTE_MAX_BACKENDS} entries`, value: backends.length, fix: 'route to fewer Services; put replicas behind one Service instead' });
  }
  backends.forEach((b, i) => {
    if (b.port !== undefined && portNumberProblem(b.port)) {
      throw fail({ prop: `backends[${i}].port`, rule: 'must be an integer from 1 to 65535', value: b.port, fix: 'pass the Service port, such as 80' });
    }
    if (b.weight !== undefined && (!Number.isInteger(b.weight) || b.weight < 0 || b.weight > HTTPROUTE_MAX_WEIGHT)) {
      throw fail({
        prop: `backends[${i}].weight`,
        rule: `must be an integer from 0 to ${HTTPROUTE_MAX_WEIGHT.toLocaleString('en-US')}`,
        value: b.weight,
        fix: 'pass a relative share such as 90 and 10',
      });
    }
  });
  if (backends.every(b => b.effectiveWeight === 0)) {
    throw fail({
      prop: 'backends',
      rule: 'must give at least one backend a weight above 0 (all weights are 0, so every request would fail)',
      value: backends.map(b => b.weight),
      fix: 'give the backend that should serve traffic a weight such as 100',
    });
  }
}

/** What the gateway's kind cannot express, with the reason and an alternative. */
function checkRouteForKind(props: GatewayRouteProps, fail: (p: PropProblem) => Error): void {
  const kind = props.gateway.kind;
  const impl = kind.implementation;
  const match = props.pathMatch ?? PathMatch.PREFIX;
  const serving = props.backends.filter(b => b.effectiveWeight > 0);
  const weights = props.backends.map(b => b.weight ?? 1);

  if (impl === GatewayImplementation.INGRESS) {
    const controller = kind.ingressController!;
    const name = controller === IngressController.NGINX ? 'ingress-nginx' : controller === IngressController.GCE ? 'GKE Ingress' : `the "${kind.ingressClassName}" Ingress controller`;
    if ((props.methods ?? []).length > 0) {
      throw fail({ prop: 'methods', rule: 'cannot be matched by an Ingress (it routes by host and path only)', value: props.methods, fix: 'drop methods, or use GatewayKind.gatewayApi() (HTTPRoute matches methods)' });
    }
    if (Object.keys(props.headers ?? {}).length > 0) {
      throw fail({ prop: 'headers', rule: 'cannot be matched by an Ingress (it routes by host and path only)', value: props.headers, fix: 'drop headers, or use GatewayKind.gatewayApi() (HTTPRoute matches headers)' });
    }
    if (serving.length > 1) {
      throw fail({
        prop: 'backends',
        rule: 'must send the path to one Service: an Ingress has no per-backend weights (only the ingress-nginx canary annotations split traffic)',
        value: weights,
        fix: 'give one backend all the traffic (the others weight 0), use CanaryRelease with ingress canary annotations, or use GatewayKind.gatewayApi() for weights',
      });
    }
    if (controller !== IngressController.NGINX) {
      if (match === PathMatch.REGEX) {
        throw fail({ prop: 'pathMatch', rule: `cannot be REGEX: ${name} has no regex paths`, value: match, fix: 'use a PREFIX or EXACT path, or GatewayKind.gatewayApi()' });
      }
      if (props.rewritePrefix !== undefined) {
        throw fail({
          prop: 'rewritePrefix',
          rule: `cannot be expressed: ${name} has no path rewrite`,
          value: props.rewritePrefix,
          fix: controller === IngressController.GCE
            ? 'serve the Service under the same path, or use GatewayKind.gatewayApi({ gatewayClassName: \'gke-l7-global-external-managed\' }) (GKE Gateway rewrites paths)'
            : 'serve the Service under the same path, pass controller: IngressController.NGINX if the controller reads ingress-nginx annotations, or use GatewayKind.gatewayApi()',
        });
      }
      if (props.timeout !== undefined) {
        throw fail({
          prop: 'timeout',
          rule: `cannot be expressed on the Ingress for ${name}`,
          value: `${props.timeout.toSeconds()}s`,
          fix: controller === IngressController.GCE
            ? 'set timeoutSec in a BackendConfig referenced by the Service (cloud.google.com/backend-config), or use GatewayKind.gatewayApi()'
            : 'configure the timeout in the controller, or use GatewayKind.gatewayApi()',
        });
      }
    } else if (props.timeout !== undefined && !Number.isInteger(props.timeout.toMilliseconds() / 1000)) {
      throw fail({ prop: 'timeout', rule: 'must be whole seconds for ingress-nginx (proxy-read-timeout takes seconds)', value: `${props.timeout.toMilliseconds()}ms`, fix: 'round the timeout to whole seconds' });
    }
  }

  if (impl === GatewayImplementation.YARP || impl === GatewayImplementation.OCELOT) {
    const name = impl === GatewayImplementation.YARP ? 'YARP' : 'Ocelot';
    if (match === PathMatch.REGEX) {
      throw fail({
        prop: 'pathMatch',
        rule: `cannot be REGEX: ${name} matches route templates, not regular expressions`,
        value: match,
        fix: 'use a PREFIX or EXACT path, or GatewayKind.gatewayApi() for regex paths',
      });
    }
    const shares = new Set(serving.map(b => b.effectiveWeight));
    if (shares.size > 1) {
      throw fail({
        prop: 'backends',
        rule: `must give every backend with traffic the same weight: ${name} balances the destinations of a route equally (round robin) and has no weights`,
        value: weights,
        fix: 'use equal weights (or 0 to leave a backend out), CanaryRelease by replica ratio, or GatewayKind.gatewayApi() for weighted traffic',
      });
    }
    if (impl === GatewayImplementation.OCELOT) {
      (props.hostnames ?? []).forEach((h, i) => {
        if (h.startsWith('*.')) {
          throw fail({ prop: `hostnames[${i}]`, rule: 'cannot be a wildcard: Ocelot\'s UpstreamHost matches one exact host', value: h, fix: 'list the exact hostnames' });
        }
      });
    }
  }
}

function isIpLike(value: string): boolean {
  return isIpAddress(value) || /^[0-9.]+$/.test(value);
}
