import { ApplicationLoadBalancer } from './application-load-balancer';
import { GatewayAddress, GatewaySource } from './gateway-source';
import { AKS_APPLICATION_GATEWAY_OPTIONS, GKE_GATEWAY_OPTIONS, PLATFORM_OVERRIDES, PLATFORM_PROPS } from './prop-types';
import { AGC_FACTS, CloudProvider, GKE_PROXY_ONLY_SUBNET_CLASSES } from '../core/cloud';
import { propError } from '../core/errors';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';
import { ServiceExposure } from '../workload/service-exposure';
import { aksApplicationGatewayForContainers, aksApplicationRouting, gkeGateway, localEnvoyGateway, localNginxGatewayFabric } from './private/presets';

/**
 * Props of a {@link Platform}: everything a preset sets, each overridable.
 */
export interface PlatformProps {
  /** A short name for the platform (`local`, `aks`, `gke`); used in Skaffold profiles. */
  readonly name: string;

  /**
   * How an in-cluster gateway (YARP, Ocelot) is exposed.
   *
   * @default ServiceExposure.loadBalancer()
   */
  readonly gatewayExposure?: ServiceExposure;

  /**
   * GatewayClass for the Gateway API.
   *
   * @default "nginx"
   */
  readonly gatewayClassName?: string;

  /**
   * IngressClass for Ingress gateways.
   *
   * @default "nginx"
   */
  readonly ingressClassName?: string;

  /**
   * StorageClass that offers ReadWriteMany volumes.
   *
   * @default "nfs-csi"
   */
  readonly rwxStorageClass?: string;

  /**
   * The managed Kubernetes offering, for cloud-specific annotations.
   *
   * @default - none (a local or self-managed cluster)
   */
  readonly cloud?: CloudProvider;

  /**
   * Where the traffic of the Gateway API implementation (`gatewayClassName`) comes from.
   *
   * @default - data-plane pods in the Gateway's namespace
   */
  readonly gatewaySource?: GatewaySource;

  /**
   * Where the traffic of the Ingress controller (`ingressClassName`) comes from.
   *
   * @default - `gatewaySource`
   */
  readonly ingressSource?: GatewaySource;

  /**
   * The Application Gateway for Containers that Gateways of class `azure-alb-external` are
   * programmed on (their annotations and addresses).
   *
   * @default - none: a Gateway of that class fails at synth
   */
  readonly applicationLoadBalancer?: ApplicationLoadBalancer;

  /**
   * The subnet a cloud gateway's proxies send from, added to the gateway's sources: the subnet
   * associated with Application Gateway for Containers, or the proxy-only subnet of the region
   * for GKE's regional and internal Gateway classes. Required for those classes when the stack
   * draws NetworkPolicies.
   *
   * @default - none
   */
  readonly gatewaySubnetCidr?: string;

  /**
   * DNS resolvers that pods may be told to use besides the kube-dns pods (NodeLocal DNSCache,
   * a cloud's metadata server): the DNS egress rule admits them on port 53.
   *
   * @default - the kube-dns pods only
   */
  readonly dnsResolverCidrs?: string[];
}

/**
 * Options of {@link Platform.aksApplicationGateway}.
 */
export interface AksApplicationGatewayOptions {
  /** The Application Gateway for Containers the Gateway is programmed on. */
  readonly loadBalancer: ApplicationLoadBalancer;

  /**
   * The subnet delegated to `Microsoft.ServiceNetworking/trafficControllers` and associated with
   * it: the pods see its requests and health probes come from there. Required when the stack
   * draws NetworkPolicies.
   *
   * @default - none
   */
  readonly subnetCidr?: string;
}

/**
 * Options of {@link Platform.gkeGateway}.
 */
export interface GkeGatewayOptions {
  /**
   * The GKE GatewayClass.
   *
   * @default "gke-l7-global-external-managed"
   */
  readonly gatewayClassName?: string;

  /**
   * The region's proxy-only subnet, which the regional and internal classes
   * (`gke-l7-rilb`, `gke-l7-regional-external-managed`, ...) send from. Required for those
   * classes when the stack draws NetworkPolicies.
   *
   * @default - none
   */
  readonly proxyOnlySubnetCidr?: string;
}

/**
 * The cluster an application runs on: local Kubernetes, AKS or GKE. A preset decides how the
 * gateway is exposed, which gateway and ingress classes and which ReadWriteMany storage class to
 * use, where gateway traffic comes from and which DNS resolvers pods use. Each preset is one
 * product: the README's "Platforms" section says what to install for it.
 *
 * @example
 * const platform = Platform.aksApplicationGateway({
 *   loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }),
 *   subnetCidr: '10.225.0.0/24',
 * });
 */
export class Platform {
  /**
   * A local cluster (kind, minikube, k3d, Docker Desktop) with NGINX Gateway Fabric 2 (`nginx`
   * GatewayClass; an NGINX per Gateway in the Gateway's namespace): NodePort exposure for
   * in-cluster gateways, ingress class `nginx` (ingress-nginx), RWX volumes from the NFS CSI
   * driver (`nfs-csi`).
   */
  public static readonly LOCAL = new Platform(localNginxGatewayFabric());

  /**
   * A local cluster with Envoy Gateway (`eg` GatewayClass; the proxies run in
   * `envoy-gateway-system`), otherwise as {@link Platform.LOCAL}.
   */
  public static readonly LOCAL_ENVOY = new Platform(localEnvoyGateway());

  /**
   * Azure Kubernetes Service with Application Gateway for Containers (`azure-alb-external`),
   * Azure Files for RWX volumes (`azurefile-csi`). A Gateway needs the load balancer and the
   * subnet it sends from: use {@link Platform.aksApplicationGateway}. The Ingress class is the
   * application routing add-on's (`webapprouting.kubernetes.azure.com`, traffic from
   * `app-routing-system`), another product: {@link Platform.AKS_APP_ROUTING}.
   */
  public static readonly AKS = new Platform(aksApplicationGatewayForContainers());

  /**
   * Azure Kubernetes Service with the application routing add-on: its Gateway API
   * implementation (`approuting-istio`, a proxy per Gateway in the Gateway's namespace) and its
   * managed NGINX for Ingress (`webapprouting.kubernetes.azure.com`), Azure Files for RWX
   * volumes.
   */
  public static readonly AKS_APP_ROUTING = new Platform(aksApplicationRouting());

  /**
   * Google Kubernetes Engine: the global external managed GatewayClass
   * (`gke-l7-global-external-managed`), ingress class `gce`, Filestore for RWX volumes
   * (`standard-rwx`); gateway traffic comes from Google's health-check and proxy ranges.
   */
  public static readonly GKE = new Platform(gkeGateway());

  /**
   * AKS with Application Gateway for Containers, programmed on `loadBalancer`, its traffic
   * admitted from `subnetCidr`.
   *
   * @example
   * Platform.aksApplicationGateway({
   *   loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }),
   *   subnetCidr: '10.225.0.0/24',
   * })
   */
  public static aksApplicationGateway(options: AksApplicationGatewayOptions): Platform {
    checkArguments(factoryFail('Platform.aksApplicationGateway', 'Platform'), { options: [options, t.props(AKS_APPLICATION_GATEWAY_OPTIONS)] });
    return Platform.AKS.with({ applicationLoadBalancer: options.loadBalancer, gatewaySubnetCidr: options.subnetCidr });
  }

  /**
   * GKE with another Gateway class, and the proxy-only subnet the regional and internal classes
   * send from.
   *
   * @example
   * Platform.gkeGateway({ gatewayClassName: 'gke-l7-rilb', proxyOnlySubnetCidr: '10.129.0.0/23' })
   */
  public static gkeGateway(options: GkeGatewayOptions): Platform {
    checkArguments(factoryFail('Platform.gkeGateway', 'Platform'), { options: [options, t.props(GKE_GATEWAY_OPTIONS)] });
    return Platform.GKE.with({ gatewayClassName: options.gatewayClassName, gatewaySubnetCidr: options.proxyOnlySubnetCidr });
  }

  /**
   * A platform of your own.
   */
  public static custom(props: PlatformProps): Platform {
    checkArguments(factoryFail('Platform.custom', 'Platform'), { props: [props, t.props(PLATFORM_PROPS)] });
    return new Platform(props);
  }

  /** Short name: `local`, `aks`, `gke` or yours. */
  public readonly name: string;
  /** How an in-cluster gateway is exposed. */
  public readonly gatewayExposure: ServiceExposure;
  /** GatewayClass for the Gateway API. */
  public readonly gatewayClassName: string;
  /** IngressClass for Ingress gateways. */
  public readonly ingressClassName: string;
  /** StorageClass offering ReadWriteMany volumes. */
  public readonly rwxStorageClass: string;
  /** The managed Kubernetes offering, if any. */
  public readonly cloud?: CloudProvider;
  /** Where the Gateway API implementation's traffic comes from. */
  public readonly gatewaySource: GatewaySource;
  /** Where the Ingress controller's traffic comes from. */
  public readonly ingressSource: GatewaySource;
  /** The Application Gateway for Containers, if any. */
  public readonly applicationLoadBalancer?: ApplicationLoadBalancer;
  /** The subnet a cloud gateway's proxies send from, if given. */
  public readonly gatewaySubnetCidr?: string;
  /** DNS resolvers admitted besides the kube-dns pods. */
  public readonly dnsResolverCidrs: string[];

  private readonly props: PlatformProps;

  private constructor(props: PlatformProps) {
    for (const cidr of [props.gatewaySubnetCidr, ...props.dnsResolverCidrs ?? [], ...props.gatewaySource?.cidrs ?? []]) {
      if (cidr !== undefined && !isIpv4Cidr(cidr)) {
        throw propError(`Platform(${props.name})`, 'Platform', {
          prop: cidr === props.gatewaySubnetCidr ? 'gatewaySubnetCidr' : 'cidrs',
          rule: 'must be an IPv4 CIDR',
          value: cidr,
          fix: 'write the address range as a.b.c.d/n, such as "10.225.0.0/24"',
        });
      }
    }
    this.props = props;
    this.name = props.name;
    this.gatewayExposure = props.gatewayExposure ?? ServiceExposure.loadBalancer();
    this.gatewayClassName = props.gatewayClassName ?? 'nginx';
    this.ingressClassName = props.ingressClassName ?? 'nginx';
    this.rwxStorageClass = props.rwxStorageClass ?? 'nfs-csi';
    this.cloud = props.cloud;
    this.gatewaySource = props.gatewaySource ?? {};
    this.ingressSource = props.ingressSource ?? this.gatewaySource;
    this.applicationLoadBalancer = props.applicationLoadBalancer;
    this.gatewaySubnetCidr = props.gatewaySubnetCidr;
    this.dnsResolverCidrs = [...props.dnsResolverCidrs ?? []];
  }

  /**
   * Whether the platform's Gateway API implementation sends from a subnet only the user knows
   * (Application Gateway for Containers, GKE's regional and internal classes): NetworkPolicies
   * then need `gatewaySubnetCidr`.
   */
  public get gatewaySubnetRequired(): boolean {
    return this.gatewayClassName === AGC_FACTS.gatewayClassName || GKE_PROXY_ONLY_SUBNET_CLASSES.includes(this.gatewayClassName);
  }

  /** The annotations of a Gateway of the platform's class (Application Gateway for Containers names its load balancer). */
  public get gatewayAnnotations(): { [key: string]: string } {
    return this.gatewayClassName === AGC_FACTS.gatewayClassName ? { ...this.applicationLoadBalancer?.gatewayAnnotations } : {};
  }

  /** The `spec.addresses` of a Gateway of the platform's class (a bring-your-own AGC frontend). */
  public get gatewayAddresses(): GatewayAddress[] {
    return this.gatewayClassName === AGC_FACTS.gatewayClassName ? [...this.applicationLoadBalancer?.gatewayAddresses ?? []] : [];
  }

  /**
   * This platform with some settings replaced.
   */
  public with(overrides: PlatformOverrides): Platform {
    checkArguments(factoryFail(`Platform(${this.name}).with`, 'Platform'), { overrides: [overrides, t.props(PLATFORM_OVERRIDES)] });
    return new Platform({ ...this.props, ...stripUndefined(overrides), name: overrides.name ?? this.name });
  }
}

/**
 * Settings of a {@link Platform} to replace with `with()`.
 */
export interface PlatformOverrides {
  /** @default - unchanged */
  readonly name?: string;
  /** @default - unchanged */
  readonly gatewayExposure?: ServiceExposure;
  /** @default - unchanged */
  readonly gatewayClassName?: string;
  /** @default - unchanged */
  readonly ingressClassName?: string;
  /** @default - unchanged */
  readonly rwxStorageClass?: string;
  /** @default - unchanged */
  readonly gatewaySource?: GatewaySource;
  /** @default - unchanged */
  readonly ingressSource?: GatewaySource;
  /** @default - unchanged */
  readonly applicationLoadBalancer?: ApplicationLoadBalancer;
  /** @default - unchanged */
  readonly gatewaySubnetCidr?: string;
  /** @default - unchanged */
  readonly dnsResolverCidrs?: string[];
}

function isIpv4Cidr(cidr: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  return m !== null && m.slice(1, 5).every(o => Number(o) <= 255) && Number(m[5]) <= 32;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
