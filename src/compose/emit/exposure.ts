import { EmitContext } from './context';
import { kplusEnum } from './stack';
import { ServicePlan } from '../map/plan';
import { PublishedPortExposure } from '../options';
import { Expr } from '../program';

type Props = { [key: string]: unknown };

const NODE_PORTS = { min: 30000, max: 32767 };

/** What emitting a workload's exposure says to the warnings: the compose key and the text. */
export type Warn = (key: Array<string | number>, text: string) => void;

/**
 * How the published ports of a microservice reach clients: a gateway route (`/<service>`, or the
 * `routes` option's path) to the published port's container port; or a NodePort or LoadBalancer
 * Service with every port of the workload, each with its protocol (the published port as the
 * node port when it is in 30000-32767, or as a port of the load balancer).
 */
export function exposureProps(ctx: EmitContext, s: ServicePlan, warn: Warn): Props {
  const path = ctx.options.routes?.[s.composeName];
  if (s.kind !== 'DEPLOYMENT') {
    if (s.published.length > 0) {
      warn(['ports'], `published ports (${s.published.map(p => p.published).join(', ')}) are not mapped: a ${s.kind === 'JOB' ? 'Job' : 'StatefulSet'} is reached inside the cluster; `
        + `reach it from your machine with kubectl port-forward svc/${s.name} <local>:<port>`);
    }
    if (path !== undefined) warn([], `is not routed at ${path}: only a long-running service (a Deployment) is routed through the gateway`);
    return {};
  }
  const out: Props = {};
  const route = routeOf(ctx, s, path, warn);
  if (route) out.routes = [route];
  if (ctx.published !== PublishedPortExposure.GATEWAY && s.published.length > 0) out.exposure = serviceExposure(ctx.published, s, warn);
  return out;
}

function routeOf(ctx: EmitContext, s: ServicePlan, path: string | undefined, warn: Warn): Props | undefined {
  const tcp = s.published.filter(p => p.protocol === 'TCP');
  const viaGateway = ctx.published === PublishedPortExposure.GATEWAY;
  if (viaGateway) {
    const other = s.published.filter(p => p !== tcp[0]);
    if (other.length > 0) {
      warn(['ports'], `published ports ${other.map(p => `${p.published}/${p.protocol.toLowerCase()}`).join(', ')} are not routed: the gateway routes HTTP to one port `
        + `(${tcp[0] ? tcp[0].port : 'none'}); they stay ports of the Service; publish them with --published-ports node-port or load-balancer`);
    }
  }
  if (path === undefined && !(viaGateway && tcp.length > 0)) return undefined;
  const first = s.ports.find(p => p.protocol === 'TCP');
  if (!first) {
    warn([], `is not routed${path ? ` at ${path}` : ''}: it listens on no TCP port`);
    return undefined;
  }
  const routePath = path ?? `/${s.name}`;
  const port = viaGateway && tcp.length > 0 ? tcp[0].port : first.port;
  return {
    path: routePath,
    ...routePath !== '/' ? { rewritePrefix: '/' } : {},
    ...port !== s.ports[0].port ? { port } : {},
  };
}

/** A NodePort or LoadBalancer Service with every port of the workload (and, for a load balancer, the published ones). */
function serviceExposure(mode: PublishedPortExposure, s: ServicePlan, warn: Warn): Expr {
  const published = (port: number, protocol: string) => s.published.filter(p => p.port === port && p.protocol === protocol);
  const protocol = (p: string) => (p !== 'TCP' ? { protocol: kplusEnum('Protocol', p) } : {});
  const ports: Props[] = s.ports.map(p => ({ port: p.port, targetPort: p.port, name: p.name, ...protocol(p.protocol) }));
  const se = Expr.sym('ServiceExposure');
  if (mode === PublishedPortExposure.NODE_PORT) {
    s.ports.forEach((p, i) => {
      const pinned = published(p.port, p.protocol).find(x => x.published >= NODE_PORTS.min && x.published <= NODE_PORTS.max);
      if (pinned) ports[i].nodePort = pinned.published;
    });
    for (const p of s.published.filter(x => x.published < NODE_PORTS.min || x.published > NODE_PORTS.max)) {
      warn(['ports'], `published port ${p.published} is outside ${NODE_PORTS.min}-${NODE_PORTS.max}, so Kubernetes picks the node port of ${p.port}; publish a port in that range to pin it`);
    }
    return se.method('nodePort', undefined, { ports });
  }
  const taken = new Set(s.ports.map(p => `${p.port}/${p.protocol}`));
  const names = new Set(s.ports.map(p => p.name));
  for (const p of s.published) {
    const key = `${p.published}/${p.protocol}`;
    if (taken.has(key)) {
      if (p.published !== p.port) warn(['ports'], `published port ${p.published} is not mapped: it is also a container port of the service`);
      continue;
    }
    taken.add(key);
    let name = `pub-${p.published}`;
    for (let i = 2; names.has(name); i++) name = `pub${i}-${p.published}`;
    names.add(name);
    ports.push({ port: p.published, targetPort: p.port, name, ...protocol(p.protocol) });
  }
  return se.method('loadBalancer', { ports });
}
