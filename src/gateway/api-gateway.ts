import { createHash } from 'crypto';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { GatewayRoute, GatewayRouteOptions } from './gateway-route';
import { childPath, propError, PropProblem, validationMessage } from '../core/errors';
import { HealthChecks, HealthProbe } from '../workload/health-probe';
import { HTTPROUTE_MAX_HOSTNAMES, HTTPROUTE_MAX_RULES, routeHostnameProblem, toLabel } from './private/routes';
import { GatewaySpec, HttpRouteSpec, Listener, ParentRef } from './render/gateway-api';
import { dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, portNumberProblem, toDns1035Label } from '../core/names';
import { httpRouteRule, ingressPath, ingressRules, needsOwnIngress, ocelotConfig, RouteModel, yarpConfig } from './render/route-model';
import { ProbedDeployment } from '../workload/probed-deployment';
import { ExposedPort, ServiceExposure } from '../workload/service-exposure';

const TYPE = 'ApiGateway';

/** The YARP container image .NET Aspire runs (a preview build: pin a digest, or build your own). */
const YARP_IMAGE = 'mcr.microsoft.com/dotnet/nightly/yarp:2-preview';
/** The port the YARP container image listens on (`ASPNETCORE_URLS=http://+:5000`). */
const YARP_IMAGE_PORT = 5000;

/**
 * What renders the routes of an {@link ApiGateway}.
 */
export enum GatewayImplementation {
  /** Kubernetes Gateway API: a `Gateway` and `HTTPRoute`s (gateway.networking.k8s.io/v1). */
  GATEWAY_API = 'GATEWAY_API',
  /** A `networking.k8s.io/v1` Ingress, read by an Ingress controller. */
  INGRESS = 'INGRESS',
  /** YARP, Microsoft's .NET reverse proxy, run as a Deployment in the cluster. */
  YARP = 'YARP',
  /** Ocelot, the .NET API gateway library, in your gateway image run as a Deployment. */
  OCELOT = 'OCELOT',
}

/**
 * The Ingress controller that reads an Ingress: it decides which annotations express rewrites,
 * regex paths and timeouts.
 */
export enum IngressController {
  /**
   * ingress-nginx, or a controller that reads its `nginx.ingress.kubernetes.io/*` annotations
   * (the AKS application routing add-on). ingress-nginx is retired: no releases or security
   * fixes after March 2026.
   */
  NGINX = 'NGINX',
  /**
   * The GKE Ingress controller (`gce`, `gce-internal`): Google Cloud load balancers, no path
   * rewrite, no regex paths, timeouts only through a BackendConfig.
   */
  GCE = 'GCE',
  /** Any other controller: plain prefix and exact paths only. */
  OTHER = 'OTHER',
}

/**
 * Options of {@link GatewayKind.gatewayApi}.
 */
export interface GatewayApiOptions {
  /**
   * The GatewayClass: which Gateway API implementation runs the Gateway. List the classes of a
   * cluster with `kubectl get gatewayclass`; common ones are `nginx` (NGINX Gateway Fabric),
   * `eg` (Envoy Gateway), `istio` (Istio, and the AKS application routing Gateway API
   * implementation), `gke-l7-global-external-managed` and `gke-l7-rilb` (GKE Gateway).
   *
   * @default "nginx"
   */
  readonly gatewayClassName?: string;
}

/**
 * Options of {@link GatewayKind.ingress}.
 */
export interface IngressOptions {
  /**
   * The IngressClass: `nginx` (ingress-nginx), `webapprouting.kubernetes.azure.com` (AKS
   * application routing add-on), `gce` or `gce-internal` (GKE).
   */
  readonly ingressClassName: string;

  /**
   * The controller behind the class, which decides how rewrites, regex paths and timeouts are
   * written.
   *
   * @default - NGINX for "nginx" and "webapprouting.kubernetes.azure.com", GCE for "gce" and
   * "gce-internal", OTHER for any other class
   */
  readonly controller?: IngressController;
}

/**
 * Options of {@link GatewayKind.gkeIngress}.
 */
export interface GkeIngressOptions {
  /**
   * An internal Application Load Balancer (`gce-internal`) instead of an external one (`gce`).
   *
   * @default false
   */
  readonly internal?: boolean;
}

/**
 * Options shared by the gateways that run in the cluster (YARP, Ocelot).
 */
export interface InClusterGatewayOptions {
  /**
   * The HTTP port the gateway container listens on (set through `ASPNETCORE_URLS`).
   *
   * @default - 5000 for the default YARP image, else 8080
   */
  readonly port?: number;

  /**
   * The HTTPS port the gateway container listens on when the ApiGateway has a `tlsSecretName`.
   *
   * @default 8443
   */
  readonly tlsPort?: number;

  /**
   * How the gateway is reached from outside the cluster: a LoadBalancer or a NodePort Service.
   *
   * @default ServiceExposure.loadBalancer()
   */
  readonly exposure?: ServiceExposure;

  /**
   * Gateway pods.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Liveness and readiness probes of the gateway container.
   *
   * @default - TCP probes on the HTTP port (neither image is known to serve a health endpoint)
   */
  readonly healthChecks?: HealthChecks;

  /**
   * Where the generated route configuration is mounted (read-only). The file's path is also in
   * the `GATEWAY_CONFIG_FILE` environment variable.
   *
   * @default "/app/config"
   */
  readonly configDirectory?: string;

  /**
   * The cluster's DNS domain, for upstream addresses `http://<service>.<namespace>.svc.<domain>:<port>`.
   *
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
}

/**
 * Options of {@link GatewayKind.yarp}.
 */
export interface YarpGatewayOptions extends InClusterGatewayOptions {
  /**
   * The gateway image. The default is the YARP container image, run as
   * `dotnet /app/yarp.dll <configDirectory>/yarp.json`. Your own image (an ASP.NET Core app with
   * `AddReverseProxy().LoadFromConfig(...)`) must load the JSON file named by
   * `GATEWAY_CONFIG_FILE`.
   *
   * @default "mcr.microsoft.com/dotnet/nightly/yarp:2-preview"
   */
  readonly image?: string;
}

/**
 * Options of {@link GatewayKind.ocelot}.
 */
export interface OcelotGatewayOptions extends InClusterGatewayOptions {
  /**
   * Your Ocelot gateway image (Ocelot is a library: there is no official image). It must load
   * the JSON file named by `GATEWAY_CONFIG_FILE`, for example
   * `builder.Configuration.AddJsonFile(builder.Configuration["GATEWAY_CONFIG_FILE"] ?? "ocelot.json", optional: false, reloadOnChange: true)`.
   */
  readonly image: string;
}

/**
 * Which gateway renders the routes: Gateway API (the default), an Ingress controller, or a .NET
 * gateway (YARP, Ocelot) running in the cluster.
 */
export class GatewayKind {
  /**
   * A Gateway API `Gateway` of the given class, with `HTTPRoute`s attached to it. Where
   * Kubernetes networking is going, and the successor of ingress-nginx (retired March 2026).
   *
   * @example
   * GatewayKind.gatewayApi({ gatewayClassName: 'eg' })
   */
  public static gatewayApi(options: GatewayApiOptions = {}): GatewayKind {
    return new GatewayKind(GatewayImplementation.GATEWAY_API, { gatewayClassName: options.gatewayClassName ?? 'nginx' });
  }

  /**
   * `HTTPRoute`s attached to a Gateway that already exists (a platform team's shared gateway).
   * Its listeners must allow routes from this chart's namespace.
   *
   * @param name the Gateway's name
   * @param namespace the Gateway's namespace; default: the chart's namespace
   * @example
   * GatewayKind.existingGateway('shared', 'gateway-system')
   */
  public static existingGateway(name: string, namespace?: string): GatewayKind {
    return new GatewayKind(GatewayImplementation.GATEWAY_API, { gatewayName: name, gatewayNamespace: namespace });
  }

  /**
   * A `networking.k8s.io/v1` Ingress of the given class.
   *
   * @example
   * GatewayKind.ingress({ ingressClassName: 'nginx' })
   */
  public static ingress(options: IngressOptions): GatewayKind {
    return new GatewayKind(GatewayImplementation.INGRESS, {
      ingressClassName: options.ingressClassName,
      ingressController: options.controller ?? controllerOf(options.ingressClassName),
    });
  }

  /**
   * An Ingress for ingress-nginx (class `nginx`). ingress-nginx is retired: no releases or
   * security fixes after March 2026; prefer `gatewayApi()` for new clusters.
   *
   * @example
   * GatewayKind.ingressNginx()
   */
  public static ingressNginx(): GatewayKind {
    return GatewayKind.ingress({ ingressClassName: 'nginx', controller: IngressController.NGINX });
  }

  /**
   * An Ingress for the AKS application routing add-on (class
   * `webapprouting.kubernetes.azure.com`, a managed NGINX that reads ingress-nginx
   * annotations).
   *
   * @example
   * GatewayKind.aksApplicationRouting()
   */
  public static aksApplicationRouting(): GatewayKind {
    return GatewayKind.ingress({ ingressClassName: 'webapprouting.kubernetes.azure.com', controller: IngressController.NGINX });
  }

  /**
   * An Ingress for the GKE Ingress controller (`gce`, or `gce-internal` with `internal`). GKE
   * reads the class from the `kubernetes.io/ingress.class` annotation, not `ingressClassName`.
   *
   * @example
   * GatewayKind.gkeIngress({ internal: true })
   */
  public static gkeIngress(options: GkeIngressOptions = {}): GatewayKind {
    return GatewayKind.ingress({ ingressClassName: options.internal ? 'gce-internal' : 'gce', controller: IngressController.GCE });
  }

  /**
   * YARP run in the cluster as a ProbedDeployment behind a LoadBalancer (or NodePort) Service,
   * its `ReverseProxy` routes and clusters generated into a ConfigMap.
   *
   * @example
   * GatewayKind.yarp({ exposure: ServiceExposure.nodePort(30080) })
   */
  public static yarp(options: YarpGatewayOptions = {}): GatewayKind {
    const image = options.image ?? YARP_IMAGE;
    return new GatewayKind(GatewayImplementation.YARP, {
      image,
      inCluster: { ...options, port: options.port ?? (image === YARP_IMAGE ? YARP_IMAGE_PORT : 8080) },
    });
  }

  /**
   * Your Ocelot gateway image run in the cluster as a ProbedDeployment behind a LoadBalancer (or
   * NodePort) Service, its `Routes` generated into a ConfigMap.
   *
   * @example
   * GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' })
   */
  public static ocelot(options: OcelotGatewayOptions): GatewayKind {
    return new GatewayKind(GatewayImplementation.OCELOT, { image: options.image, inCluster: { ...options, port: options.port ?? 8080 } });
  }

  /** What renders the routes. */
  public readonly implementation: GatewayImplementation;
  /** The GatewayClass of a Gateway this library creates. */
  public readonly gatewayClassName?: string;
  /** The name of an existing Gateway the routes attach to. */
  public readonly gatewayName?: string;
  /** The namespace of that existing Gateway. */
  public readonly gatewayNamespace?: string;
  /** The IngressClass. */
  public readonly ingressClassName?: string;
  /** The Ingress controller behind the class. */
  public readonly ingressController?: IngressController;
  /** The image of an in-cluster gateway. */
  public readonly image?: string;
  /** @internal */
  public readonly _inCluster?: InClusterGatewayOptions;

  private constructor(implementation: GatewayImplementation, fields: KindFields) {
    this.implementation = implementation;
    this.gatewayClassName = fields.gatewayClassName;
    this.gatewayName = fields.gatewayName;
    this.gatewayNamespace = fields.gatewayNamespace;
    this.ingressClassName = fields.ingressClassName;
    this.ingressController = fields.ingressController;
    this.image = fields.image;
    this._inCluster = fields.inCluster;
  }

  /** True for routes attached to a Gateway this library does not create. */
  public get existing(): boolean {
    return this.gatewayName !== undefined;
  }
}

interface KindFields {
  readonly gatewayClassName?: string;
  readonly gatewayName?: string;
  readonly gatewayNamespace?: string;
  readonly ingressClassName?: string;
  readonly ingressController?: IngressController;
  readonly image?: string;
  readonly inCluster?: InClusterGatewayOptions;
}

function controllerOf(className: string): IngressController {
  if (className === 'nginx' || className === 'webapprouting.kubernetes.azure.com') return IngressController.NGINX;
  if (className === 'gce' || className === 'gce-internal') return IngressController.GCE;
  return IngressController.OTHER;
}

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
export class ApiGateway extends Construct {
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
    const where = childPath(scope, id);
    const fail = (problem: PropProblem) => propError(where, TYPE, problem);
    const kind = props.kind ?? GatewayKind.gatewayApi();
    checkGatewayProps(props, kind, fail);
    super(scope, id);

    this.kind = kind;
    this._name = props.name;
    this.hostnames = [...props.hostnames ?? []];
    this.tlsSecretName = props.tlsSecretName;
    this.httpPort = props.httpPort ?? 80;
    this.httpsPort = props.httpsPort ?? 443;

    switch (kind.implementation) {
      case GatewayImplementation.GATEWAY_API:
        if (!kind.existing) {
          this.gatewayResource = new ApiObject(this, 'Resource', {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            metadata: nameOnly(props.name),
            spec: Lazy.any({ produce: () => this.renderGateway() }),
          });
        }
        break;
      case GatewayImplementation.YARP:
      case GatewayImplementation.OCELOT: {
        const built = this.buildInClusterGateway(kind, props.name);
        this.deployment = built.deployment;
        this.service = built.service;
        this.configMap = built.configMap;
        break;
      }
      default:
        break;
    }
    this.node.addValidation({ validate: () => this.validateRoutes() });
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
        return undefined;
      case GatewayImplementation.INGRESS:
        return this.placeInIngress(route);
      default:
        return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Gateway API

  private renderGateway(): GatewaySpec {
    const listeners: Listener[] = [{
      name: 'http',
      protocol: 'HTTP',
      port: this.httpPort,
      allowedRoutes: { namespaces: { from: 'Same' } },
    }];
    if (this.tlsSecretName) {
      listeners.push({
        name: 'https',
        protocol: 'HTTPS',
        port: this.httpsPort,
        tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: this.tlsSecretName }] },
        allowedRoutes: { namespaces: { from: 'Same' } },
      });
    }
    return { gatewayClassName: this.kind.gatewayClassName!, listeners };
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
      return new ApiObject(route, 'Ingress', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          ...nameOnly(this._name ? `${this._name}-${this._keyOf.get(route)}` : undefined),
          namespace: this._routeNamespace,
          annotations: ingressPath(model).annotations,
        },
        spec: Lazy.any({ produce: () => this.renderIngress([route]) }),
      });
    }
    if (!this._ingress) {
      this._ingress = new ApiObject(this, 'Resource', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          ...nameOnly(this._name),
          // GKE reads the class from this annotation only (spec.ingressClassName is ignored).
          ...this.kind.ingressController === IngressController.GCE ? { annotations: { 'kubernetes.io/ingress.class': this.kind.ingressClassName! } } : {},
        },
        spec: Lazy.any({ produce: () => this.renderIngress(this._routes.filter(r => r.ingress === undefined)) }),
      });
    }
    return undefined;
  }

  private renderIngress(routes: GatewayRoute[]): any {
    const models = this.models();
    const list = routes.map(r => models.get(r)!).filter(m => m);
    const hosts = [...new Set(list.flatMap(m => m.hostnames))];
    return {
      ...this.kind.ingressController === IngressController.GCE ? {} : { ingressClassName: this.kind.ingressClassName },
      ...this.tlsSecretName ? { tls: [{ ...hosts.length > 0 ? { hosts } : {}, secretName: this.tlsSecretName }] } : {},
      rules: ingressRules(list),
    };
  }

  // -------------------------------------------------------------------------------------------
  // YARP and Ocelot

  private buildInClusterGateway(kind: GatewayKind, name: string | undefined): InClusterParts {
    const options = kind._inCluster!;
    const yarp = kind.implementation === GatewayImplementation.YARP;
    const file = yarp ? 'yarp.json' : 'ocelot.json';
    const directory = (options.configDirectory ?? '/app/config').replace(/\/+$/, '');
    const configFile = `${directory}/${file}`;
    const clusterDomain = options.clusterDomain ?? 'cluster.local';
    const port = options.port!;
    const tlsPort = options.tlsPort ?? 8443;

    const configMap = new kplus.ConfigMap(this, 'Config', { metadata: nameOnly(name ? `${name}-config` : undefined) });
    configMap.addData(file, Lazy.any({
      produce: () => {
        const models = [...this.models().values()];
        return `${JSON.stringify(yarp ? yarpConfig(models, clusterDomain) : ocelotConfig(models, clusterDomain), undefined, 2)}\n`;
      },
    }));

    const env: { [name: string]: kplus.EnvValue } = {
      ASPNETCORE_URLS: kplus.EnvValue.fromValue(this.tlsSecretName ? `http://+:${port};https://+:${tlsPort}` : `http://+:${port}`),
      GATEWAY_CONFIG_FILE: kplus.EnvValue.fromValue(configFile),
    };
    if (this.tlsSecretName) {
      env.ASPNETCORE_Kestrel__Certificates__Default__Path = kplus.EnvValue.fromValue('/app/tls/tls.crt');
      env.ASPNETCORE_Kestrel__Certificates__Default__KeyPath = kplus.EnvValue.fromValue('/app/tls/tls.key');
    }
    const deployment = new ProbedDeployment(this, 'Resource', {
      metadata: nameOnly(name),
      image: kind.image!,
      port,
      replicas: options.replicas,
      healthChecks: options.healthChecks ?? HealthChecks.of({ liveness: HealthProbe.tcpSocket(), readiness: HealthProbe.tcpSocket() }),
      env,
      // The YARP image takes the configuration file as its only argument.
      command: yarp && kind.image === YARP_IMAGE ? ['dotnet', '/app/yarp.dll', configFile] : undefined,
    });
    deployment.mainContainer.mount(directory, kplus.Volume.fromConfigMap(this, 'ConfigVolume', configMap, { name: 'config' }), { readOnly: true });
    if (this.tlsSecretName) {
      deployment.mainContainer.addPort({ number: tlsPort, name: 'https' });
      const secret = kplus.Secret.fromSecretName(this, 'TlsSecret', this.tlsSecretName);
      deployment.mainContainer.mount('/app/tls', kplus.Volume.fromSecret(this, 'TlsVolume', secret, { name: 'tls' }), { readOnly: true });
    }

    const exposure = options.exposure ?? ServiceExposure.loadBalancer();
    const ports: ExposedPort[] = [{ port: this.httpPort, targetPort: port, name: 'http' }];
    if (this.tlsSecretName) ports.push({ port: this.httpsPort, targetPort: tlsPort, name: 'https' });
    // Named like the Deployment when the gateway has no name: the Service is the gateway's address.
    const service = deployment.expose({ name: name ?? deployment.name, exposure: exposure.ports ? exposure : withPorts(exposure, ports) });
    return { deployment, service, configMap };
  }

  // -------------------------------------------------------------------------------------------
  // Synth

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

  private validateRoutes(): string[] {
    this._models = undefined;
    const errors: string[] = [];
    if (this._routes.length === 0) {
      errors.push(validationMessage(TYPE, {
        prop: 'routes',
        rule: 'must not be empty: a gateway without routes answers every request with 404',
        value: 0,
        fix: 'call gateway.addRoute(id, { path, backends }) for each Service behind the gateway',
      }));
    }
    const seen = new Map<string, GatewayRoute>();
    for (const route of this._routes) {
      const hosts = route.effectiveHostnames.length > 0 ? route.effectiveHostnames : ['*'];
      const match = [
        route.pathMatch, route.path, [...route.methods].sort().join(','),
        Object.entries(route.headers).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k.toLowerCase()}=${v}`).join(','),
      ].join('\u0000');
      for (const host of hosts) {
        const key = `${host}\u0000${match}`;
        const first = seen.get(key);
        if (first) {
          errors.push(validationMessage(TYPE, {
            prop: 'routes',
            rule: `must not repeat a host, path and match: ${first.node.path} and ${route.node.path} both match ${route.pathMatch} "${route.path}" on ${host === '*' ? 'any host' : host}`,
            value: route.path,
            fix: 'merge them into one route with several backends (weights split the traffic), or change the path, hostnames, methods or headers of one',
          }));
        } else {
          seen.set(key, route);
        }
      }
    }
    return errors;
  }
}

/** What an in-cluster gateway is made of. */
interface InClusterParts {
  readonly deployment: ProbedDeployment;
  readonly service: kplus.Service;
  readonly configMap: kplus.ConfigMap;
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

/** `{ name }` when there is a name: an explicit `name: undefined` would hide the generated one. */
function nameOnly(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/** The same exposure with other ports (its type, annotations, node port and source ranges kept). */
function withPorts(exposure: ServiceExposure, ports: ExposedPort[]): ServiceExposure {
  if (exposure.type === kplus.ServiceType.NODE_PORT) {
    return ServiceExposure.nodePort(exposure.requestedNodePort, { ports, annotations: exposure.annotations });
  }
  return ServiceExposure.loadBalancer({ ports, annotations: exposure.annotations, sourceRanges: exposure.sourceRanges });
}

/** Checks that need no construct, so they run before `super()`. */
function checkGatewayProps(props: ApiGatewayProps, kind: GatewayKind, fail: (p: PropProblem) => Error): void {
  const impl = kind.implementation;
  const inCluster = impl === GatewayImplementation.YARP || impl === GatewayImplementation.OCELOT;
  if (props.name !== undefined) {
    const problem = inCluster ? dns1035LabelProblem(props.name) : dns1123SubdomainProblem(props.name);
    if (problem) {
      throw fail({ prop: 'name', rule: problem, value: props.name, fix: `use a lowercase name such as "${toDns1035Label(props.name)}"` });
    }
  }
  const hostnames = props.hostnames ?? [];
  hostnames.forEach((h, i) => {
    const problem = routeHostnameProblem(h);
    if (problem) {
      throw fail({
        prop: `hostnames[${i}]`,
        rule: impl === GatewayImplementation.INGRESS && problem.includes('IP') ? `${problem} (an Ingress host cannot be an IP)` : problem,
        value: h,
        fix: 'omit hostnames to accept any host (a load balancer IP included), or use a DNS name such as "shop.example.com"',
      });
    }
    if (hostnames.indexOf(h) !== i) throw fail({ prop: `hostnames[${i}]`, rule: 'must not repeat a hostname', value: h, fix: 'list each hostname once' });
    if (impl === GatewayImplementation.OCELOT && h.startsWith('*.')) {
      throw fail({ prop: `hostnames[${i}]`, rule: 'cannot be a wildcard: Ocelot\'s UpstreamHost matches one exact host', value: h, fix: 'list the exact hostnames' });
    }
  });
  if (props.tlsSecretName !== undefined && dns1123SubdomainProblem(props.tlsSecretName)) {
    throw fail({ prop: 'tlsSecretName', rule: dns1123SubdomainProblem(props.tlsSecretName)!, value: props.tlsSecretName, fix: 'pass the name of a kubernetes.io/tls Secret, such as "shop-tls"' });
  }
  for (const key of ['httpPort', 'httpsPort'] as const) {
    const value = props[key];
    if (value === undefined) continue;
    if (impl === GatewayImplementation.INGRESS || kind.existing) {
      throw fail({
        prop: key,
        rule: `cannot be set for ${kind.existing ? 'an existing Gateway (its listeners are not ours)' : 'an Ingress (the controller chooses its ports)'}`,
        value,
        fix: `drop ${key}`,
      });
    }
    if (portNumberProblem(value)) throw fail({ prop: key, rule: 'must be an integer from 1 to 65535', value, fix: 'use 80 and 443, or another free port' });
  }
  if (props.httpPort !== undefined && props.httpPort === (props.httpsPort ?? 443) && props.tlsSecretName) {
    throw fail({ prop: 'httpsPort', rule: 'must differ from httpPort', value: props.httpsPort ?? 443, fix: 'use 80 for HTTP and 443 for HTTPS' });
  }
  if (kind.existing && props.tlsSecretName !== undefined) {
    throw fail({ prop: 'tlsSecretName', rule: 'cannot be set for an existing Gateway: its listeners hold the certificates', value: props.tlsSecretName, fix: 'configure TLS on the existing Gateway, or drop tlsSecretName' });
  }

  if (impl === GatewayImplementation.GATEWAY_API) {
    if (kind.existing) {
      const nameProblem = dns1123SubdomainProblem(kind.gatewayName!);
      if (nameProblem) throw fail({ prop: 'kind.gatewayName', rule: nameProblem, value: kind.gatewayName, fix: 'pass the name of the existing Gateway' });
      if (kind.gatewayNamespace !== undefined && dns1123LabelProblem(kind.gatewayNamespace)) {
        throw fail({ prop: 'kind.gatewayNamespace', rule: dns1123LabelProblem(kind.gatewayNamespace)!, value: kind.gatewayNamespace, fix: 'pass the namespace of the existing Gateway' });
      }
    } else if (dns1123SubdomainProblem(kind.gatewayClassName ?? '')) {
      throw fail({ prop: 'kind.gatewayClassName', rule: dns1123SubdomainProblem(kind.gatewayClassName ?? '')!, value: kind.gatewayClassName, fix: 'pass a class that `kubectl get gatewayclass` lists, such as "nginx" or "eg"' });
    }
  }
  if (impl === GatewayImplementation.INGRESS && dns1123SubdomainProblem(kind.ingressClassName ?? '')) {
    throw fail({
      prop: 'kind.ingressClassName',
      rule: dns1123SubdomainProblem(kind.ingressClassName ?? '')!,
      value: kind.ingressClassName,
      fix: 'pass a class that `kubectl get ingressclass` lists, such as "nginx" or "webapprouting.kubernetes.azure.com"',
    });
  }
  if (inCluster) {
    const options = kind._inCluster!;
    if (!kind.image || kind.image.trim() !== kind.image) {
      throw fail({
        prop: 'kind.image',
        rule: 'is required and must not have surrounding spaces',
        value: kind.image,
        fix: impl === GatewayImplementation.OCELOT ? 'build your Ocelot gateway into an image and pass it, such as "eshop/gateway:1.0.0"' : 'pass an image with a tag',
      });
    }
    for (const key of ['port', 'tlsPort'] as const) {
      const value = options[key];
      if (value !== undefined && portNumberProblem(value)) throw fail({ prop: `kind.${key}`, rule: 'must be an integer from 1 to 65535', value, fix: 'use 8080 for HTTP and 8443 for HTTPS' });
    }
    if (props.tlsSecretName && (options.tlsPort ?? 8443) === options.port) {
      throw fail({ prop: 'kind.tlsPort', rule: 'must differ from the HTTP port', value: options.tlsPort ?? 8443, fix: 'give HTTP and HTTPS different container ports, such as 8080 and 8443' });
    }
    const exposure = options.exposure;
    if (exposure && exposure.type !== kplus.ServiceType.LOAD_BALANCER && exposure.type !== kplus.ServiceType.NODE_PORT) {
      throw fail({
        prop: 'kind.exposure',
        rule: `must be a LoadBalancer or NodePort Service: the gateway is the entry point from outside the cluster (got ${exposure.type})`,
        value: exposure.type,
        fix: 'use ServiceExposure.loadBalancer() on a cloud, or ServiceExposure.nodePort(30080) on a local cluster',
      });
    }
    const directory = options.configDirectory ?? '/app/config';
    if (!directory.startsWith('/') || directory === '/' || directory.replace(/\/+$/, '') === '/tmp') {
      throw fail({ prop: 'kind.configDirectory', rule: 'must be an absolute directory other than "/" and "/tmp"', value: directory, fix: 'use "/app/config"' });
    }
    if (options.clusterDomain !== undefined && dns1123SubdomainProblem(options.clusterDomain)) {
      throw fail({ prop: 'kind.clusterDomain', rule: dns1123SubdomainProblem(options.clusterDomain)!, value: options.clusterDomain, fix: 'use "cluster.local" unless the cluster was set up with another domain' });
    }
  }
}
