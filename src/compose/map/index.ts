import { ComposeError, composeError } from '../diagnostics';
import { ComposeModel, ComposeServiceModel } from '../model';
import { mapContainer, MappedContainer } from './container';
import { MapContext, MapOptions, ProjectFiles } from './context';
import { mapAnnotations, warnDeploy } from './deploy';
import { linkAliases, mapServiceNetwork, planNetworks } from './network';
import { AppPlan, ContainerPlan, PodSecurityLevel, PortPlan, ServicePlan } from './plan';
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
  const ctx = new MapContext(model, files, options);
  warnUnmappedTopLevel(ctx);
  const kinds = decideKinds(ctx, guarded);
  const links = linkAliases(ctx, kinds);
  const containers = new Map<string, MappedContainer>();
  for (const svc of model.services) {
    const kind = kinds.get(svc.name)!;
    const owner = ctx.names.of('service', kind.owner ?? svc.name);
    containers.set(svc.name, guarded(svc, () => {
      warnUnmappedKeys(ctx, svc);
      warnDeploy(ctx, svc);
      return mapContainer(ctx, svc, owner, kind.kind === 'STATEFUL_SET');
    }));
  }
  const services = model.services.filter(s => kinds.get(s.name)!.kind !== 'SIDECAR')
    .map(s => guarded(s, () => servicePlan(ctx, s, kinds, containers, links.get(s.name) ?? [])));
  const used = usage(model, kinds);
  const volumes = [...planVolumes(ctx, used.volumes), ...ctx.dataClaims.values()];
  const objects = planObjects(ctx, used);
  const networks = planNetworks(ctx, new Map(services.map(s => [s.name, s.networks])));
  return {
    project: model.project.name,
    services,
    volumes,
    objects,
    networks,
    podSecurity: weakest(services.map(s => s.podSecurity)),
    warnings: ctx.warnings,
    loadWarnings: model.project.warnings,
  };
}

function servicePlan(ctx: MapContext, svc: ComposeServiceModel, kinds: Map<string, KindDecision>, all: Map<string, MappedContainer>,
  linkNames: string[]): ServicePlan {
  const kind = kinds.get(svc.name)!;
  const name = ctx.names.of('service', svc.name);
  const members = [svc, ...sidecarsOf(ctx, kinds).get(svc.name) ?? []];
  const containers = members.map(s => all.get(s.name)!.container);
  const network = mapServiceNetwork(ctx, svc, name);
  for (const sidecar of members.slice(1)) {
    const extra = mapServiceNetwork(ctx, sidecar, name);
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
