/**
 * The parts of the Gateway API v1 kinds (gateway.networking.k8s.io/v1) that this library
 * renders, typed so that the renderers are checked by the compiler. Field names and limits
 * follow the CRDs; the tests validate the output against them with
 * `@kubernetes-models/gateway-api`.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 */
import { RouteModel, weightOf } from './route-model';
import { HTTP_METHODS, gatewayApiDuration } from '../private/routes';

/** `Gateway.spec`. */
export interface GatewaySpec {
  readonly gatewayClassName: string;
  /** 1 to 64 listeners. */
  readonly listeners: Listener[];
  /** Addresses asked of the implementation (at most 16). */
  readonly addresses?: Array<{ readonly type?: string; readonly value: string }>;
}

/** A port and protocol the Gateway accepts traffic on. */
export interface Listener {
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly hostname?: string;
  readonly tls?: {
    readonly mode: 'Terminate' | 'Passthrough';
    readonly certificateRefs: Array<{ readonly kind: 'Secret'; readonly name: string; readonly namespace?: string }>;
  };
  readonly allowedRoutes?: { readonly namespaces: { readonly from: 'Same' | 'All' | 'Selector' } };
}

/** `HTTPRoute.spec`: at most 16 hostnames and 16 rules. */
export interface HttpRouteSpec {
  readonly parentRefs: ParentRef[];
  readonly hostnames?: string[];
  readonly rules: HttpRouteRule[];
}

/** The Gateway (and optionally its namespace) a route attaches to. */
export interface ParentRef {
  readonly name: string;
  readonly namespace?: string;
}

/** One rule: at most 8 matches (ORed), filters, at most 16 backends, timeouts. */
export interface HttpRouteRule {
  readonly matches: HttpRouteMatch[];
  readonly filters?: HttpRouteFilter[];
  readonly backendRefs: BackendRef[];
  readonly timeouts?: { readonly request?: string };
}

/** Path, method and headers that must all match (ANDed). */
export interface HttpRouteMatch {
  readonly path: { readonly type: 'PathPrefix' | 'Exact' | 'RegularExpression'; readonly value: string };
  readonly method?: string;
  readonly headers?: Array<{ readonly type: 'Exact'; readonly name: string; readonly value: string }>;
}

/** The URLRewrite filter (Extended support). */
export interface HttpRouteFilter {
  readonly type: 'URLRewrite';
  readonly urlRewrite: {
    readonly path:
    | { readonly type: 'ReplacePrefixMatch'; readonly replacePrefixMatch: string }
    | { readonly type: 'ReplaceFullPath'; readonly replaceFullPath: string };
  };
}

/** A Service port with an optional weight (0 to 1,000,000; 1 when left out). */
export interface BackendRef {
  readonly name: string;
  readonly port: number;
  readonly weight?: number;
}

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

/** What the listeners of a Gateway this library creates are made of. */
export interface ListenerOptions {
  readonly httpPort: number;
  readonly httpsPort: number;
  /** Adds an HTTPS listener that terminates TLS with this Secret. */
  readonly tlsSecretName?: string;
  /** The Gateway's `spec.addresses`. */
  readonly addresses?: Array<{ readonly type?: string; readonly value: string }>;
}

/** A Gateway with an HTTP listener (and an HTTPS one with a TLS Secret), for routes of its namespace. */
export function gatewaySpec(gatewayClassName: string, options: ListenerOptions): GatewaySpec {
  const listeners: Listener[] = [{
    name: 'http',
    protocol: 'HTTP',
    port: options.httpPort,
    allowedRoutes: { namespaces: { from: 'Same' } },
  }];
  if (options.tlsSecretName) {
    listeners.push({
      name: 'https',
      protocol: 'HTTPS',
      port: options.httpsPort,
      tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: options.tlsSecretName }] },
      allowedRoutes: { namespaces: { from: 'Same' } },
    });
  }
  const addresses = (options.addresses ?? []).map(a => ({ type: a.type ?? 'IPAddress', value: a.value }));
  return { gatewayClassName, listeners, ...addresses.length > 0 ? { addresses } : {} };
}
