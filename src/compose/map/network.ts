import { isIpAddress } from '../../core/names';
import { keyPath } from '../diagnostics';
import { ComposeServiceModel } from '../model';
import { MapContext } from './context';
import { NetworkPlan, ServicePlan } from './plan';
import { KindDecision } from './workload-kind';

/** The network side of a service: its compose networks and the other names it answers to. */
export interface NetworkPart {
  readonly networks: string[];
  readonly aliases: string[];
  readonly hostAliases: ServicePlan['hostAliases'];
}

/**
 * Compose networks and membership: a service is on the networks it lists, else on `default`; a
 * sidecar is on its pod's. Network aliases, `hostname`, `container_name` and link aliases become
 * other Service names of the workload (a name already taken, or with a ".", is named in a warning);
 * `extra_hosts` with an address become host aliases.
 */
export function mapServiceNetwork(ctx: MapContext, svc: ComposeServiceModel, k8sName: string): NetworkPart {
  const mode = svc.networkMode;
  let networks = svc.networks.length > 0 ? svc.networks.map(n => n.name) : ['default'];
  if (mode?.kind === 'none') {
    ctx.warn(svc, ['network_mode'], 'none is mapped as a pod that is on no compose network: nothing may call it, and its egress stays open');
    networks = [];
  } else if (mode?.kind === 'other') {
    ctx.warn(svc, ['network_mode'], `${mode.text} is not mapped: the service is on the compose networks it lists, else on default`);
  }
  for (const n of svc.networks) {
    if (n.ipv4Address !== undefined || n.ipv6Address !== undefined) ctx.warn(svc, ['networks', n.name], 'fixed addresses (ipv4_address, ipv6_address) are not mapped: pods get their addresses from the cluster; call the service by name');
    for (const k of n.otherKeys) ctx.warn(svc, ['networks', n.name, k], 'is not mapped: pods get their network settings from the cluster');
  }
  return { networks, aliases: aliasesOf(ctx, svc, k8sName), hostAliases: hostAliasesOf(ctx, svc) };
}

function aliasesOf(ctx: MapContext, svc: ComposeServiceModel, k8sName: string): string[] {
  const candidates: Array<[string, Array<string | number>]> = [];
  if (svc.hostname !== undefined) candidates.push([svc.hostname, ['hostname']]);
  if (svc.containerName !== undefined) candidates.push([svc.containerName, ['container_name']]);
  for (const n of svc.networks) for (const a of n.aliases) candidates.push([a, ['networks', n.name, 'aliases']]);
  const out: string[] = [];
  for (const [alias, key] of candidates) {
    if (alias === svc.name || alias.toLowerCase() === k8sName) continue;
    if (alias.includes('.')) {
      ctx.names.renamedHosts.set(alias.toLowerCase(), k8sName);
      ctx.warn(svc, key, `"${alias}" is answered by the Service "${k8sName}": a Service name cannot contain "."; host names in environment values that use it are rewritten`);
      continue;
    }
    const name = ctx.names.claim('alias', alias);
    if (name === undefined) {
      if (!out.includes(alias.toLowerCase())) ctx.warn(svc, key, `"${alias}" is not mapped: another object of the app is named so`);
      continue;
    }
    out.push(name);
    if (name !== alias) ctx.names.renamedHosts.set(alias.toLowerCase(), name);
  }
  return out;
}

function hostAliasesOf(ctx: MapContext, svc: ComposeServiceModel): ServicePlan['hostAliases'] {
  const byIp = new Map<string, string[]>();
  for (const h of svc.extraHosts) {
    if (!isIpAddress(h.address)) {
      ctx.warn(svc, ['extra_hosts', h.host], `${h.address || '(no address)'} is not mapped: a host alias needs an IP address (host-gateway means the Docker host, which a pod does not have)`);
      continue;
    }
    byIp.set(h.address, [...byIp.get(h.address) ?? [], h.host]);
  }
  return [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}

/** Link aliases (`links: ["db:database"]`) name the target service: alias Services of the target. */
export function linkAliases(ctx: MapContext, kinds: Map<string, KindDecision>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of ctx.model.services) {
    for (const l of s.links) {
      const target = ctx.service(l.service);
      if (!target) {
        ctx.warn(s, l.key, `names "${l.service}", which is not an active service: it is not mapped`);
        continue;
      }
      if (l.alias === undefined || l.alias === l.service) continue;
      const owner = kinds.get(target.name)?.owner ?? target.name;
      const name = ctx.names.claim('alias', l.alias);
      if (name === undefined) continue;
      out.set(owner, [...out.get(owner) ?? [], name]);
    }
  }
  return out;
}

/** Each compose network with its member workloads; `default` when a service is on it. */
export function planNetworks(ctx: MapContext, membership: Map<string, string[]>): NetworkPlan[] {
  const members = new Map<string, string[]>();
  for (const [workload, nets] of membership) for (const n of nets) members.set(n, [...members.get(n) ?? [], workload]);
  const out: NetworkPlan[] = [];
  for (const [name, top] of ctx.model.networks) {
    const m = members.get(name);
    if (!m) {
      if (name !== 'default') ctx.warnAt(top.where, keyPath(['networks', name]), 'is not mapped: no active service is on it');
      continue;
    }
    for (const k of top.otherKeys) ctx.warnAt(top.where, keyPath(['networks', name, k]), 'is not mapped: pods share the cluster network; NetworkPolicies decide who may call whom');
    if (top.driver !== undefined && !['bridge', 'overlay'].includes(top.driver)) ctx.warnAt(top.where, keyPath(['networks', name, 'driver']), `${top.driver} is not mapped: pods share the cluster network`);
    if (top.external) ctx.warnAt(top.where, keyPath(['networks', name, 'external']), 'is mapped as a network of this app only: services of other apps on it are not admitted');
    out.push({ composeName: name, name: ctx.names.of('network', name), members: m, external: top.external, internal: top.internal === true });
  }
  const implicit = members.get('default');
  if (implicit && !ctx.model.networks.has('default')) {
    out.push({ composeName: 'default', name: ctx.names.of('network', 'default'), members: implicit, external: false, internal: false });
  }
  for (const [name, m] of members) {
    if (name !== 'default' && !ctx.model.networks.has(name)) {
      out.push({ composeName: name, name: ctx.names.of('network', name), members: m, external: false, internal: false });
    }
  }
  return out;
}
