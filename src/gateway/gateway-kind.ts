import { isGkeGatewayClass } from '../core/cloud';
import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';
import { GatewayAddress } from '../platform/gateway-source';
import { HealthChecks } from '../workload/health-probe';
import { ServiceExposure } from '../workload/service-exposure';
import { YARP_IMAGE, YARP_IMAGE_PORT } from './private/yarp-image';
import { GATEWAY_API_OPTIONS, GKE_INGRESS_OPTIONS, ingressOptions, OCELOT_OPTIONS, YARP_OPTIONS } from './prop-types';

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
   * `eg` (Envoy Gateway), `istio` (Istio), `approuting-istio` (the AKS application routing
   * add-on), `azure-alb-external` (Application Gateway for Containers: it also needs `annotations`),
   * `gke-l7-global-external-managed` and `gke-l7-rilb` (GKE Gateway).
   *
   * @default "nginx"
   */
  readonly gatewayClassName?: string;

  /**
   * Annotations of the Gateway. Application Gateway for Containers (`azure-alb-external`)
   * reads its load balancer from them: `ApplicationLoadBalancer.managed(...).gatewayAnnotations`.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * The Gateway's `spec.addresses`: a bring-your-own Application Gateway for Containers frontend
   * (`ApplicationLoadBalancer.bringYourOwn(...).gatewayAddresses`), or a static IP.
   *
   * @default - the implementation assigns an address
   */
  readonly addresses?: GatewayAddress[];

  /**
   * A GKE `HealthCheckPolicy` per backend Service, drawn from the readiness probe of the pods
   * behind it. Without one, GKE's load balancer checks `GET /` on the serving port, which an
   * API that answers 404 there fails (the route then returns 502).
   *
   * @default - true for GKE Gateway classes (`gke-l7-*`), false for others
   */
  readonly healthCheckPolicies?: boolean;
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
    checkArguments(factoryFail('GatewayKind.gatewayApi', 'GatewayKind'), { options: [options, t.props(GATEWAY_API_OPTIONS)] });
    const gatewayClassName = options.gatewayClassName ?? 'nginx';
    return new GatewayKind(GatewayImplementation.GATEWAY_API, {
      gatewayClassName,
      gatewayAnnotations: { ...options.annotations },
      gatewayAddresses: [...options.addresses ?? []],
      healthCheckPolicies: options.healthCheckPolicies ?? isGkeGatewayClass(gatewayClassName),
    });
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
    checkArguments(factoryFail('GatewayKind.existingGateway', 'GatewayKind'), { name: [name, required(t.string('shop-gateway'))], namespace: [namespace, t.string('gateway-system')] });
    return new GatewayKind(GatewayImplementation.GATEWAY_API, { gatewayName: name, gatewayNamespace: namespace });
  }

  /**
   * A `networking.k8s.io/v1` Ingress of the given class.
   *
   * @example
   * GatewayKind.ingress({ ingressClassName: 'nginx' })
   */
  public static ingress(options: IngressOptions): GatewayKind {
    checkArguments(factoryFail('GatewayKind.ingress', 'GatewayKind'), { options: [options, t.props(ingressOptions(IngressController))] });
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
    checkArguments(factoryFail('GatewayKind.gkeIngress', 'GatewayKind'), { options: [options, t.props(GKE_INGRESS_OPTIONS)] });
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
    checkArguments(factoryFail('GatewayKind.yarp', 'GatewayKind'), { options: [options, t.props(YARP_OPTIONS)] });
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
    checkArguments(factoryFail('GatewayKind.ocelot', 'GatewayKind'), { options: [options, t.props(OCELOT_OPTIONS)] });
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
  /** Annotations of a Gateway this library creates. */
  public readonly gatewayAnnotations: { [key: string]: string };
  /** The `spec.addresses` of a Gateway this library creates. */
  public readonly gatewayAddresses: GatewayAddress[];
  /** Whether each backend Service gets a GKE HealthCheckPolicy from its readiness probe. */
  public readonly healthCheckPolicies: boolean;
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
    this.gatewayAnnotations = fields.gatewayAnnotations ?? {};
    this.gatewayAddresses = fields.gatewayAddresses ?? [];
    this.healthCheckPolicies = fields.healthCheckPolicies ?? false;
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
  readonly gatewayAnnotations?: { [key: string]: string };
  readonly gatewayAddresses?: GatewayAddress[];
  readonly healthCheckPolicies?: boolean;
}

function controllerOf(className: string): IngressController {
  if (className === 'nginx' || className === 'webapprouting.kubernetes.azure.com') return IngressController.NGINX;
  if (className === 'gce' || className === 'gce-internal') return IngressController.GCE;
  return IngressController.OTHER;
}
