/**
 * The checks of a GatewayRoute's props, one function per concern. They need no construct, so
 * they run before `super()`; each throws the first problem it finds, in the order of the props.
 */
import { Duration } from 'cdk8s';
import { Fail } from '../../core/errors';
import { hostnameProblem, isIpAddress, portNumberProblem } from '../../core/names';
import { GatewayImplementation, GatewayKind, IngressController } from '../gateway-kind';
import { RouteBackend } from '../route-backend';
import { GatewayRouteProps, PathMatch } from '../route-options';
import {
  headerNameProblem, HTTP_METHODS, HTTPROUTE_MAX_BACKENDS, HTTPROUTE_MAX_HEADERS, HTTPROUTE_MAX_WEIGHT, routePathProblem, routeRegexProblem,
} from './routes';
import { isYarpContainerImage } from './yarp-image';

/** The parts of a hostname check that differ between a gateway and a route. */
export interface HostnameCheck {
  /** The rule to report for a hostname that is not a DNS name. */
  readonly rule: (problem: string) => string;
  /** The fix to suggest for that hostname. */
  readonly fix: (hostname: string) => string;
  /** Whether each hostname must be exact (Ocelot's UpstreamHost matches one host). */
  readonly exact: boolean;
}

/** Host names of a gateway or a route: DNS names with an optional leading "*.", each once. */
export function checkHostnames(hostnames: string[], check: HostnameCheck, fail: Fail): void {
  hostnames.forEach((h, i) => {
    const problem = hostnameProblem(h, { wildcard: true });
    if (problem) throw fail({ prop: `hostnames[${i}]`, rule: check.rule(problem), value: h, fix: check.fix(h) });
    if (hostnames.indexOf(h) !== i) throw fail({ prop: `hostnames[${i}]`, rule: 'must not repeat a hostname', value: h, fix: 'list each hostname once' });
    if (check.exact) checkExactHost(h, i, fail);
  });
}

/** Ocelot's UpstreamHost matches one exact host: no wildcard. */
function checkExactHost(hostname: string, index: number, fail: Fail): void {
  if (hostname.startsWith('*.')) {
    throw fail({ prop: `hostnames[${index}]`, rule: 'cannot be a wildcard: Ocelot\'s UpstreamHost matches one exact host', value: hostname, fix: 'list the exact hostnames' });
  }
}

/** Rules every gateway kind shares. */
export function checkRouteProps(props: GatewayRouteProps, fail: Fail): void {
  if (!props.gateway) {
    throw fail({ prop: 'gateway', rule: 'is required', value: undefined, fix: 'pass the ApiGateway, or call gateway.addRoute(id, options)' });
  }
  const match = props.pathMatch ?? PathMatch.PREFIX;
  checkPath(props.path, match, fail);
  checkHostnames(props.hostnames ?? [], ROUTE_HOSTNAMES, fail);
  checkMethods(props.methods ?? [], fail);
  checkHeaders(props.headers ?? {}, fail);
  checkRewrite(props.rewritePrefix, match, fail);
  checkTimeout(props.timeout, fail);
  checkBackends(props.backends ?? [], fail);
}

/** What the gateway's kind cannot express, with the reason and an alternative. */
export function checkRouteForKind(props: GatewayRouteProps, fail: Fail): void {
  const impl = props.gateway.kind.implementation;
  if (impl === GatewayImplementation.INGRESS) checkIngressRoute(props, props.gateway.kind, fail);
  if (impl === GatewayImplementation.YARP || impl === GatewayImplementation.OCELOT) checkInClusterRoute(props, impl, fail);
}

const ROUTE_HOSTNAMES: HostnameCheck = {
  rule: problem => problem,
  fix: h => isIpLike(h) ? 'omit hostnames to accept any host (a load balancer IP included), or use a DNS name' : 'use a lowercase DNS name such as "shop.example.com" or "*.example.com"',
  // Ocelot's rule is checked with the other kind rules, after every shared one.
  exact: false,
};

function checkPath(path: string, match: PathMatch, fail: Fail): void {
  const problem = match === PathMatch.REGEX ? routeRegexProblem(path) : routePathProblem(path);
  if (problem) {
    throw fail({
      prop: 'path',
      rule: problem,
      value: path,
      fix: match === PathMatch.REGEX ? 'write the regex from the first "/" on, such as "/api/v[0-9]+/.*"' : 'write a normalized absolute path such as "/catalog"',
    });
  }
}

function checkMethods(given: string[], fail: Fail): void {
  const methods = given.map(m => String(m).toUpperCase());
  methods.forEach((m, i) => {
    if (!HTTP_METHODS.includes(m)) {
      throw fail({ prop: `methods[${i}]`, rule: `must be one of ${HTTP_METHODS.join(', ')}`, value: given[i], fix: 'use a standard HTTP method' });
    }
    if (methods.indexOf(m) !== i) {
      throw fail({ prop: `methods[${i}]`, rule: 'must not repeat a method', value: given[i], fix: 'list each method once' });
    }
  });
}

function checkHeaders(given: { [name: string]: string }, fail: Fail): void {
  const headers = Object.entries(given);
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
}

function checkRewrite(rewritePrefix: string | undefined, match: PathMatch, fail: Fail): void {
  if (rewritePrefix === undefined) return;
  if (match === PathMatch.REGEX) {
    throw fail({
      prop: 'rewritePrefix',
      rule: 'needs a prefix or exact path: a regex path has no prefix to replace',
      value: rewritePrefix,
      fix: 'use pathMatch PREFIX or EXACT, or drop rewritePrefix',
    });
  }
  const problem = routePathProblem(rewritePrefix);
  if (problem) throw fail({ prop: 'rewritePrefix', rule: problem, value: rewritePrefix, fix: 'write an absolute path such as "/" or "/api"' });
}

function checkTimeout(timeout: Duration | undefined, fail: Fail): void {
  if (timeout === undefined) return;
  const ms = timeout.toMilliseconds();
  if (!Number.isInteger(ms) || ms <= 0) {
    throw fail({ prop: 'timeout', rule: 'must be a positive whole number of milliseconds', value: `${ms}ms`, fix: 'pass a duration such as Duration.seconds(30)' });
  }
}

function checkBackends(backends: RouteBackend[], fail: Fail): void {
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

/** An Ingress routes by host and path to one Service; only ingress-nginx rewrites, matches regexes and sets timeouts. */
function checkIngressRoute(props: GatewayRouteProps, kind: GatewayKind, fail: Fail): void {
  if ((props.methods ?? []).length > 0) {
    throw fail({ prop: 'methods', rule: 'cannot be matched by an Ingress (it routes by host and path only)', value: props.methods, fix: 'drop methods, or use GatewayKind.gatewayApi() (HTTPRoute matches methods)' });
  }
  if (Object.keys(props.headers ?? {}).length > 0) {
    throw fail({ prop: 'headers', rule: 'cannot be matched by an Ingress (it routes by host and path only)', value: props.headers, fix: 'drop headers, or use GatewayKind.gatewayApi() (HTTPRoute matches headers)' });
  }
  if (props.backends.filter(b => b.effectiveWeight > 0).length > 1) {
    throw fail({
      prop: 'backends',
      rule: 'must send the path to one Service: an Ingress has no per-backend weights (only the ingress-nginx canary annotations split traffic)',
      value: weightsOf(props.backends),
      fix: 'give one backend all the traffic (the others weight 0), use CanaryRelease with ingress canary annotations, or use GatewayKind.gatewayApi() for weights',
    });
  }
  if (kind.ingressController === IngressController.NGINX) {
    if (props.timeout !== undefined && !Number.isInteger(props.timeout.toMilliseconds() / 1000)) {
      throw fail({ prop: 'timeout', rule: 'must be whole seconds for ingress-nginx (proxy-read-timeout takes seconds)', value: `${props.timeout.toMilliseconds()}ms`, fix: 'round the timeout to whole seconds' });
    }
    return;
  }
  checkPlainIngressRoute(props, kind, fail);
}

/** Controllers without ingress-nginx's annotations: plain prefix and exact paths only. */
function checkPlainIngressRoute(props: GatewayRouteProps, kind: GatewayKind, fail: Fail): void {
  const gce = kind.ingressController === IngressController.GCE;
  const name = gce ? 'GKE Ingress' : `the "${kind.ingressClassName}" Ingress controller`;
  const match = props.pathMatch ?? PathMatch.PREFIX;
  if (match === PathMatch.REGEX) {
    throw fail({ prop: 'pathMatch', rule: `cannot be REGEX: ${name} has no regex paths`, value: match, fix: 'use a PREFIX or EXACT path, or GatewayKind.gatewayApi()' });
  }
  if (props.rewritePrefix !== undefined) {
    throw fail({
      prop: 'rewritePrefix',
      rule: `cannot be expressed: ${name} has no path rewrite`,
      value: props.rewritePrefix,
      fix: gce
        ? 'serve the Service under the same path, or use GatewayKind.gatewayApi({ gatewayClassName: \'gke-l7-global-external-managed\' }) (GKE Gateway rewrites paths)'
        : 'serve the Service under the same path, pass controller: IngressController.NGINX if the controller reads ingress-nginx annotations, or use GatewayKind.gatewayApi()',
    });
  }
  if (props.timeout !== undefined) {
    throw fail({
      prop: 'timeout',
      rule: `cannot be expressed on the Ingress for ${name}`,
      value: `${props.timeout.toSeconds()}s`,
      fix: gce
        ? 'set timeoutSec in a BackendConfig referenced by the Service (cloud.google.com/backend-config), or use GatewayKind.gatewayApi()'
        : 'configure the timeout in the controller, or use GatewayKind.gatewayApi()',
    });
  }
}

/** YARP and Ocelot match route templates and balance a route's destinations equally. */
function checkInClusterRoute(props: GatewayRouteProps, impl: GatewayImplementation, fail: Fail): void {
  const name = impl === GatewayImplementation.YARP ? 'YARP' : 'Ocelot';
  const match = props.pathMatch ?? PathMatch.PREFIX;
  if (match === PathMatch.REGEX) {
    throw fail({
      prop: 'pathMatch',
      rule: `cannot be REGEX: ${name} matches route templates, not regular expressions`,
      value: match,
      fix: 'use a PREFIX or EXACT path, or GatewayKind.gatewayApi() for regex paths',
    });
  }
  const shares = new Set(props.backends.filter(b => b.effectiveWeight > 0).map(b => b.effectiveWeight));
  if (shares.size > 1) {
    throw fail({
      prop: 'backends',
      rule: `must give every backend with traffic the same weight: ${name} balances the destinations of a route equally (round robin) and has no weights`,
      value: weightsOf(props.backends),
      fix: 'use equal weights (or 0 to leave a backend out), CanaryRelease by replica ratio, or GatewayKind.gatewayApi() for weighted traffic',
    });
  }
  if (impl === GatewayImplementation.OCELOT) (props.hostnames ?? []).forEach((h, i) => checkExactHost(h, i, fail));
  if (impl === GatewayImplementation.YARP && props.timeout !== undefined && isYarpContainerImage(props.gateway.kind.image ?? '')) {
    throw fail({
      prop: 'timeout',
      rule: 'cannot be applied by the YARP container image: a route Timeout needs ASP.NET Core\'s request timeouts middleware, which that image does not add, and YARP then refuses every request of the route',
      value: `${props.timeout.toSeconds()}s`,
      fix: 'run your own YARP image whose Program.cs calls builder.Services.AddRequestTimeouts() and app.UseRequestTimeouts() (GatewayKind.yarp({ image })), or drop timeout',
    });
  }
}

function weightsOf(backends: RouteBackend[]): number[] {
  return backends.map(b => b.weight ?? 1);
}

function isIpLike(value: string): boolean {
  return isIpAddress(value) || /^[0-9.]+$/.test(value);
}
