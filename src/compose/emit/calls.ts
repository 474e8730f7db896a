import { EmitContext } from './context';
import { ServicePlan } from '../map/plan';

/** Mounted files larger than this are not searched for host names. */
const MAX_SEARCHED_BYTES = 256 * 1024;

/**
 * A host name in a value: after the start, `/`, `@`, `=`, `,`, `;`, a quote or a space; before the
 * end, `:`, `/`, `;`, `,`, `?`, `)`, a quote or a space (`http://catalog:8080`, `Host=db;`,
 * `redis:6379`, `proxy_pass http://backend:8000;`).
 */
const HOST = /(?<=^|[/@=,;"'\s])[A-Za-z0-9][A-Za-z0-9_.-]*(?=$|[:/;,?)"'\s])/g;

/**
 * Whom each workload calls, for `talksTo` (the call graph that `--network-policy graph` draws,
 * and the edges of the diagram): what it depends on or links to, and the services, aliases and
 * externals that its environment, its command and its mounted files name as hosts. Only parts
 * that listen on a port can be called. Each value is read once, token by token, so this stays
 * linear in the size of the compose project.
 */
export function callGraph(ctx: EmitContext): Map<string, string[]> {
  const hosts = hostNames(ctx);
  const listening = new Set([...ctx.plan.services.filter(s => s.ports.length > 0).map(s => s.name), ...ctx.plan.externals.map(e => e.name)]);
  const out = new Map<string, string[]>();
  for (const s of ctx.plan.services) {
    const found = new Set<string>([...dependencies(ctx, s), ...texts(ctx, s).flatMap(t => namedHosts(t, hosts))]);
    found.delete(s.name);
    out.set(s.name, [...found].filter(t => listening.has(t)));
  }
  return out;
}

/** Every name a workload or an external answers to (compose names, Kubernetes names, aliases), lowercase. */
function hostNames(ctx: EmitContext): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const s of ctx.plan.services) {
    for (const n of [s.name, s.composeName, ...s.aliases, ...s.containers.map(c => c.service), ...s.containers.map(c => c.name)]) {
      hosts.set(n.toLowerCase(), s.name);
    }
    const svc = ctx.service(s.composeName);
    for (const n of [svc.hostname, svc.containerName, ...svc.networks.flatMap(x => x.aliases)]) {
      if (n !== undefined && !hosts.has(n.toLowerCase())) hosts.set(n.toLowerCase(), s.name);
    }
  }
  for (const e of ctx.plan.externals) {
    hosts.set(e.name, e.name);
    hosts.set(e.composeName.toLowerCase(), e.name);
  }
  return hosts;
}

/** What `depends_on` and `links` name: workloads by their Kubernetes names, and externals. */
function dependencies(ctx: EmitContext, s: ServicePlan): string[] {
  const out = s.dependsOn.map(d => d.service);
  const externals = new Map(ctx.plan.externals.map(e => [e.composeName, e.name]));
  for (const c of s.containers) {
    const svc = ctx.service(c.service);
    for (const d of svc.dependsOn) if (externals.has(d.service)) out.push(externals.get(d.service)!);
    for (const l of svc.links) {
      const target = ctx.ownerOf(l.service) ?? externals.get(l.service);
      if (target !== undefined) out.push(target);
    }
  }
  return out;
}

/** The texts a workload's containers read: environment, command, and mounted files of the project. */
function texts(ctx: EmitContext, s: ServicePlan): string[] {
  const out: string[] = [];
  for (const c of s.containers) {
    out.push(...Object.values(c.env), ...Object.values(c.secretEnv), ...c.command ?? [], ...c.args ?? []);
    for (const m of c.mounts) {
      const paths = m.kind === 'FILE' ? [m.sourcePath!] : m.kind === 'DIRECTORY' ? (m.files ?? []).map(f => `${m.sourcePath}/${f}`) : [];
      for (const p of paths) {
        if ((ctx.input.files.stat(p)?.size ?? Infinity) > MAX_SEARCHED_BYTES) continue;
        const text = ctx.input.files.readText(p);
        if (text !== undefined) out.push(text);
      }
    }
  }
  return out;
}

/** The workloads a text names as hosts: each token looked up once (a dotted host also by its first label). */
function namedHosts(text: string, hosts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HOST)) {
    const token = m[0].toLowerCase();
    const dot = token.indexOf('.');
    // `catalog.shop` or `catalog.shop.svc.cluster.local` is catalog; `api.github.com` is not api.
    const inCluster = dot > 0 && /^\.[a-z0-9-]+(\.svc(\.cluster\.local)?)?$/.test(token.slice(dot));
    const target = hosts.get(token) ?? (inCluster ? hosts.get(token.slice(0, dot)) : undefined);
    if (target !== undefined) out.push(target);
  }
  return out;
}
