import * as kplus from 'cdk8s-plus-28';
import { EXPOSURE_OPTIONS, LOAD_BALANCER_OPTIONS } from './prop-types';
import { CloudProvider, internalLoadBalancerAnnotations } from '../core/cloud';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';

/**
 * One port of a Service.
 */
export interface ExposedPort {
  /**
   * The port clients connect to (`http://catalog:80`).
   */
  readonly port: number;

  /**
   * The container port traffic is sent to.
   *
   * @default - the workload's main container port
   */
  readonly targetPort?: number;

  /**
   * The port's name: required and unique when a Service has several ports.
   *
   * @default "http" for a single port
   */
  readonly name?: string;

  /**
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The port opened on every node, for NodePort and LoadBalancer Services.
   *
   * @default - Kubernetes picks a free port in 30000-32767
   */
  readonly nodePort?: number;
}

/**
 * Options shared by every kind of exposure.
 */
export interface ServiceExposureOptions {
  /**
   * The Service's ports.
   *
   * @default - one port named "http": 80 to the main container port
   */
  readonly ports?: ExposedPort[];

  /**
   * Annotations of the Service.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Options of a LoadBalancer Service.
 */
export interface LoadBalancerExposureOptions extends ServiceExposureOptions {
  /**
   * Ask the cloud for an internal load balancer (a private IP in the cluster's network) instead
   * of a public one. Sets `service.beta.kubernetes.io/azure-load-balancer-internal` on AKS and
   * `networking.gke.io/load-balancer-type: Internal` on GKE.
   *
   * @default - a public load balancer
   */
  readonly internal?: CloudProvider;

  /**
   * Client CIDRs allowed to reach the load balancer.
   *
   * @default - any client
   */
  readonly sourceRanges?: string[];
}

/**
 * How a workload is reached: a ClusterIP, NodePort or LoadBalancer Service.
 *
 * One value type, so every construct exposes services the same way.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export class ServiceExposure {
  /**
   * Reachable inside the cluster only, at `http://<service>` (the default).
   *
   * @example
   * ServiceExposure.clusterIp()
   */
  public static clusterIp(options: ServiceExposureOptions = {}): ServiceExposure {
    checkArguments(factoryFail('ServiceExposure.clusterIp', 'ServiceExposure'), { options: [options, t.props(EXPOSURE_OPTIONS)] });
    return new ServiceExposure(kplus.ServiceType.CLUSTER_IP, options, undefined);
  }

  /**
   * Also reachable at `<any node IP>:<nodePort>`, for local clusters without a load balancer.
   *
   * @param nodePort the port on every node, 30000-32767; Kubernetes picks one when omitted
   * @example
   * ServiceExposure.nodePort(30080)
   */
  public static nodePort(nodePort?: number, options: ServiceExposureOptions = {}): ServiceExposure {
    checkArguments(factoryFail('ServiceExposure.nodePort', 'ServiceExposure'), {
      nodePort: [nodePort, t.number({ example: 30080 })],
      options: [options, t.props(EXPOSURE_OPTIONS)],
    });
    return new ServiceExposure(kplus.ServiceType.NODE_PORT, options, nodePort);
  }

  /**
   * Also reachable through a cloud load balancer (public, or internal with `internal`).
   *
   * @example
   * ServiceExposure.loadBalancer({ internal: CloudProvider.AKS })
   */
  public static loadBalancer(options: LoadBalancerExposureOptions = {}): ServiceExposure {
    checkArguments(factoryFail('ServiceExposure.loadBalancer', 'ServiceExposure'), { options: [options, t.props(LOAD_BALANCER_OPTIONS)] });
    return new ServiceExposure(kplus.ServiceType.LOAD_BALANCER, {
      ...options,
      annotations: { ...internalLoadBalancerAnnotations(options.internal), ...options.annotations },
    }, undefined, options.sourceRanges);
  }

  /** The Service type. */
  public readonly type: kplus.ServiceType;
  /** The node port asked for with `nodePort(...)`, if any. */
  public readonly requestedNodePort?: number;
  /** The ports asked for, if any. */
  public readonly ports?: ExposedPort[];
  /** The Service annotations. */
  public readonly annotations: { [key: string]: string };
  /** Client CIDRs of a load balancer. */
  public readonly sourceRanges?: string[];

  private constructor(type: kplus.ServiceType, options: ServiceExposureOptions, nodePort?: number, sourceRanges?: string[]) {
    this.type = type;
    this.requestedNodePort = nodePort;
    this.ports = options.ports;
    this.annotations = { ...options.annotations };
    this.sourceRanges = sourceRanges;
  }

  /**
   * The Service's ports, defaults filled in.
   *
   * @param targetPort the main container port of the workload
   */
  public portsFor(targetPort: number): ExposedPort[] {
    checkArguments(factoryFail('ServiceExposure.portsFor', 'ServiceExposure'), { targetPort: [targetPort, t.number({ example: 8080 })] });
    const ports = this.ports && this.ports.length > 0 ? this.ports : [{ port: 80, name: 'http' }];
    return ports.map((p, i) => ({
      port: p.port,
      targetPort: p.targetPort ?? targetPort,
      name: p.name ?? (ports.length === 1 ? 'http' : undefined),
      protocol: p.protocol ?? kplus.Protocol.TCP,
      nodePort: p.nodePort ?? (i === 0 ? this.requestedNodePort : undefined),
    }));
  }
}

/**
 * Options of `ProbedDeployment.expose()`.
 */
export interface ExposeOptions {
  /**
   * Service name: what clients write in URLs (`http://catalog`). A DNS-1035 label.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly name?: string;

  /**
   * How the Service is reached.
   *
   * @default ServiceExposure.clusterIp()
   */
  readonly exposure?: ServiceExposure;
}
