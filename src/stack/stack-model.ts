import { GatewayImplementation } from '../gateway';
import { Platform } from '../platform';
import { BlueGreenSlot } from '../release';
import { ServicePort } from '../workload';

/**
 * A read-only description of a {@link MicroserviceStack}: what it runs, how the parts call each
 * other and how clients reach them. Outputs built from a stack (Skaffold, the diagram) read this,
 * and so can any other tool; it is taken when `stack.model()` is called.
 */
export interface StackModel {
  /** The stack's construct id: cdk8s writes its manifests to `<id>.k8s.yaml`. */
  readonly id: string;
  /** The application name (`app.kubernetes.io/part-of`). */
  readonly appName: string;
  /**
   * The namespace of the stack's objects.
   *
   * @default - the namespace of the kubectl context ("default")
   */
  readonly namespace?: string;
  /** The cluster the stack runs on. */
  readonly platform: Platform;
  /** The microservices, in the order they were added. */
  readonly services: StackServiceModel[];
  /** The backing services, in the order they were added. */
  readonly backingServices: StackBackingServiceModel[];
  /** The jobs, in the order they were added. */
  readonly jobs: StackJobModel[];
  /** The ExternalName aliases, in the order they were added. */
  readonly externals: StackExternalModel[];
  /** The volumes added with `addVolume`, in the order they were added. */
  readonly volumes: StackVolumeModel[];
  /** The volumes mounted into microservices. */
  readonly mounts: StackMountModel[];
  /** The gateway's routes to microservices, service by service. */
  readonly routes: StackRouteModel[];
  /**
   * The gateway.
   *
   * @default - the stack has no gateway (no service is routed)
   */
  readonly gateway?: StackGatewayModel;
  /**
   * The Service a local port is forwarded to for development: an in-cluster gateway's. A Gateway
   * API or Ingress gateway is reached through its controller's address instead.
   *
   * @default - nothing to forward
   */
  readonly forwardTarget?: StackForwardTarget;
}

/** A microservice of a {@link StackModel}. */
export interface StackServiceModel extends StackImageBuildModel {
  /** The service's name: its Service and DNS name. */
  readonly name: string;
  /**
   * The main port it listens on.
   *
   * @default - it listens on no port
   */
  readonly port?: number;
  /** Every port of its pods. */
  readonly ports: ServicePort[];
  /** The image, as written in the manifests. */
  readonly image: string;
  /** The services it calls. */
  readonly talksTo: string[];
  /** The paths the gateway routes to it. */
  readonly routePaths: string[];
  /**
   * The canary's share of traffic, when the service is released as a canary.
   *
   * @default - not a canary release
   */
  readonly canaryWeight?: number;
  /**
   * The slot clients reach, when the service is released blue-green.
   *
   * @default - not a blue-green release
   */
  readonly activeSlot?: BlueGreenSlot;
}

/** How a workload's image is built from source, for Skaffold. */
export interface StackImageBuildModel {
  /**
   * The Docker build context.
   *
   * @default - the image is not built from source
   */
  readonly buildContext?: string;
  /**
   * The Dockerfile, relative to the build context.
   *
   * @default - the image is not built from source
   */
  readonly dockerfile?: string;
  /**
   * The stage of a multi-stage Dockerfile to build.
   *
   * @default - the last stage
   */
  readonly buildTarget?: string;
  /**
   * Build arguments.
   *
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
}

/** A backing service of a {@link StackModel}. */
export interface StackBackingServiceModel extends StackImageBuildModel {
  /** The name: Service and DNS name. */
  readonly name: string;
  /** The image. */
  readonly image: string;
  /**
   * The main port clients connect to.
   *
   * @default - it listens on no port
   */
  readonly port?: number;
  /** Every port of its pod. */
  readonly ports: ServicePort[];
}

/** A job of a {@link StackModel}. */
export interface StackJobModel extends StackImageBuildModel {
  /** The name: the Job's name. */
  readonly name: string;
  /** The image, as written in the manifests. */
  readonly image: string;
  /** The parts of the stack it calls. */
  readonly talksTo: string[];
}

/** An ExternalName alias of a {@link StackModel}. */
export interface StackExternalModel {
  /** The alias pods call. */
  readonly name: string;
  /** The host outside the cluster it resolves to. */
  readonly host: string;
  /**
   * The port the dependency listens on.
   *
   * @default - not given
   */
  readonly port?: number;
}

/** A volume of a {@link StackModel}. */
export interface StackVolumeModel {
  /** The volume's name (its construct id). */
  readonly name: string;
  /** The StorageClass of its claim. */
  readonly storageClassName: string;
  /**
   * The NFS server, for a statically provisioned volume.
   *
   * @default - dynamically provisioned
   */
  readonly server?: string;
  /**
   * The exported path on the NFS server.
   *
   * @default - dynamically provisioned
   */
  readonly path?: string;
}

/** A volume mounted into a microservice, in a {@link StackModel}. */
export interface StackMountModel {
  /** The microservice. */
  readonly service: string;
  /** The volume's name (its construct id). */
  readonly volume: string;
  /** Where it is mounted. */
  readonly path: string;
}

/** A route from the gateway to a microservice, in a {@link StackModel}. */
export interface StackRouteModel {
  /** The path clients call. */
  readonly path: string;
  /** The microservice it reaches. */
  readonly service: string;
}

/** The gateway of a {@link StackModel}. */
export interface StackGatewayModel {
  /** The name of the Gateway, Ingress or gateway Deployment. */
  readonly name: string;
  /** Which gateway renders the routes. */
  readonly implementation: GatewayImplementation;
}

/** A Service and port to forward a local port to, in a {@link StackModel}. */
export interface StackForwardTarget {
  /** The Service's name. */
  readonly service: string;
  /** The Service's port. */
  readonly port: number;
}
