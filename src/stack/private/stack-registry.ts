import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { gatewaySourceOf } from './gateway-sources';
import { ImageDefaults, resolveImage } from './images';
import { addGatewayNetworkPolicy, addServiceNetworkPolicy, PolicyGraph } from './network-policies';
import { STACK_CONTEXT_ID, StackContext, StackMember } from './stack-context';
import { propError } from '../../core/errors';
import { ImagePolicy } from '../../core/image-ref';
import { dns1123SubdomainProblem } from '../../core/names';
import { Warnings } from '../../core/warnings';
import { ApiGateway } from '../../gateway';
import { GatewaySource, Platform } from '../../platform';
import { NfsVolume } from '../../storage';
import { ExternalService } from '../../workload';
import { BackingService } from '../backing-service';
import { PART_OF_LABEL, SERVICE_LABEL } from '../labels';
import { Microservice } from '../microservice';
import { OneShotJob } from '../one-shot-job';
import { ClaimMountOptions } from '../service-mount';
import { NetworkPolicyMode } from '../stack-options';

const TYPE = 'MicroserviceStack';

/** What the registry of a stack is built from. */
export interface StackRegistryProps extends ImageDefaults {
  readonly appName: string;
  readonly namespace?: string;
  readonly platform: Platform;
  /** Which NetworkPolicies the stack draws. */
  readonly networkPolicy: NetworkPolicyMode;
  /** The stack's gateway, created on first use. */
  readonly gateway: () => ApiGateway;
  /** Networks whose members reach only each other. */
  readonly internalNetworks?: string[];
  /** Whether callers get `Services__<name>__Url` variables. */
  readonly serviceUrls?: boolean;
  /** The resources of containers that give none. */
  readonly defaultResources?: kplus.ContainerResources;
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

/** A claim made with `ServiceMount.claim`, and the options it was first made with. */
interface ClaimEntry {
  readonly claim: kplus.IPersistentVolumeClaim;
  readonly options: ClaimMountOptions;
  readonly prop: string;
}

/**
 * Everything a stack knows about its parts, by name: the services, who calls whom, what the
 * gateway routes to, what is mounted where. It is a child construct of the stack (which keeps it
 * in a private field); each part of the stack uses it as its {@link StackContext}. The
 * NetworkPolicies, service URLs, checks and the stack model are drawn from it.
 */
export class StackRegistry extends Construct implements StackContext, PolicyGraph {
  public readonly services = new Map<string, Microservice>();
  public readonly backing = new Map<string, BackingService>();
  public readonly jobs = new Map<string, OneShotJob>();
  public readonly members = new Map<string, StackMember>();
  public readonly externals = new Map<string, ExternalEntry>();
  public readonly volumes = new Map<string, NfsVolume>();
  public readonly mounts: MountEntry[] = [];
  public readonly routed = new Set<string>();
  public readonly externalSecrets = new Set<string>();
  public readonly externalClaims = new Set<string>();
  public readonly externalConfigMaps = new Set<string>();
  /** Service names that are aliases of a workload, with the workload. */
  public readonly aliases = new Map<string, string>();
  public gatewayPods?: { [key: string]: string };
  private readonly claims = new Map<string, ClaimEntry>();
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

  public get imagePolicy(): ImagePolicy {
    return this.props.imagePolicy ?? ImagePolicy.REQUIRE_PINNED;
  }

  public get mode(): NetworkPolicyMode {
    return this.props.networkPolicy;
  }

  public get serviceUrls(): boolean {
    return this.props.serviceUrls ?? true;
  }

  public get defaultResources(): kplus.ContainerResources | undefined {
    return this.props.defaultResources;
  }

  public get internalNetworks(): ReadonlySet<string> {
    return new Set(this.props.internalNetworks ?? []);
  }

  public get dnsResolverCidrs(): string[] {
    return this.props.platform.dnsResolverCidrs;
  }

  /** Where gateway traffic comes from: chosen by the gateway's kind once it exists. */
  public get gatewaySource(): GatewaySource {
    return this.source ?? this.props.platform.gatewaySource;
  }

  /** Whether a part of the stack, an external alias or a workload's alias has that name. */
  public has(name: string): boolean {
    return this.members.has(name) || this.externals.has(name) || this.aliases.has(name);
  }

  /** Every name a `talksTo` may use. */
  public names(): string[] {
    return [...this.members.keys(), ...this.externals.keys()];
  }

  /** Registers a workload of the stack (a microservice, backing service or job). */
  public addMember(member: StackMember): void {
    this.members.set(member.name, member);
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

  public declareExternalConfigMap(name: string): void {
    this.externalConfigMaps.add(name);
  }

  public portOf(name: string): number | undefined {
    return this.members.get(name)?.urlPort;
  }

  public resolveImage(image: string, scope: IConstruct, prop = 'image'): string {
    return resolveImage(image, scope, this.props, prop);
  }

  public urlOf(name: string): string | undefined {
    const host = `${name}.${this.props.namespace ?? 'default'}.svc.cluster.local`;
    const member = this.members.get(name);
    if (member) return member.urlPort === undefined ? undefined : `${member.urlScheme}://${host}:${member.urlPort}`;
    // An external alias (or an unknown name, which the stack's validation reports).
    const ext = this.externals.get(name);
    const port = ext?.port;
    if (port === undefined || port === 80) return `http://${host}`;
    // TLS needs the name on the certificate, which is the external host, not the alias.
    if (port === 443) return `https://${ext!.alias.externalName}`;
    return `tcp://${host}:${port}`;
  }

  public addNetworkPolicy(scope: Construct, name: string): void {
    if (this.mode !== NetworkPolicyMode.NONE) addServiceNetworkPolicy(scope, name, this);
  }

  public claim(name: string, options: ClaimMountOptions, scope: IConstruct, prop: string): kplus.IPersistentVolumeClaim {
    const known = this.claims.get(name);
    if (known) {
      if (!sameClaim(known.options, options)) {
        throw propError(scope, TYPE, {
          prop,
          rule: `must be mounted with the options ${known.prop} gave the claim first (one claim, one size, class and access)`,
          value: name,
          fix: 'pass the same existing, storage, storageClassName and accessModes everywhere the claim is mounted, or name another claim',
        });
      }
      return known.claim;
    }
    const problem = dns1123SubdomainProblem(name);
    if (problem) throw propError(scope, TYPE, { prop, rule: problem, value: name, fix: 'name the claim with lowercase letters, digits and \'-\', such as "orders-data"' });
    let claim: kplus.IPersistentVolumeClaim;
    if (options.existing) {
      claim = kplus.PersistentVolumeClaim.fromClaimName(this, `Claim-${name}`, name);
      this.externalClaims.add(name);
    } else {
      claim = new kplus.PersistentVolumeClaim(this.stack, `Claim-${name}`, {
        metadata: { name },
        accessModes: options.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        storage: options.storage ?? Size.gibibytes(1),
        storageClassName: options.storageClassName,
      });
    }
    this.claims.set(name, { claim, options, prop });
    return claim;
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
      for (const member of this.members.values()) {
        for (const target of new Set([...member.talksTo, ...member.waitFor])) {
          const set = this.callers.get(target) ?? new Set<string>();
          set.add(member.name);
          this.callers.set(target, set);
        }
      }
    }
    return this.callers.get(name) ?? new Set();
  }

  private allowGateway(pods: { [key: string]: string }, port: number | undefined, dataPlane: boolean): void {
    this.gatewayPods = pods;
    if (this.mode !== NetworkPolicyMode.NONE) addGatewayNetworkPolicy(this.stack, this, port, dataPlane);
  }
}

function sameClaim(a: ClaimMountOptions, b: ClaimMountOptions): boolean {
  return (a.existing ?? false) === (b.existing ?? false)
    && (a.storage?.toMebibytes() ?? 1024) === (b.storage?.toMebibytes() ?? 1024)
    && a.storageClassName === b.storageClassName
    && JSON.stringify(a.accessModes ?? []) === JSON.stringify(b.accessModes ?? []);
}
