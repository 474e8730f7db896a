/**
 * The one Ingress renderer (networking.k8s.io/v1): the paths of an ApiGateway's routes, with the
 * ingress-nginx annotations they need, and the Ingresses of a CanaryRelease.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { joinPath, RouteModel, servingBackends } from './route-model';
import { escapeRegex } from '../private/routes';

/** The ingress-nginx annotation prefix. */
export const NGINX = 'nginx.ingress.kubernetes.io';

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

/** One path of an Ingress to a Service port, on some hosts. */
export interface IngressServicePath {
  /** The hosts of the path; empty for any host. */
  readonly hosts: string[];
  readonly path: string;
  readonly pathType: string;
  readonly service: string;
  readonly port: number;
}

/** The `rules` of an Ingress for routes, grouped by host in order of first appearance. */
export function ingressRules(routes: RouteModel[]): any[] {
  const paths: IngressServicePath[] = [];
  for (const route of routes) {
    const backend = servingBackends(route)[0];
    if (!backend) continue;
    const { path, pathType } = ingressPath(route);
    paths.push({ hosts: route.hostnames, path, pathType, service: backend.name, port: backend.port });
  }
  return ingressRulesOf(paths);
}

/** The `rules` of an Ingress for paths to Services, grouped by host in order of first appearance. */
export function ingressRulesOf(paths: IngressServicePath[]): any[] {
  const byHost = new Map<string, any[]>();
  for (const p of paths) {
    for (const host of p.hosts.length > 0 ? p.hosts : ['']) {
      const list = byHost.get(host) ?? [];
      list.push({ path: p.path, pathType: p.pathType, backend: { service: { name: p.service, port: { number: p.port } } } });
      byHost.set(host, list);
    }
  }
  return [...byHost.entries()].map(([host, list]) => ({ ...host ? { host } : {}, http: { paths: list } }));
}

/** What an Ingress spec is made of. */
export interface IngressSpecOptions {
  /** The IngressClass; left out for controllers that read the class from an annotation (GKE). */
  readonly ingressClassName?: string;
  /** The TLS Secret and the hosts it covers (empty: the controller's default host). */
  readonly tls?: { readonly secretName: string; readonly hosts: string[] };
  readonly rules: any[];
}

/** An Ingress `spec`. */
export function ingressSpec(options: IngressSpecOptions): any {
  const tls = options.tls;
  return {
    ...options.ingressClassName !== undefined ? { ingressClassName: options.ingressClassName } : {},
    ...tls ? { tls: [{ ...tls.hosts.length > 0 ? { hosts: tls.hosts } : {}, secretName: tls.secretName }] } : {},
    rules: options.rules,
  };
}

/** The metadata an Ingress of ours sets; the namespace defaults to the chart's. */
export interface IngressMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations?: { [key: string]: string };
}

/** A networking.k8s.io/v1 Ingress whose spec is rendered at synth. */
export function ingressObject(scope: Construct, id: string, metadata: IngressMetadata, spec: () => any): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec: Lazy.any({ produce: spec }) });
}
