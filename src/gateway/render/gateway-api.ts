/**
 * The parts of the Gateway API v1 kinds (gateway.networking.k8s.io/v1) that this library
 * renders, typed so that the renderers are checked by the compiler. Field names and limits
 * follow the CRDs; the tests validate the output against them with
 * `@kubernetes-models/gateway-api`.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 */

/** `Gateway.spec`. */
export interface GatewaySpec {
  readonly gatewayClassName: string;
  /** 1 to 64 listeners. */
  readonly listeners: Listener[];
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
