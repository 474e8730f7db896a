import { Command, Option } from 'commander';
import { CliError } from './io';
import { ApplicationLoadBalancer, Platform } from '../platform';

/** The `--platform` choices, each a preset (or a factory that the flags below complete). */
const PRESETS: { [name: string]: Platform } = {
  'local': Platform.LOCAL,
  'local-envoy': Platform.LOCAL_ENVOY,
  'aks': Platform.AKS,
  'aks-app-routing': Platform.AKS_APP_ROUTING,
  'gke': Platform.GKE,
};

/** The flags that complete one platform, and the platform they belong to. */
const FLAGS_OF: { [flag: string]: { readonly key: string; readonly platform: string } } = {
  '--alb-namespace': { key: 'albNamespace', platform: 'aks' },
  '--alb-name': { key: 'albName', platform: 'aks' },
  '--alb-id': { key: 'albId', platform: 'aks' },
  '--alb-frontend': { key: 'albFrontend', platform: 'aks' },
  '--gateway-subnet': { key: 'gatewaySubnet', platform: 'aks' },
  '--gateway-class': { key: 'gatewayClass', platform: 'gke' },
  '--proxy-only-subnet': { key: 'proxyOnlySubnet', platform: 'gke' },
};

/** `--platform` and the flags that complete it. */
export function withPlatformOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--platform <platform>',
      'the cluster it runs on: local (NGINX Gateway Fabric), local-envoy (Envoy Gateway), aks (Application Gateway for Containers), '
      + 'aks-app-routing (the application routing add-on), gke (GKE Gateway)').choices(Object.keys(PRESETS)).default('local'))
    .option('--alb-namespace <namespace>', 'aks: namespace of the ApplicationLoadBalancer resource the ALB controller manages (with --alb-name)')
    .option('--alb-name <name>', 'aks: name of that ApplicationLoadBalancer resource')
    .option('--alb-id <resource-id>', 'aks: resource id of an Application Gateway for Containers created in Azure (bring your own; with --alb-frontend)')
    .option('--alb-frontend <name>', 'aks: the frontend of that Application Gateway for Containers the Gateway uses')
    .option('--gateway-subnet <cidr>', 'aks: the subnet delegated to Application Gateway for Containers, which the NetworkPolicies admit')
    .option('--gateway-class <class>', 'gke: the GatewayClass (default gke-l7-global-external-managed)')
    .option('--proxy-only-subnet <cidr>', 'gke: the region\'s proxy-only subnet, which regional and internal classes send from');
}

/**
 * The platform the flags describe. `networkPolicies`: whether the stack draws NetworkPolicies, which
 * must then admit the gateway's subnet when its proxies send from one only the user knows.
 */
export function platformOf(opts: any, networkPolicies: boolean = true): Platform {
  const name: string = opts.platform ?? 'local';
  for (const [flag, { key, platform }] of Object.entries(FLAGS_OF)) {
    if (opts[key] !== undefined && platform !== name) {
      throw new CliError(`${flag} is an option of --platform ${platform} (got --platform ${name}); leave it out, or pass --platform ${platform}`);
    }
  }
  for (const flag of ['--gateway-subnet', '--proxy-only-subnet']) {
    const value = opts[FLAGS_OF[flag].key];
    if (value !== undefined && !isIpv4Cidr(value)) {
      throw new CliError(`${flag} must be an IPv4 address range a.b.c.d/n (got "${value}"); such as ${flag} 10.225.0.0/24`);
    }
  }
  const platform = name === 'aks' ? aksPlatform(opts) : name === 'gke' ? gkePlatform(opts) : PRESETS[name];
  if (networkPolicies && platform.gatewaySubnetRequired && platform.gatewaySubnetCidr === undefined) {
    throw new CliError(name === 'aks'
      ? '--platform aks needs --gateway-subnet <cidr>: Application Gateway for Containers reaches the pods from the subnet delegated to it, '
        + 'which the NetworkPolicies must admit (az network vnet subnet show ... --query addressPrefix)'
      : `--gateway-class ${platform.gatewayClassName} needs --proxy-only-subnet <cidr>: its proxies send from the region's proxy-only subnet, `
        + 'which the NetworkPolicies must admit (gcloud compute networks subnets list --filter="purpose=REGIONAL_MANAGED_PROXY")');
  }
  return platform;
}

/**
 * The platform the flags describe, as TypeScript (for an app written by `init`), with the names
 * it imports from the library. Call after {@link platformOf} has checked the flags.
 */
export function platformCode(opts: any): { readonly code: string; readonly imports: string[] } {
  const name: string = opts.platform ?? 'local';
  const text = (v: string | undefined) => JSON.stringify(v);
  if (name === 'aks') {
    const loadBalancer = opts.albId !== undefined
      ? `ApplicationLoadBalancer.bringYourOwn({ resourceId: ${text(opts.albId)}, frontendName: ${text(opts.albFrontend)} })`
      : `ApplicationLoadBalancer.managed({ namespace: ${text(opts.albNamespace)}, name: ${text(opts.albName)} })`;
    const subnet = opts.gatewaySubnet !== undefined ? `, subnetCidr: ${text(opts.gatewaySubnet)}` : '';
    return { code: `Platform.aksApplicationGateway({ loadBalancer: ${loadBalancer}${subnet} })`, imports: ['ApplicationLoadBalancer', 'Platform'] };
  }
  if (name === 'gke' && (opts.gatewayClass !== undefined || opts.proxyOnlySubnet !== undefined)) {
    const props = [
      ...opts.gatewayClass !== undefined ? [`gatewayClassName: ${text(opts.gatewayClass)}`] : [],
      ...opts.proxyOnlySubnet !== undefined ? [`proxyOnlySubnetCidr: ${text(opts.proxyOnlySubnet)}`] : [],
    ];
    return { code: `Platform.gkeGateway({ ${props.join(', ')} })`, imports: ['Platform'] };
  }
  return { code: `Platform.${name.toUpperCase().replace(/-/g, '_')}`, imports: ['Platform'] };
}

/** AKS with Application Gateway for Containers: managed by the ALB controller, or brought by the user. */
function aksPlatform(opts: any): Platform {
  const managed = opts.albNamespace !== undefined || opts.albName !== undefined;
  const own = opts.albId !== undefined || opts.albFrontend !== undefined;
  if (managed && own) {
    throw new CliError('--alb-namespace/--alb-name (managed by the ALB controller) and --alb-id/--alb-frontend (bring your own) name two '
      + 'Application Gateways for Containers; pass one pair');
  }
  if (!managed && !own) {
    throw new CliError('--platform aks needs the Application Gateway for Containers that programs the Gateway: pass --alb-namespace and '
      + '--alb-name (an ApplicationLoadBalancer resource the ALB controller manages), or --alb-id and --alb-frontend (one you created in Azure)');
  }
  const [first, second] = managed ? ['--alb-namespace', '--alb-name'] : ['--alb-id', '--alb-frontend'];
  for (const flag of [first, second]) {
    if (opts[FLAGS_OF[flag].key] === undefined) throw new CliError(`${flag} is missing: ${first} and ${second} go together`);
  }
  if (own && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ServiceNetworking\/trafficControllers\/[^/]+$/i.test(opts.albId)) {
    throw new CliError(`--alb-id must be the resource id of an Application Gateway for Containers (got "${opts.albId}"); `
      + 'get it with az network alb show -g <group> -n <name> --query id -o tsv');
  }
  const loadBalancer = managed
    ? ApplicationLoadBalancer.managed({ namespace: opts.albNamespace, name: opts.albName })
    : ApplicationLoadBalancer.bringYourOwn({ resourceId: opts.albId, frontendName: opts.albFrontend });
  return Platform.aksApplicationGateway({ loadBalancer, subnetCidr: opts.gatewaySubnet });
}

/** GKE Gateway: the default class, or another with its proxy-only subnet. */
function gkePlatform(opts: any): Platform {
  if (opts.gatewayClass === undefined && opts.proxyOnlySubnet === undefined) return Platform.GKE;
  return Platform.gkeGateway({ gatewayClassName: opts.gatewayClass, proxyOnlySubnetCidr: opts.proxyOnlySubnet });
}

function isIpv4Cidr(cidr: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  return m !== null && m.slice(1, 5).every(o => Number(o) <= 255) && Number(m[5]) <= 32;
}
