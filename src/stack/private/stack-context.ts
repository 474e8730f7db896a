import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { ImagePolicy } from '../../core/image-ref';
import { PodSecurityLevel } from '../../core/pod-security';
import { ApiGateway } from '../../gateway';
import { NfsVolume } from '../../storage';
import { ResolvedPort } from '../../workload/port-list';
import { ClaimMountOptions } from '../service-mount';
import { NetworkPolicyMode } from '../stack-options';

/**
 * A workload of the stack as its NetworkPolicies, service URLs and checks see it: its name, ports,
 * calls, networks, how it is exposed and its Pod Security level.
 */
export interface StackMember {
  readonly name: string;
  /** Every port of its pods (main container and sidecars); the first TCP one is the main one. */
  readonly memberPorts: ResolvedPort[];
  readonly talksTo: string[];
  /** The parts its pods wait for before they start (they call them too). */
  readonly waitFor: string[];
  readonly networks: string[];
  /** The Service's type, when it has a Service. */
  readonly serviceType?: kplus.ServiceType;
  /** The Service's port a caller's URL names, when it has a Service. */
  readonly urlPort?: number;
  /** The URL scheme of a caller's URL: http for a microservice, tcp for a backing service. */
  readonly urlScheme: string;
  /** Its pods' Pod Security level. */
  readonly podSecurity: PodSecurityLevel;
  /** What kind of part it is, for messages: "addService", "addBackingService", "addJob". */
  readonly method: string;
}

/**
 * What a part of the stack needs from the stack it belongs to. A small child construct of the
 * stack implements it (the stack's registry), so none of this is a method of the public
 * MicroserviceStack; a part finds it with {@link stackContextOf}.
 */
export interface StackContext {
  /** The application name, for the `app.kubernetes.io/part-of` label. */
  readonly appName: string;
  /** Which image references the stack accepts. */
  readonly imagePolicy: ImagePolicy;
  /** How the stack's NetworkPolicies are drawn (NETWORKS labels each pod with its networks). */
  readonly mode: NetworkPolicyMode;
  /** Whether callers get `Services__<name>__Url` variables for their `talksTo`. */
  readonly serviceUrls: boolean;
  /** The resources of containers that give none, when the stack sets them. */
  readonly defaultResources?: kplus.ContainerResources;
  /** The stack's gateway, created on first use. */
  gateway(): ApiGateway;
  /** Keeps a warning with the stack, in the order raised. */
  warn(message: string): void;
  /** A Secret the app references but does not create: the cross-object checks take it as existing. */
  declareExternalSecret(name: string): void;
  /** A ConfigMap the app references but does not create: the cross-object checks take it as existing. */
  declareExternalConfigMap(name: string): void;
  /** The port a caller of `name` dials (its Service's first port), if `name` is a part that listens; call it at synth. */
  portOf(name: string): number | undefined;
  /** The image as the manifests name it, with the stack's registry and default tag. */
  resolveImage(image: string, scope: IConstruct, prop?: string): string;
  /** The URL a caller of `name` is given, if `name` can be called; call it at synth, once every part is added. */
  urlOf(name: string): string | undefined;
  /** Adds the NetworkPolicy of the part `name` under `scope`, rendered late from what the stack knows of it. */
  addNetworkPolicy(scope: Construct, name: string): void;
  /**
   * The claim of that name: created with the app on first use (the same options every time), or
   * referenced when it exists outside the app.
   */
  claim(name: string, options: ClaimMountOptions, scope: IConstruct, prop: string): kplus.IPersistentVolumeClaim;
  /** Records that `service` mounts `volume` at `path`. */
  recordMount(service: string, volume: NfsVolume, path: string): void;
  /** Records that the gateway routes to `name`. */
  markRouted(name: string): void;
}

/** The id of the child construct of a stack that is its context. */
export const STACK_CONTEXT_ID = 'StackContext';

/**
 * The context of the stack `stack`, for a part constructed in it. Parts are created by the
 * stack's `add*` methods, so it is always there; a constructor called on another scope fails.
 */
export function stackContextOf(stack: IConstruct, type: string): StackContext {
  const context = stack.node.tryFindChild(STACK_CONTEXT_ID);
  if (context === undefined) {
    throw new Error(`[${stack.node.path}] ${type}: must be added to a MicroserviceStack with its add methods (addService, addBackingService, addJob)`);
  }
  return context as unknown as StackContext;
}
