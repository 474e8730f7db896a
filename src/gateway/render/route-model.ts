/**
 * One route table, rendered for each gateway kind: HTTPRoute rules (Gateway API), Ingress paths
 * (with ingress-nginx annotations), YARP `ReverseProxy` routes and clusters, Ocelot `Routes`.
 *
 * The renderers take plain, already validated models so that the same table can be compared
 * across kinds in tests.
 */
import { HttpRouteFilter, HttpRouteMatch, HttpRouteRule } from './gateway-api';
import { PropProblem } from '../../core/errors';
import { dotnetTimeSpan, escapeRegex, gatewayApiDuration, HTTP_METHODS } from '../private/routes';

/** A backend after synth-time resolution: a Service name, namespace and port. */
export interface ResolvedBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  /** The weight asked for; undefined means 1. */
  readonly weight?: number;
}

/** The result of resolving a backend: the backend, or what is wrong with it. */
export interface BackendResolution {
  readonly backend?: ResolvedBackend;
  readonly problem?: Omit<PropProblem, 'prop'>;
}

/** One route, as every renderer sees it. */
export interface RouteModel {
  /** Unique, stable key of the route in the gateway (YARP route and cluster ids). */
  readonly key: string;
  readonly path: string;
  readonly match: 'PREFIX' | 'EXACT' | 'REGEX';
  /** Effective hostnames; empty for any host. */
  readonly hostnames: string[];
  /** Uppercase methods; empty for any. */
  readonly methods: string[];
  readonly headers: Array<[string, string]>;
  readonly rewritePrefix?: string;
  readonly timeoutMs?: number;
  readonly backends: ResolvedBackend[];
}

const weightOf = (b: ResolvedBackend) => b.weight ?? 1;

/** The backends that receive traffic (weight above 0). */
export function servingBackends(route: RouteModel): ResolvedBackend[] {
  return route.backends.filter(b => weightOf(b) > 0);
}

// ---------------------------------------------------------------------------------------------
// Gateway API

const GATEWAY_API_PATH_TYPE = { PREFIX: 'PathPrefix', EXACT: 'Exact', REGEX: 'RegularExpression' } as const;

/** One HTTPRoute rule (gateway.networking.k8s.io/v1). */
export function httpRouteRule(route: RouteModel): HttpRouteRule {
  const methods = route.methods.length === 0 || route.methods.length === HTTP_METHODS.length ? [undefined] : route.methods;
  const matches = methods.map((method): HttpRouteMatch => ({
    path: { type: GATEWAY_API_PATH_TYPE[route.match], value: route.path },
    ...method ? { method } : {},
    ...route.headers.length > 0 ? { headers: route.headers.map(([name, value]) => ({ type: 'Exact' as const, name, value })) } : {},
  }));
  const filters: HttpRouteFilter[] = [];
  if (route.rewritePrefix !== undefined) {
    filters.push({
      type: 'URLRewrite',
      urlRewrite: {
        path: route.match === 'EXACT'
          ? { type: 'ReplaceFullPath', replaceFullPath: route.rewritePrefix }
          : { type: 'ReplacePrefixMatch', replacePrefixMatch: route.rewritePrefix },
      },
    });
  }
  const weighted = route.backends.some(b => b.weight !== undefined);
  return {
    matches,
    ...filters.length > 0 ? { filters } : {},
    backendRefs: route.backends.map(b => ({
      name: b.name,
      port: b.port,
      ...weighted ? { weight: weightOf(b) } : {},
    })),
    ...route.timeoutMs !== undefined ? { timeouts: { request: gatewayApiDuration(route.timeoutMs) } } : {},
  };
}

// ---------------------------------------------------------------------------------------------
// Ingress

/** The ingress-nginx annotation prefix. */
const NGINX = 'nginx.ingress.kubernetes.io';

/** An Ingress path and the annotations it needs. */
export interface IngressPath {
  readonly path: string;
  readonly pathType: 'Prefix' | 'Exact' | 'ImplementationSpecific';
  readonly annotations: { [key: string]: string };
}

/** True when ingress-nginx needs annotations (so an Ingress of its own) for this route. */
export function needsOwnIngress(route: Pick<RouteModel, 'match' | 'rewritePrefix' | 'timeoutMs'>): boolean {
  return route.match === 'REGEX' || route.rewritePrefix !== undefined || route.timeoutMs !== undefined;
}

/**
 * The Ingress path of a route. ingress-nginx rewrites with a regex path and a capture group:
 * `/catalog(/|$)(.*)` with `rewrite-target: /$2`; other controllers get plain paths (the route
 * checks reject what they cannot express).
 */
export function ingressPath(route: Pick<RouteModel, 'path' | 'match' | 'rewritePrefix' | 'timeoutMs'>): IngressPath {
  const annotations: { [key: string]: string } = {};
  if (route.timeoutMs !== undefined) {
    const seconds = String(Math.round(route.timeoutMs / 1000));
    annotations[`${NGINX}/proxy-read-timeout`] = seconds;
    annotations[`${NGINX}/proxy-send-timeout`] = seconds;
  }
  if (route.match === 'REGEX') {
    annotations[`${NGINX}/use-regex`] = 'true';
    return { path: route.path, pathType: 'ImplementationSpecific', annotations };
  }
  if (route.rewritePrefix !== undefined) {
    annotations[`${NGINX}/use-regex`] = 'true';
    if (route.match === 'EXACT') {
      annotations[`${NGINX}/rewrite-target`] = route.rewritePrefix;
      return { path: `${escapeRegex(route.path)}$`, pathType: 'ImplementationSpecific', annotations };
    }
    if (route.path === '/') {
      annotations[`${NGINX}/rewrite-target`] = joinPath(route.rewritePrefix, '$1');
      return { path: '/(.*)', pathType: 'ImplementationSpecific', annotations };
    }
    annotations[`${NGINX}/rewrite-target`] = joinPath(route.rewritePrefix, '$2');
    return { path: `${escapeRegex(route.path)}(/|$)(.*)`, pathType: 'ImplementationSpecific', annotations };
  }
  return { path: route.path, pathType: route.match === 'EXACT' ? 'Exact' : 'Prefix', annotations };
}

/** The `rules` of an Ingress for routes, grouped by host in order of first appearance. */
export function ingressRules(routes: RouteModel[]): any[] {
  const byHost = new Map<string, any[]>();
  for (const route of routes) {
    const backend = servingBackends(route)[0];
    if (!backend) continue;
    const { path, pathType } = ingressPath(route);
    for (const host of route.hostnames.length > 0 ? route.hostnames : ['']) {
      const paths = byHost.get(host) ?? [];
      paths.push({ path, pathType, backend: { service: { name: backend.name, port: { number: backend.port } } } });
      byHost.set(host, paths);
    }
  }
  return [...byHost.entries()].map(([host, paths]) => ({ ...host ? { host } : {}, http: { paths } }));
}

// ---------------------------------------------------------------------------------------------
// In-cluster gateways

/** `http://<service>.<namespace>.svc.<domain>:<port>`, or `http://<service>:<port>` without a namespace. */
export function upstreamHost(backend: ResolvedBackend, clusterDomain: string): string {
  return backend.namespace ? `${backend.name}.${backend.namespace}.svc.${clusterDomain}` : backend.name;
}

/**
 * The YARP configuration (`ReverseProxy` section): one route and one cluster per gateway route,
 * destinations at the Services' cluster DNS names.
 *
 * @see https://learn.microsoft.com/aspnet/core/fundamentals/servers/yarp/config-files
 */
export function yarpConfig(routes: RouteModel[], clusterDomain: string): any {
  const yarpRoutes: any = {};
  const clusters: any = {};
  for (const route of routes) {
    const match: any = { Path: yarpPath(route) };
    if (route.hostnames.length > 0) match.Hosts = route.hostnames;
    if (route.methods.length > 0) match.Methods = route.methods;
    if (route.headers.length > 0) {
      match.Headers = route.headers.map(([name, value]) => ({ Name: name, Values: [value], Mode: 'ExactHeader', IsCaseSensitive: true }));
    }
    const transforms: any[] = [];
    if (route.rewritePrefix !== undefined) {
      if (route.match === 'EXACT') {
        transforms.push({ PathSet: route.rewritePrefix });
      } else {
        if (route.path !== '/') transforms.push({ PathRemovePrefix: route.path });
        if (route.rewritePrefix !== '/') transforms.push({ PathPrefix: route.rewritePrefix.replace(/\/+$/, '') });
      }
    }
    yarpRoutes[route.key] = { ClusterId: route.key, Match: match, ...transforms.length > 0 ? { Transforms: transforms } : {} };

    const destinations: any = {};
    for (const b of servingBackends(route)) {
      destinations[destinationKey(b, destinations)] = { Address: `http://${upstreamHost(b, clusterDomain)}:${b.port}` };
    }
    clusters[route.key] = {
      ...Object.keys(destinations).length > 1 ? { LoadBalancingPolicy: 'RoundRobin' } : {},
      ...route.timeoutMs !== undefined ? { HttpRequest: { ActivityTimeout: dotnetTimeSpan(route.timeoutMs) } } : {},
      Destinations: destinations,
    };
  }
  return { ReverseProxy: { Routes: yarpRoutes, Clusters: clusters } };
}

/** The ASP.NET Core route template of a path: a prefix catches the rest with `{**catch-all}`. */
function yarpPath(route: RouteModel): string {
  if (route.match !== 'PREFIX') return route.path;
  return route.path === '/' ? '/{**catch-all}' : `${route.path}/{**catch-all}`;
}

function destinationKey(b: ResolvedBackend, taken: object): string {
  const base = b.namespace ? `${b.name}.${b.namespace}` : b.name;
  let key = base;
  for (let i = 2; key in taken; i++) key = `${base}-${i}`;
  return key;
}

/** The Ocelot placeholder that catches the rest of a prefix path. */
const OCELOT_REST = '{everything}';

/**
 * The Ocelot configuration (`ocelot.json`): one Ocelot route per host, plus, for a prefix, one
 * route for the prefix itself (`/catalog`) and one for what is below it (`/catalog/{everything}`).
 * Paths are case-sensitive, as in Gateway API.
 *
 * @see https://ocelot.readthedocs.io/en/latest/features/routing.html
 */
export function ocelotConfig(routes: RouteModel[], clusterDomain: string): any {
  const out: any[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    const templates: Array<[string, string]> = [];
    const rewrite = route.rewritePrefix;
    if (route.match === 'EXACT') {
      templates.push([route.path, rewrite ?? route.path]);
    } else {
      const below = route.path === '/' ? `/${OCELOT_REST}` : `${route.path}/${OCELOT_REST}`;
      templates.push([below, rewrite !== undefined ? joinPath(rewrite, OCELOT_REST) : below]);
      if (route.path !== '/') templates.push([route.path, rewrite ?? route.path]);
    }
    const serving = servingBackends(route);
    for (const host of route.hostnames.length > 0 ? route.hostnames : [undefined]) {
      for (const [upstream, downstream] of templates) {
        const key = [host ?? '*', upstream, [...route.methods].sort().join(','), JSON.stringify(route.headers)].join('|');
        // An exact route and the exact half of a prefix route may coincide: Ocelot rejects duplicates.
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          UpstreamPathTemplate: upstream,
          ...route.methods.length > 0 ? { UpstreamHttpMethod: route.methods.map(titleCase) } : {},
          ...host ? { UpstreamHost: host } : {},
          ...route.headers.length > 0 ? { UpstreamHeaderTemplates: Object.fromEntries(route.headers) } : {},
          RouteIsCaseSensitive: true,
          DownstreamPathTemplate: downstream,
          DownstreamScheme: 'http',
          DownstreamHostAndPorts: serving.map(b => ({ Host: upstreamHost(b, clusterDomain), Port: b.port })),
          ...serving.length > 1 ? { LoadBalancerOptions: { Type: 'RoundRobin' } } : {},
          ...route.timeoutMs !== undefined ? { QoSOptions: { TimeoutValue: route.timeoutMs } } : {},
        });
      }
    }
  }
  return { Routes: out, GlobalConfiguration: {} };
}

function titleCase(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

/** `/api` + `$2` is `/api/$2`; `/` + `$2` is `/$2`. */
function joinPath(prefix: string, rest: string): string {
  return prefix.endsWith('/') ? `${prefix}${rest}` : `${prefix}/${rest}`;
}
