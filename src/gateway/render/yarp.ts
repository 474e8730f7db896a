/**
 * The YARP configuration renderer.
 */
import { ResolvedBackend, RouteModel, servingBackends, upstreamHost } from './route-model';
import { dotnetTimeSpan } from '../private/routes';

/** YARP's default `ActivityTimeout`: an idle request is cancelled after it, whatever the route allows. */
const DEFAULT_ACTIVITY_TIMEOUT_MS = 100_000;

/**
 * The YARP configuration (`ReverseProxy` section): one route and one cluster per gateway route,
 * destinations at the Services' cluster DNS names.
 *
 * A route timeout is the route's `Timeout`, the time the whole request may take, as Gateway API's
 * `timeouts.request` and Ocelot's `QoSOptions.TimeoutValue` mean it; above YARP's 100-second idle
 * timeout, the cluster's `ActivityTimeout` is raised to match, or an idle request would be cut first.
 *
 * @see https://learn.microsoft.com/aspnet/core/fundamentals/servers/yarp/config-files
 * @see https://learn.microsoft.com/aspnet/core/fundamentals/servers/yarp/timeouts
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
    yarpRoutes[route.key] = {
      ClusterId: route.key,
      Match: match,
      ...route.timeoutMs !== undefined ? { Timeout: dotnetTimeSpan(route.timeoutMs) } : {},
      ...transforms.length > 0 ? { Transforms: transforms } : {},
    };

    const destinations: any = {};
    for (const b of servingBackends(route)) {
      destinations[destinationKey(b, destinations)] = { Address: `http://${upstreamHost(b, clusterDomain)}:${b.port}` };
    }
    clusters[route.key] = {
      ...Object.keys(destinations).length > 1 ? { LoadBalancingPolicy: 'RoundRobin' } : {},
      ...(route.timeoutMs ?? 0) > DEFAULT_ACTIVITY_TIMEOUT_MS ? { HttpRequest: { ActivityTimeout: dotnetTimeSpan(route.timeoutMs!) } } : {},
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
