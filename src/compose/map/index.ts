import { toDns1035Label } from '../../core/names';
import { ComposeError, composeError } from '../diagnostics';
import { findKnownImage } from '../images/known-images';
import { ComposeModel, ComposeServiceModel } from '../model';
import { mapContainer, MappedContainer } from './container';
import { MapContext, MapOptions, ProjectFiles } from './context';
import { mapAnnotations, warnDeploy } from './deploy';
import { Names } from './names';
import { linkAliases, mapServiceNetwork, NetworkPart, planNetworks } from './network';
import { AppPlan, ContainerPlan, ExternalPlan, PodSecurityLevel, PortPlan, ServicePlan } from './plan';
import { planObjects } from './secrets';
import { warnUnmappedKeys, warnUnmappedTopLevel } from './table';
import { planVolumes } from './volumes';
import { decideKinds, KindDecision } from './workload-kind';

export * from './plan';
export type { MapOptions, ProjectFiles } from './context';

const LEVELS: PodSecurityLevel[] = ['RESTRICTED', 'BASELINE', 'PRIVILEGED'];

/** The weakest of some levels. */
export function weakest(levels: PodSecurityLevel[]): PodSecurityLevel {
  return LEVELS[Math.max(0, ...levels.map(l => LEVELS.indexOf(l)))];
}

/**
 * Plans a compose project: every service as a workload (or a container of another's pod), every
 * named volume, secret, config and network, and a warning for each key that is not mapped. Reads
 * files only through `files` (the project folder's boundary).
 */
export function planApp(model: ComposeModel, files: ProjectFiles, options: MapOptions = {}): AppPlan & { readonly loadWarnings: string[] } {
  const names = new Names(model, options.reservedNames ?? []);
  const outside = options.externals ?? {};
  const deployed = { ...model, services: model.services.filter(s => outside[s.name] === undefined) };
  const ctx = new MapContext(deployed, files, options, names);
  warnUnmappedTopLevel(ctx);
  warnRenamed(ctx, model);
  const externals = model.services.filter(s => outside[s.name] !== undefined).map(s => planExternal(ctx, s, outside[s.name]));
  warnInactive(ctx, model);
  const kinds = decideKinds(ctx, guarded);
  const links = linkAliases(ctx, kinds);
  // Aliases first: host names in values that name a renamed alias are rewritten when the environment is mapped.
  const networkParts = new Map(deployed.services.map(s => [s.name, guarded(s, () => mapServiceNetwork(ctx, s, ctx.names.of('service', kinds.get(s.name)!.owner ?? s.name)))]));
  const containers = new Map<string, MappedContainer>();
  for (const svc of deployed.services) {
    const kind = kinds.get(svc.name)!;
    const owner = ctx.names.of('service', kind.owner ?? svc.name);
    containers.set(svc.name, guarded(svc, () => {
      warnUnmappedKeys(ctx, svc);
      warnDeploy(ctx, svc);
      return mapContainer(ctx, svc, owner, kind.kind === 'STATEFUL_SET');
    }));
  }
  const services = deployed.services.filter(s => kinds.get(s.name)!.kind !== 'SIDECAR')
    .map(s => guarded(s, () => servicePlan(ctx, s, { kinds, all: containers, linkNames: links.get(s.name) ?? [], networkParts })));
  const used = usage(deployed, kinds);
  const volumes = [...planVolumes(ctx, used.volumes), ...ctx.dataClaims.values()];
  const objects = planObjects(ctx, used);
  const networks = planNetworks(ctx, new Map(services.map(s => [s.name, s.networks])));
  return {
    project: model.project.name,
    services,
    externals,
    volumes,
    objects,
    networks,
    podSecurity: weakest(services.map(s => s.podSecurity)),
    warnings: ctx.warnings,
    loadWarnings: model.project.warnings,
  };
}

/** What a workload's plan is made from, besides its compose service. */
interface ServiceParts {
  readonly kinds: Map<string, KindDecision>;
  readonly all: Map<string, MappedContainer>;
  readonly linkNames: string[];
  readonly networkParts: Map<string, NetworkPart>;
}

function servicePlan(ctx: MapContext, svc: ComposeServiceModel, parts: ServiceParts): ServicePlan {
  const { kinds, all, linkNames, networkParts } = parts;
  const kind = kinds.get(svc.name)!;
  const name = ctx.names.of('service', svc.name);
  const members = [svc, ...sidecarsOf(ctx, kinds).get(svc.name) ?? []];
  const containers = members.map(s => all.get(s.name)!.container);
  const network = networkParts.get(svc.name)!;
  for (const sidecar of members.slice(1)) {
    const extra = networkParts.get(sidecar.name)!;
    network.aliases.push(...extra.aliases);
    network.hostAliases.push(...extra.hostAliases);
  }
  const grace = members.map(s => s.stopGracePeriodSeconds).filter((x): x is number => x !== undefined);
  return {
    composeName: svc.name,
    name,
    kind: kind.kind as ServicePlan['kind'],
    kindReason: kind.reason,
    replicas: kind.replicas,
    containers,
    ports: podPorts(ctx, members, containers),
    published: members.flatMap(s => all.get(s.name)!.published),
    aliases: [...network.aliases, ...linkNames],
    networks: network.networks,
    dependsOn: members.flatMap(s => s.dependsOn).filter(d => !members.some(m => m.name === d.service) && ctx.service(d.service))
      .map(d => ({ service: ctx.names.of('service', kinds.get(d.service)?.owner ?? d.service), condition: d.condition })),
    hostAliases: network.hostAliases,
    terminationGracePeriodSeconds: grace.length > 0 ? Math.ceil(Math.max(...grace)) : undefined,
    job: kind.job,
    annotations: Object.assign({}, ...members.map(s => mapAnnotations(ctx, s))),
    podSecurity: weakest(containers.map(c => c.security.level)),
  };
}

const SIDECARS = new WeakMap<Map<string, KindDecision>, Map<string, ComposeServiceModel[]>>();

/** The services that join each workload's pod, computed once per plan. */
function sidecarsOf(ctx: MapContext, kinds: Map<string, KindDecision>): Map<string, ComposeServiceModel[]> {
  let out = SIDECARS.get(kinds);
  if (!out) {
    out = new Map();
    for (const s of ctx.model.services) {
      const owner = kinds.get(s.name)?.owner;
      if (owner !== undefined) out.set(owner, [...out.get(owner) ?? [], s]);
    }
    SIDECARS.set(kinds, out);
  }
  return out;
}

/** The ports of the pod's Service: every container's, once; a port two containers declare is named in a warning. */
function podPorts(ctx: MapContext, members: ComposeServiceModel[], containers: ContainerPlan[]): PortPlan[] {
  const out: PortPlan[] = [];
  containers.forEach((c, i) => {
    for (const p of c.ports) {
      const other = out.find(x => x.port === p.port && x.protocol === p.protocol);
      if (other) {
        const declared = (x: PortPlan) => x.from === 'ports' || x.from === 'expose';
        if (i > 0 && declared(p) && declared(other)) ctx.warn(members[i], ['ports'], `${p.port}/${p.protocol.toLowerCase()} is also a port of another container of the pod: containers of one pod share one network, so only one can listen on it`);
        continue;
      }
      out.push(out.some(x => x.name === p.name) ? { ...p, name: `${p.protocol.toLowerCase()}-${p.port}` } : p);
    }
  });
  return out;
}

/** The named volumes, secrets and configs that active services use, with the workloads that mount each volume. */
function usage(model: ComposeModel, kinds: Map<string, KindDecision>) {
  const volumes = new Map<string, Set<string>>();
  const secrets = new Set<string>();
  const configs = new Set<string>();
  for (const s of model.services) {
    const owner = kinds.get(s.name)?.owner ?? s.name;
    for (const m of s.volumes) if (m.type === 'volume' && m.source) volumes.set(m.source, new Set([...volumes.get(m.source) ?? [], owner]));
    for (const r of s.secrets) secrets.add(r.source);
    for (const r of s.configs) configs.add(r.source);
  }
  return { volumes, secrets, configs };
}

/** Services that profiles leave out are named, so nothing disappears silently. */
function warnInactive(ctx: MapContext, model: ComposeModel): void {
  for (const name of model.project.inactive) {
    const s = model.project.inactiveServices.get(name)!;
    const profiles: string[] = s.def.profiles ?? [];
    ctx.warnAt(s.where(['profiles']), s.key(), `is left out: its profiles (${profiles.join(', ')}) are not active; `
      + `pass --profile ${profiles[0]} (or profiles: ['${profiles[0]}']) to convert it`, name);
  }
}

/** A service whose Kubernetes name is not its compose name is named in a warning: callers' host names are rewritten. */
function warnRenamed(ctx: MapContext, model: ComposeModel): void {
  for (const s of model.services) {
    const name = ctx.names.of('service', s.name);
    if (name === s.name) continue;
    const why = toDns1035Label(s.name) !== s.name ? `"${s.name}" is not a DNS-1035 label (lowercase letters, digits and "-")` : 'another object of the app has that name';
    ctx.warn(s, [], `is named "${name}" in Kubernetes: ${why}; host names in environment values that name it are rewritten`);
  }
}

/** A service that runs outside the cluster: an ExternalName alias on the port it listens on. */
function planExternal(ctx: MapContext, s: ComposeServiceModel, host: string): ExternalPlan {
  const name = ctx.names.of('service', s.name);
  const declared = [...s.ports, ...s.expose].find(p => p.protocol.toLowerCase() === 'tcp')?.target;
  const known = s.image ? findKnownImage(s.image) : undefined;
  const port = declared ?? known?.ports.find(p => p.protocol === 'TCP' && p.when === undefined)?.port;
  ctx.warn(s, [], `runs outside the cluster at ${host}: an ExternalName Service "${name}" points there, and its keys (${s.keys.join(', ')}) are not deployed`);
  return { composeName: s.name, name, host, port };
}

/** Runs a step of one service; an internal error names the service's file, line and key. */
function guarded<T>(svc: ComposeServiceModel, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof ComposeError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw composeError(svc.source.where(), {
      key: svc.source.key(),
      rule: `could not be converted (an internal error: ${message.split('\n')[0]})`,
      fix: 'report it with this message; meanwhile, remove or change the keys of this service one by one to find the one at fault',
    });
  }
}
