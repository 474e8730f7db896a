import { Construct, IConstruct } from 'constructs';
import { ApiGateway } from '../../gateway';
import { NfsVolume } from '../../storage';

/**
 * What a service of the stack needs from the stack it belongs to. A small child construct of the
 * stack implements it (the stack's registry), so none of this is a method of the public
 * MicroserviceStack; a service finds it with {@link stackContextOf}.
 */
export interface StackContext {
  /** The application name, for the `app.kubernetes.io/part-of` label. */
  readonly appName: string;
  /** The stack's gateway, created on first use. */
  gateway(): ApiGateway;
  /** Keeps a warning with the stack, in the order raised. */
  warn(message: string): void;
  /** A Secret the app references but does not create: the cross-object checks take it as existing. */
  declareExternalSecret(name: string): void;
  /** The image as the manifests name it, with the stack's registry and default tag. */
  resolveImage(image: string, scope: IConstruct): string;
  /** The URL a caller of `name` is given; call it at synth, once every service is added. */
  urlOf(name: string): string;
  /** Adds the NetworkPolicy of one service under `scope`, rendered late. */
  addNetworkPolicy(scope: Construct, name: string, port: number): void;
  /** Records that `service` mounts `volume` at `path`. */
  recordMount(service: string, volume: NfsVolume, path: string): void;
  /** Records that the gateway routes to `name`. */
  markRouted(name: string): void;
}

/** The id of the child construct of a stack that is its context. */
export const STACK_CONTEXT_ID = 'StackContext';

/**
 * The context of the stack `stack`, for a service constructed in it. Services are created by the
 * stack's `add*` methods, so it is always there; a constructor called on another scope fails.
 */
export function stackContextOf(stack: IConstruct, type: string): StackContext {
  const context = stack.node.tryFindChild(STACK_CONTEXT_ID);
  if (context === undefined) {
    throw new Error(`[${stack.node.path}] ${type}: must be added to a MicroserviceStack with its add methods (addService, addBackingService)`);
  }
  return context as unknown as StackContext;
}
