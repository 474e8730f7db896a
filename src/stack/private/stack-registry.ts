import { Construct, IConstruct } from 'constructs';
import { gatewaySourceOf } from './gateway-sources';
import { ImageDefaults, resolveImage } from './images';
import { addGatewayNetworkPolicy, addServiceNetworkPolicy, PolicyGraph } from './network-policies';
import { STACK_CONTEXT_ID, StackContext } from './stack-context';
import { Warnings } from '../../core/warnings';
import { ApiGateway } from '../../gateway';
import { GatewaySource, Platform } from '../../platform';
import { NfsVolume } from '../../storage';
import { ExternalService } from '../../workload';
import { BackingService } from '../backing-service';
import { PART_OF_LABEL, SERVICE_LABEL } from '../labels';
import { Microservice } from '../microservice';

/** What the registry of a stack is built from. */
export interface StackRegistryProps extends ImageDefaults {
  readonly appName: string;
  readonly namespace?: string;
  readonly platform: Platform;
  /** Whether the stack draws NetworkPolicies. */
  readonly networkPolicies: boolean;
  /** The stack's gateway, created on first use. */
  readonly gateway: () => ApiGateway;
}

/** An ExternalName alias and the port of the dependency behind it. */
export interface ExternalEntry {
  readonly alias: ExternalService;
  readonly port?: number;
}

/** A volume mounted into a microservice. */
export interface MountEntry {
  readonly service: string;
  readonly volume: NfsVolume;
  readonly path: string;
}

/**
 * Everything a stack knows about its parts, by name: the services, who calls whom, what the
 * gateway routes to, what is mounted where. It is a child construct of the stack (which keeps it
 * in a private field); each service of the stack uses it as its {@link StackContext}. The
 * NetworkPolicies, service URLs, checks and the stack model are drawn from it.
 */
export class StackRegistry extends Construct implements StackContext, PolicyGraph {
  public readonly services = new Map<string, Microservice>();
  public readonly backing = new Map<string, BackingService>();
  public readonly externals = new Map<string, ExternalEntry>();
  public readonly volumes = new Map<string, NfsVolume>();
  public readonly mounts: MountEntry[] = [];
  public readonly routed = new Set<string>();
  public readonly externalSecrets = new Set<string>();
  public gatewayPods?: { [key: string]: string };
  private callers?: Map<string, Set<string>>;
  private source?: GatewaySource;

  private readonly stack: Construct;
  private readonly props: StackRegistryProps;

  public constructor(stack: Construct, props: StackRegistryProps) {
    super(stack, STACK_CONTEXT_ID);
    this.stack = stack;
    this.props = props;
  }

  public get appName(): string {
    return this.props.appName;
  }

  /** Where gateway traffic comes from: chosen by the gateway's kind once it exists. */
  public get gatewaySource(): GatewaySource {
    return this.source ?? this.props.platform.gatewaySource;
  }

  /** Whether a service, backing service or external alias has that name. */
  public has(name: string): boolean {
    return this.services.has(name) || this.backing.has(name) || this.externals.has(name);
  }

  /** Every name a `talksTo` may use. */
  public names(): string[] {
    return [...this.services.keys(), ...this.backing.keys(), ...this.externals.keys()];
  }

  public addService(service: Microservice): void {
    this.services.set(service.name, service);
    this.callers = undefined;
  }

  public gateway(): ApiGateway {
    return this.props.gateway();
  }

  public warn(message: string): void {
    Warnings.of(this.stack).add(message);
  }

  public declareExternalSecret(name: string): void {
    this.externalSecrets.add(name);
  }

  public resolveImage(image: string, scope: IConstruct): string {
    return resolveImage(image, scope, this.props);
  }

  public urlOf(name: string): string {
    const host = `${name}.${this.props.namespace ?? 'default'}.svc.cluster.local`;
    const svc = this.services.get(name);
    if (svc) return `http://${host}:${svc.service.port}`;
    const b = this.backing.get(name);
    if (b) return `tcp://${host}:${b.port}`;
    // An external alias (or an unknown name, which the stack's validation reports).
    const ext = this.externals.get(name);
    const port = ext?.port;
    if (port === undefined || port === 80) return `http://${host}`;
    // TLS needs the name on the certificate, which is the external host, not the alias.
    if (port === 443) return `https://${ext!.alias.externalName}`;
    return `tcp://${host}:${port}`;
  }

  public addNetworkPolicy(scope: Construct, name: string, port: number): void {
    if (this.props.networkPolicies) addServiceNetworkPolicy(scope, name, port, this);
  }

  /**
   * Lets the gateway's pods through the NetworkPolicies: an in-cluster gateway's (labelled as a
   * part of the app), or the data plane that a Gateway API implementation runs per Gateway.
   */
  public admitGateway(gateway: ApiGateway, name: string): void {
    this.source = gatewaySourceOf(this.props.platform, gateway.kind);
    const deployment = gateway.deployment;
    if (deployment) {
      deployment.podMetadata.addLabel(SERVICE_LABEL, 'gateway');
      deployment.podMetadata.addLabel(PART_OF_LABEL, this.appName);
      this.allowGateway({ [SERVICE_LABEL]: 'gateway' }, deployment.port, false);
    } else if (this.source.dataPlanePods) {
      // Implementations that run a data plane per Gateway (NGINX Gateway Fabric 2, Istio) put its
      // pods in the Gateway's namespace with this label (GEP-1762); the default-deny must let them
      // in and let them reach the routed services.
      this.allowGateway({ 'gateway.networking.k8s.io/gateway-name': name }, undefined, true);
    }
  }

  public recordMount(service: string, volume: NfsVolume, path: string): void {
    this.mounts.push({ service, volume, path });
  }

  public markRouted(name: string): void {
    this.routed.add(name);
  }

  public callersOf(name: string): Set<string> {
    if (!this.callers) {
      this.callers = new Map();
      for (const svc of this.services.values()) {
        for (const target of svc.talksTo) {
          const set = this.callers.get(target) ?? new Set<string>();
          set.add(svc.name);
          this.callers.set(target, set);
        }
      }
    }
    return this.callers.get(name) ?? new Set();
  }

  private allowGateway(pods: { [key: string]: string }, port: number | undefined, dataPlane: boolean): void {
    this.gatewayPods = pods;
    if (this.props.networkPolicies) addGatewayNetworkPolicy(this.stack, this, port, dataPlane);
  }
}
