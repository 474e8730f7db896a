import { CLOUD_FACTS, CloudProvider } from '../core/cloud';
import { ServiceExposure } from '../workload/service-exposure';

/**
 * Where the gateway's traffic comes from, for the NetworkPolicies that let it reach the routed
 * services.
 */
export interface GatewaySource {
  /**
   * Label selector of the namespace the gateway controller runs in
   * (`kubernetes.io/metadata.name` is set on every namespace).
   *
   * @default - no namespace selector
   */
  readonly namespaceLabels?: { [key: string]: string };

  /**
   * Source CIDRs of a gateway that is not a pod (a cloud load balancer's health checkers and
   * proxies).
   *
   * @default - none
   */
  readonly cidrs?: string[];
}

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
   * Where gateway traffic comes from.
   *
   * @default - the namespaces of common gateway controllers
   */
  readonly gatewaySource?: GatewaySource;
}

/**
 * The cluster an application runs on: local Kubernetes, AKS or GKE. A preset decides how the
 * gateway is exposed, which gateway and ingress classes and which ReadWriteMany storage class to
 * use, and where gateway traffic comes from.
 *
 * @example
 * const platform = Platform.AKS.with({ ingressClassName: 'nginx-internal' });
 */
export class Platform {
  /**
   * A local cluster (kind, minikube, k3d, Docker Desktop): NodePort exposure, NGINX Gateway
   * Fabric (`nginx` GatewayClass), ingress class `nginx`, RWX volumes from the NFS CSI driver
   * (`nfs-csi`).
   */
  public static readonly LOCAL = new Platform({
    name: 'local',
    gatewayExposure: ServiceExposure.nodePort(30080),
    gatewayClassName: 'nginx',
    ingressClassName: 'nginx',
    rwxStorageClass: 'nfs-csi',
    gatewaySource: {
      namespaceLabels: { 'kubernetes.io/metadata.name': 'nginx-gateway' },
    },
  });

  /**
   * Azure Kubernetes Service: a public Azure load balancer, Application Gateway for Containers
   * (`azure-alb-external`), the application routing add-on's ingress class
   * (`webapprouting.kubernetes.azure.com`), Azure Files for RWX volumes (`azurefile-csi`).
   *
   * Gateway traffic is admitted from the add-on's `app-routing-system` namespace. Application
   * Gateway for Containers reaches pods from its own subnet: add that subnet with
   * `Platform.AKS.with({ gatewaySource: { ...Platform.AKS.gatewaySource, cidrs: ['10.225.0.0/24'] } })`
   * (`with` replaces the whole `gatewaySource`).
   */
  public static readonly AKS = Platform.managed(CloudProvider.AKS);

  /**
   * Google Kubernetes Engine: a Google Cloud load balancer, the global external managed
   * GatewayClass (`gke-l7-global-external-managed`), ingress class `gce`, Filestore for RWX
   * volumes (`standard-rwx`); gateway traffic comes from Google's proxy ranges.
   */
  public static readonly GKE = Platform.managed(CloudProvider.GKE);

  /**
   * A platform of your own.
   */
  public static custom(props: PlatformProps): Platform {
    return new Platform(props);
  }

  /** A managed cluster: a cloud load balancer for the gateway, the rest from the cloud's facts. */
  private static managed(cloud: CloudProvider): Platform {
    const facts = CLOUD_FACTS[cloud];
    return new Platform({
      name: facts.platformName,
      cloud,
      gatewayExposure: ServiceExposure.loadBalancer(),
      gatewayClassName: facts.gatewayClassName,
      ingressClassName: facts.ingressClassName,
      rwxStorageClass: facts.fileShare.storageClassName,
      gatewaySource: {
        ...facts.gatewayNamespaceLabels ? { namespaceLabels: { ...facts.gatewayNamespaceLabels } } : {},
        ...facts.gatewayCidrs ? { cidrs: [...facts.gatewayCidrs] } : {},
      },
    });
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
  /** Where gateway traffic comes from. */
  public readonly gatewaySource: GatewaySource;

  private readonly props: PlatformProps;

  private constructor(props: PlatformProps) {
    this.props = props;
    this.name = props.name;
    this.gatewayExposure = props.gatewayExposure ?? ServiceExposure.loadBalancer();
    this.gatewayClassName = props.gatewayClassName ?? 'nginx';
    this.ingressClassName = props.ingressClassName ?? 'nginx';
    this.rwxStorageClass = props.rwxStorageClass ?? 'nfs-csi';
    this.cloud = props.cloud;
    this.gatewaySource = props.gatewaySource ?? {};
  }

  /**
   * This platform with some settings replaced.
   */
  public with(overrides: PlatformOverrides): Platform {
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
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
