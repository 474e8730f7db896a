import { Duration } from 'cdk8s';
import type { IGateway } from './contracts';
import type { RouteBackend } from './route-backend';

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
   * How long the whole request may take at the gateway before it answers with a timeout error.
   *
   * Gateway API renders `timeouts.request`; YARP the route's `Timeout` (and, above 100 seconds,
   * the cluster's `HttpRequest.ActivityTimeout` to match), which needs an image that calls
   * `AddRequestTimeouts()` and `UseRequestTimeouts()`: the YARP container image does not, so a
   * timeout on it is an error; Ocelot `QoSOptions.TimeoutValue`. ingress-nginx has no
   * whole-request timeout: it renders `proxy-read-timeout`/`proxy-send-timeout` (whole seconds),
   * each a limit on the wait between two reads or writes.
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
   * The gateway this route belongs to (an {@link ApiGateway}).
   */
  readonly gateway: IGateway;
}

