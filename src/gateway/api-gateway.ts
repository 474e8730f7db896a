import { createHash } from 'crypto';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IGateway } from './contracts';
import { GatewayImplementation, GatewayKind, IngressController } from './gateway-kind';
import { GatewayRoute } from './gateway-route';
import { childPath, Fail, propError, PropProblem } from '../core/errors';
import { checkChartNamespace, nameOnly } from '../core/metadata';
import { checkArguments, checkConstruct, required, types as t } from '../core/prop-types';
import { ProbedDeployment } from '../workload/probed-deployment';
import { agcProblems } from './private/agc-checks';
import { checkGatewayName, checkKind, checkListeners, duplicateRouteProblems, gatewayHostnames, isInCluster } from './private/gateway-checks';
import { addHealthCheckPolicies } from './private/health-check-policies';
import { buildInClusterGateway } from './private/in-cluster';
import { checkHostnames } from './private/route-checks';
import { HTTPROUTE_MAX_HOSTNAMES, HTTPROUTE_MAX_RULES, toLabel } from './private/routes';
import { API_GATEWAY, GATEWAY_ROUTE_OPTIONS } from './prop-types';
import { gatewaySpec, httpRouteRule, HttpRouteSpec, ParentRef } from './render/gateway-api';
import { ingressObject, ingressPath, ingressRules, ingressSpec, needsOwnIngress } from './render/ingress';
import { RouteModel } from './render/route-model';
import { GatewayRouteOptions } from './route-options';

const TYPE = 'ApiGateway';

/**
 * Props of {@link ApiGateway}.
 */
export interface ApiGatewayProps {
  /**
   * Which gateway renders the routes.
   *
   * @default GatewayKind.gatewayApi()
   */
  readonly kind?: GatewayKind;

  /**
   * Name of the Gateway, Ingress, or in-cluster gateway Deployment and Service. HTTPRoutes are
   * named after it.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly name?: string;

  /**
   * Host names the gateway answers (`shop.example.com`, `*.example.com`); routes use them
   * unless they list their own. DNS names, not IPs.
   *
   * @default - any host
   */
  readonly hostnames?: string[];

  /**
   * A `kubernetes.io/tls` Secret with the certificate for the hostnames: adds an HTTPS
   * listener (Gateway API), a `tls` entry (Ingress), or an HTTPS port served by Kestrel (YARP,
   * Ocelot).
   *
   * @default - HTTP only
   */
  readonly tlsSecretName?: string;

  /**
   * The HTTP port of the Gateway listener or of the in-cluster gateway's Service. Ingress
   * controllers choose their own ports.
   *
   * @default 80
   */
  readonly httpPort?: number;

  /**
   * The HTTPS port, with `tlsSecretName`.
   *
   * @default 443
   */
  readonly httpsPort?: number;
}

/**
 * The single entry point of an application: routes by host and path to its Services, rendered
 * for the gateway the cluster runs.
 *
 * - Gateway API (default): a `Gateway` with HTTP (and HTTPS) listeners and `HTTPRoute`s
 *   attached to it, split into several HTTPRoutes past 16 rules or 16 hostnames; or HTTPRoutes
 *   attached to an existing Gateway.
 * - Ingress: one Ingress for the plain routes; with ingress-nginx, each route that needs
 *   annotations (rewrite, regex, timeout) gets an Ingress of its own.
 * - YARP or Ocelot: a ProbedDeployment of the gateway image, exposed by a LoadBalancer or
 *   NodePort Service, reading its route configuration from a ConfigMap.
 *
 * @example
 * const gateway = new ApiGateway(chart, 'gateway', { hostnames: ['shop.example.com'] });
 * gateway.addRoute('catalog', {
 *   path: '/catalog',
 *   rewritePrefix: '/',
 *   backends: [RouteBackend.fromDeployment(catalog)],
 * });
 */
export class ApiGateway extends Construct implements IGateway {
  /** Which gateway renders the routes. */
  public readonly kind: GatewayKind;
  /** Host names the gateway answers; empty for any host. */
  public readonly hostnames: string[];
  /** The TLS Secret, if any. */
  public readonly tlsSecretName?: string;
  /** The HTTP port. */
  public readonly httpPort: number;
  /** The HTTPS port. */
  public readonly httpsPort: number;
  /** The Gateway, when this gateway creates one (Gateway API, not an existing Gateway). */
  public readonly gatewayResource?: ApiObject;
  /** The gateway Deployment (YARP, Ocelot). */
  public readonly deployment?: ProbedDeployment;
  /** The gateway's Service (YARP, Ocelot). */
  public readonly service?: kplus.Service;
  /** The ConfigMap with the route configuration (YARP, Ocelot). */
  public readonly configMap?: kplus.ConfigMap;

  private readonly _name?: string;
  private readonly _routes: GatewayRoute[] = [];
  private readonly _groups = new Map<string, RouteGroup>();
  private _ingress?: ApiObject;
  private _models?: Map<GatewayRoute, RouteModel>;
  private readonly _keys = new Set<string>();
  private readonly _keyOf = new Map<GatewayRoute, string>();

  public constructor(scope: Construct, id: string, props: ApiGatewayProps = {}) {
    checkConstruct(scope, id, TYPE, props, API_GATEWAY);
    const kind = props.kind ?? GatewayKind.gatewayApi();
    checkGatewayProps(props, kind, (problem: PropProblem) => propError(childPath(scope, id), TYPE, problem));
    checkChartNamespace(scope);
    super(scope, id);

    this.kind = kind;
    this._name = props.name;
    this.hostnames = [...props.hostnames ?? []];
    this.tlsSecretName = props.tlsSecretName;
    this.httpPort = props.httpPort ?? 80;
    this.httpsPort = props.httpsPort ?? 443;

    if (kind.implementation === GatewayImplementation.GATEWAY_API && !kind.existing) {
      this.gatewayResource = new ApiObject(this, 'Resource', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          ...nameOnly(props.name),
          ...Object.keys(kind.gatewayAnnotations).length > 0 ? { annotations: { ...kind.gatewayAnnotations } } : {},
        },
        spec: Lazy.any({
          produce: () => gatewaySpec(kind.gatewayClassName!, {
            httpPort: this.httpPort, httpsPort: this.httpsPort, tlsSecretName: this.tlsSecretName, addresses: kind.gatewayAddresses,
          }),
        }),
      });
    }
    if (isInCluster(kind)) {
      const parts = buildInClusterGateway(this, {
        kind,
        name: props.name,
        tlsSecretName: this.tlsSecretName,
        httpPort: this.httpPort,
        httpsPort: this.httpsPort,
        routes: () => [...this.models().values()],
      });
      this.deployment = parts.deployment;
      this.service = parts.service;
      this.configMap = parts.configMap;
    }
    this.node.addValidation({
      validate: () => {
        // Validation runs first in a synthesis: models are built afresh after it.
        this._models = undefined;
        return [...duplicateRouteProblems(TYPE, this._routes), ...this.gatewayProblems()];
      },
    });
  }

  /** The routes, in the order they were added. */
  public get routes(): GatewayRoute[] {
    return [...this._routes];
  }

  /** The shared Ingress of the plain routes (Ingress kind), once a route needs it. */
  public get ingress(): ApiObject | undefined {
    return this._ingress;
  }

  /** The HTTPRoutes (Gateway API), in creation order. */
  public get httpRoutes(): ApiObject[] {
    return [...this._groups.values()].flatMap(g => g.objects);
  }

  /**
   * Adds a route to this gateway (the same as `new GatewayRoute(this, id, { gateway: this, ... })`).
   */
  public addRoute(id: string, options: GatewayRouteOptions): GatewayRoute {
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    checkArguments(fail, { 'addRoute.id': [id, required(t.string('catalog'))], 'addRoute.options': [options, t.props(GATEWAY_ROUTE_OPTIONS, `addRoute("${id}")`)] });
    return new GatewayRoute(this, id, { ...options, gateway: this });
  }

  /**
   * The namespace the HTTPRoutes and Ingresses of this gateway live in.
   *
   * @internal
   */
  public get _routeNamespace(): string | undefined {
    return Chart.of(this).namespace;
  }

  /**
   * Called by each GatewayRoute's constructor: records it and creates the objects it renders
   * into. Returns the route's own Ingress, if it needs one.
   *
   * @internal
   */
  public _registerRoute(route: GatewayRoute): ApiObject | undefined {
    this._routes.push(route);
    this._models = undefined;
    // A stable key per route (YARP route and cluster ids, per-route Ingress names): the route's
    // id, made unique in the order routes are added.
    const base = toLabel(route.node.id, 'route');
    let key = base;
    for (let i = 2; this._keys.has(key); i++) key = `${base}-${i}`;
    this._keys.add(key);
    this._keyOf.set(route, key);
    switch (this.kind.implementation) {
      case GatewayImplementation.GATEWAY_API:
        this.placeInHttpRoute(route);
        if (this.kind.healthCheckPolicies) addHealthCheckPolicies(this, route, route.backends, this._routeNamespace);
        return undefined;
      case GatewayImplementation.INGRESS:
        return this.placeInIngress(route);
      default:
        return undefined;
    }
  }

  /**
   * The render models of every route, with unique keys. Built once per synthesis (validation
   * runs first and clears them), so that every HTTPRoute or Ingress does not resolve every
   * backend again.
   */
  private models(): Map<GatewayRoute, RouteModel> {
    if (this._models) return this._models;
    const models = new Map<GatewayRoute, RouteModel>();
    for (const route of this._routes) {
      models.set(route, {
        key: this._keyOf.get(route)!,
        path: route.path,
        match: route.pathMatch,
        hostnames: route.effectiveHostnames,
        methods: route.methods,
        headers: Object.entries(route.headers),
        rewritePrefix: route.rewritePrefix,
        timeoutMs: route.timeout?.toMilliseconds(),
        backends: route._resolvedBackends(),
      });
    }
    this._models = models;
    return models;
  }

  // -------------------------------------------------------------------------------------------
  // Gateway API

  /** What the Gateway's implementation needs of it, checked on the Gateway as rendered (escape hatches included). */
  private gatewayProblems(): string[] {
    const gateway = this.gatewayResource;
    if (!gateway) return [];
    const ports = [this.httpPort, ...this.tlsSecretName ? [this.httpsPort] : []];
    return agcProblems(TYPE, {
      gatewayClassName: this.kind.gatewayClassName,
      annotations: gateway.metadata.toJson().annotations ?? {},
      addresses: this.kind.gatewayAddresses,
      ports,
    });
  }

  private parentRef(): ParentRef {
    if (this.kind.existing) {
      const ns = this.kind.gatewayNamespace;
      return { name: this.kind.gatewayName!, ...ns && ns !== this._routeNamespace ? { namespace: ns } : {} };
    }
    return { name: this.gatewayResource!.name };
  }

  /**
   * Routes with the same hostnames share HTTPRoutes; a group needs one HTTPRoute per 16 rules and
   * per 16 hostnames (Gateway API limits), so objects are added as routes arrive.
   */
  private placeInHttpRoute(route: GatewayRoute): void {
    const own = [...route.hostnames].sort();
    const key = own.join(',');
    let group = this._groups.get(key);
    if (!group) {
      group = { key, hostnames: own.length > 0 ? own : [...this.hostnames], routes: [], objects: [] };
      this._groups.set(key, group);
    }
    group.routes.push(route);
    const hostChunks = Math.max(1, Math.ceil(group.hostnames.length / HTTPROUTE_MAX_HOSTNAMES));
    const ruleChunks = Math.ceil(group.routes.length / HTTPROUTE_MAX_RULES);
    const g = group;
    while (g.objects.length < hostChunks * ruleChunks) {
      const index = g.objects.length;
      const suffix = [groupSuffix(g), index > 0 ? String(index + 1) : ''].filter(s => s).join('-');
      g.objects.push(new ApiObject(this, suffix ? `HTTPRoute-${suffix}` : 'HTTPRoute', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: nameOnly(this._name ? [this._name, suffix].filter(s => s).join('-') : undefined),
        spec: Lazy.any({ produce: () => this.renderHttpRoute(g, index % hostChunks, Math.floor(index / hostChunks)) }),
      }));
    }
  }

  private renderHttpRoute(group: RouteGroup, hostChunk: number, ruleChunk: number): HttpRouteSpec {
    const hostnames = group.hostnames.slice(hostChunk * HTTPROUTE_MAX_HOSTNAMES, (hostChunk + 1) * HTTPROUTE_MAX_HOSTNAMES);
    const models = this.models();
    const routes = group.routes.slice(ruleChunk * HTTPROUTE_MAX_RULES, (ruleChunk + 1) * HTTPROUTE_MAX_RULES);
    return {
      parentRefs: [this.parentRef()],
      ...hostnames.length > 0 ? { hostnames } : {},
      rules: routes.map(r => httpRouteRule(models.get(r)!)),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Ingress

  private placeInIngress(route: GatewayRoute): ApiObject | undefined {
    // Annotations depend only on the route's own props, known now.
    const model = { path: route.path, match: route.pathMatch, rewritePrefix: route.rewritePrefix, timeoutMs: route.timeout?.toMilliseconds() };
    if (this.kind.ingressController === IngressController.NGINX && needsOwnIngress(model)) {
      return ingressObject(route, 'Ingress', {
        ...nameOnly(this._name ? `${this._name}-${this._keyOf.get(route)}` : undefined),
        namespace: this._routeNamespace,
        annotations: ingressPath(model).annotations,
      }, () => this.renderIngress([route]));
    }
    if (!this._ingress) {
      this._ingress = ingressObject(this, 'Resource', {
        ...nameOnly(this._name),
        // GKE reads the class from this annotation only (spec.ingressClassName is ignored).
        ...this.kind.ingressController === IngressController.GCE ? { annotations: { 'kubernetes.io/ingress.class': this.kind.ingressClassName! } } : {},
      }, () => this.renderIngress(this._routes.filter(r => r.ingress === undefined)));
    }
    return undefined;
  }

  private renderIngress(routes: GatewayRoute[]): any {
    const models = this.models();
    const list = routes.map(r => models.get(r)!).filter(m => m);
    const hosts = [...new Set(list.flatMap(m => m.hostnames))];
    return ingressSpec({
      ingressClassName: this.kind.ingressController === IngressController.GCE ? undefined : this.kind.ingressClassName,
      tls: this.tlsSecretName ? { secretName: this.tlsSecretName, hosts } : undefined,
      rules: ingressRules(list),
    });
  }
}

/** Checks that need no construct, so they run before `super()`. */
function checkGatewayProps(props: ApiGatewayProps, kind: GatewayKind, fail: Fail): void {
  checkGatewayName(props.name, kind, fail);
  checkHostnames(props.hostnames ?? [], gatewayHostnames(kind), fail);
  checkListeners(props, kind, fail);
  checkKind(kind, props.tlsSecretName, fail);
}

/** The routes of one hostname set and the HTTPRoutes they render into. */
interface RouteGroup {
  /** Sorted own hostnames joined by ","; "" for routes that use the gateway's hostnames. */
  readonly key: string;
  readonly hostnames: string[];
  readonly routes: GatewayRoute[];
  readonly objects: ApiObject[];
}

/** A short, stable id part for a hostname group: the host itself, or a hash of several. */
function groupSuffix(group: RouteGroup): string {
  if (group.key === '') return '';
  const hosts = group.key.split(',');
  if (hosts.length === 1) return toLabel(hosts[0].replace(/^\*\./, 'wildcard.'), 'host').slice(0, 40).replace(/-+$/, '');
  return `hosts-${createHash('sha256').update(group.key).digest('hex').slice(0, 8)}`;
}
