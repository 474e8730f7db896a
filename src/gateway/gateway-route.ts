import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { IGateway } from './contracts';
import { GatewayImplementation } from './gateway-kind';
import { AppIndex } from '../core/app-registry';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { checkConstruct } from '../core/prop-types';
import { checkRouteForKind, checkRouteProps } from './private/route-checks';
import { normalizePrefix } from './private/routes';
import { GATEWAY_ROUTE } from './prop-types';
import { ResolvedBackend } from './render/route-model';
import { RouteBackend } from './route-backend';
import { GatewayRouteProps, PathMatch } from './route-options';

const TYPE = 'GatewayRoute';

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
  public readonly gateway: IGateway;
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
    checkConstruct(scope, id, TYPE, props, GATEWAY_ROUTE);
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
