/**
 * One route table, as every renderer sees it: HTTPRoute rules (`gateway-api.ts`), Ingress paths
 * (`ingress.ts`), YARP `ReverseProxy` routes and clusters (`yarp.ts`), Ocelot `Routes`
 * (`ocelot.ts`).
 *
 * The renderers take plain, already validated models so that the same table can be compared
 * across kinds in tests.
 */
import { PropProblem } from '../../core/errors';

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

/** A backend's share of the route's traffic: its weight, 1 when not given. */
export function weightOf(backend: ResolvedBackend): number {
  return backend.weight ?? 1;
}

/** The backends that receive traffic (weight above 0). */
export function servingBackends(route: RouteModel): ResolvedBackend[] {
  return route.backends.filter(b => weightOf(b) > 0);
}

/** `http://<service>.<namespace>.svc.<domain>:<port>`, or `http://<service>:<port>` without a namespace. */
export function upstreamHost(backend: ResolvedBackend, clusterDomain: string): string {
  return backend.namespace ? `${backend.name}.${backend.namespace}.svc.${clusterDomain}` : backend.name;
}

/** `/api` + `$2` is `/api/$2`; `/` + `$2` is `/$2`. */
export function joinPath(prefix: string, rest: string): string {
  return prefix.endsWith('/') ? `${prefix}${rest}` : `${prefix}/${rest}`;
}
