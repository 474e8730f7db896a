import { ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePolicy } from '../core/image-ref';
import { GatewayKind } from '../gateway';
import { Platform } from '../platform';
import { ManifestValidatorOptions } from '../validation';

/**
 * Which NetworkPolicies a stack draws.
 */
export enum NetworkPolicyMode {
  /**
   * Zero trust (the default for stacks written by hand): a default-deny for ingress and egress,
   * DNS, and per workload an allow rule for its callers (`talksTo`), the gateway when it is
   * routed, and its own calls; egress leaves the cluster only to `addExternal` dependencies.
   */
  CALL_GRAPH = 'CALL_GRAPH',
  /**
   * Reachability as compose defines it: the members of each network (`networks`, default
   * `['default']`) reach each other on their ports; routed workloads admit the gateway, and
   * NodePort and LoadBalancer ones anyone, on their ports; egress is open. Only ingress is denied
   * by default.
   */
  NETWORKS = 'NETWORKS',
  /** No NetworkPolicies: every pod reaches every other, as in a cluster without policies. */
  NONE = 'NONE',
}

/**
 * Options of {@link MicroserviceStack.addExternal}.
 */
export interface ExternalOptions {
  /**
   * The port the dependency listens on. Callers may then leave the cluster on this port only, and
   * their `Services__<name>__Url` is `https://<external host>` for 443 (TLS checks the external
   * host's name), `http://<alias>` for 80 and `tcp://<alias>:port` otherwise.
   *
   * @default - callers may leave the cluster on any port, and the URL is `http://host`
   */
  readonly port?: number;
}

/**
 * The gateway of a {@link MicroserviceStack}.
 */
export interface StackGatewayOptions {
  /**
   * Which gateway renders the routes.
   *
   * @default GatewayKind.gatewayApi() with the platform's GatewayClass
   */
  readonly kind?: GatewayKind;

  /**
   * Host names the gateway answers for.
   *
   * @default - any host
   */
  readonly hostnames?: string[];

  /**
   * Secret with the TLS certificate (an HTTPS listener).
   *
   * @default - HTTP only
   */
  readonly tlsSecretName?: string;

  /**
   * Name of the Gateway, Ingress or gateway Deployment.
   *
   * @default "gateway"
   */
  readonly name?: string;
}

/**
 * Props of {@link MicroserviceStack}.
 */
export interface MicroserviceStackProps extends ChartProps {
  /**
   * The application's name: `app.kubernetes.io/part-of` on every object and pod.
   *
   * @default - the construct id
   */
  readonly appName?: string;

  /**
   * Create the namespace, labelled to enforce the weakest Pod Security level a workload of the
   * stack needs (restricted unless a workload says otherwise), and to warn and audit at
   * restricted.
   *
   * @default true when `namespace` is set
   */
  readonly createNamespace?: boolean;

  /**
   * Fail at synth, listing them, when a workload of the stack is not RESTRICTED (for example a
   * converted compose file whose images cannot be proven to run restricted).
   *
   * @default false
   */
  readonly requireRestricted?: boolean;

  /**
   * The cluster it runs on.
   *
   * @default Platform.LOCAL
   */
  readonly platform?: Platform;

  /**
   * The application's single entry point.
   *
   * @default - a Gateway API gateway of the platform's GatewayClass, created with the first route
   */
  readonly gateway?: StackGatewayOptions;

  /**
   * Registry put in front of images that name none (`myregistry.azurecr.io/eshop`).
   *
   * @default - images are used as given
   */
  readonly imageRegistry?: string;

  /**
   * Tag appended to images that have none. Under `ImagePolicy.REQUIRE_PINNED`, images tagged
   * `latest` are refused: a rollout cannot tell two `latest` builds apart.
   *
   * @default - an image without a tag is an error (under `ImagePolicy.REQUIRE_PINNED`)
   */
  readonly defaultImageTag?: string;

  /**
   * Which image references the stack's workloads may use. `ImagePolicy.ALLOW_UNPINNED` lets
   * untagged and `latest` images through (pulled `Always`, as Kubernetes defaults them), for
   * images the app does not build, such as those of a converted compose file.
   *
   * @default ImagePolicy.REQUIRE_PINNED
   */
  readonly imagePolicy?: ImagePolicy;

  /**
   * Which NetworkPolicies the stack draws.
   *
   * @default NetworkPolicyMode.CALL_GRAPH (NetworkPolicyMode.NONE when `networkPolicies` is false)
   */
  readonly networkPolicy?: NetworkPolicyMode;

  /**
   * Networks whose members reach only each other (compose's `internal: true`): with
   * `NetworkPolicyMode.NETWORKS`, a workload whose every network is internal may call only the
   * members of its networks (and DNS); its egress is otherwise open, as in compose.
   *
   * @default - none
   */
  readonly internalNetworks?: string[];

  /**
   * Give each workload a `Services__<name>__Url` environment variable for each part of the stack
   * in its `talksTo` (the .NET configuration form of `Services:<name>:Url`). A converted compose
   * file turns it off: its services already name the hosts they call.
   *
   * @default true
   */
  readonly serviceUrls?: boolean;

  /**
   * The resources of every container that gives none (microservices, backing services, jobs and
   * sidecars). A container's own `resources` replaces these for each of `cpu` and `memory` it
   * names. A request without a limit is allowed (the container may use what the node has).
   *
   * @default - per kind of workload (see `ContainerOptions.resources`)
   */
  readonly defaultResources?: kplus.ContainerResources;

  /**
   * Draw NetworkPolicies: `false` is `networkPolicy: NetworkPolicyMode.NONE`.
   *
   * @default true
   */
  readonly networkPolicies?: boolean;

  /**
   * `ASPNETCORE_ENVIRONMENT` of every microservice (a service's own `env` or `config` wins).
   * The .NET Aspire service defaults map `/alive` and `/health` in Development only: use
   * "Development" on a local cluster with such images, and map the endpoints in every environment
   * for the cloud. Left unset, the stack warns that the images must map them.
   *
   * @default - not set: ASP.NET Core runs as Production
   */
  readonly aspNetCoreEnvironment?: string;

  /**
   * What the cross-object checks may assume exists outside the app (Secrets referenced with
   * `SecretValue.fromSecret` are added automatically).
   *
   * @default - nothing
   */
  readonly validation?: ManifestValidatorOptions;
}
