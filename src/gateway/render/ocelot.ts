/**
 * The Ocelot configuration renderer.
 */
import { joinPath, RouteModel, servingBackends, upstreamHost } from './route-model';

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
