import { alwaysOpenPorts } from '../images/known-images';
import { ComposeServiceModel, ModelPort } from '../model';
import { ImageFacts, MapContext } from './context';
import { PortPlan, Protocol, PublishedPortPlan } from './plan';

/** Above this many ports a service gets a warning: each is a container port and a Service port. */
export const MANY_PORTS = 100;

/** The ports of a container and those it publishes. */
export interface PortsPart {
  readonly ports: PortPlan[];
  readonly published: PublishedPortPlan[];
}

/**
 * Every port the compose file declares (`ports` targets and `expose`, ranges expanded) is a
 * container port and a Service port, with its number and protocol; the ports the image is known to
 * open (Dockerfile EXPOSE, the image table) are added. Nothing else: no port is invented.
 */
export function mapPorts(ctx: MapContext, svc: ComposeServiceModel, facts: ImageFacts): PortsPart {
  const ports: PortPlan[] = [];
  const published: PublishedPortPlan[] = [];
  for (const key of svc.emptyPorts) ctx.warn(svc, key, 'is empty (a variable that is not set?) and is not mapped: compose would refuse it; set the variable');
  for (const p of [...svc.ports, ...svc.expose]) {
    const protocol = protocolOf(p.protocol);
    if (!protocol) {
      ctx.warn(svc, p.key, `is not mapped: protocol "${p.protocol}" is not one a Kubernetes Service has (tcp, udp, sctp)`);
      continue;
    }
    add(ports, { port: p.target, protocol, name: p.name ?? '', from: p.key[0] as string });
    if (p.published !== undefined) addPublished(ctx, svc, published, p, protocol);
  }
  undeclaredPorts(ctx, svc, ports, facts);
  imagePorts(facts, ports);
  if (ports.length > MANY_PORTS) {
    ctx.warn(svc, ['ports'], `declares ${ports.length} ports: each is a container port and a port of the Service; list only the ports clients call`);
  }
  return { ports: named(ports), published };
}

/** The ports the compose files show the service listens on without declaring them (callers dial them), each named once in a warning. */
function undeclaredPorts(ctx: MapContext, svc: ComposeServiceModel, ports: PortPlan[], facts: ImageFacts): void {
  const exposed = (facts.dockerfile?.expose ?? []).map(e => e.port);
  const fromImage = new Set([...exposed, ...facts.known ? alwaysOpenPorts(facts.known).map(p => p.port) : []]);
  const dialed = ctx.dialedPorts(svc.name).filter(d => !ports.some(p => p.port === d.port && p.protocol === 'TCP'));
  for (const d of dialed) add(ports, { port: d.port, protocol: 'TCP', name: '', from: d.source });
  // Ports the image is known to open are ports of the Service anyway: only the others are news.
  const found = dialed.filter(d => !fromImage.has(d.port));
  if (found.length > 0) {
    ctx.warn(svc, [], `does not declare port${found.length > 1 ? 's' : ''} ${found.map(d => `${d.port} (${d.source} calls it there)`).join(', ')}: `
      + 'on a compose network every port is reachable, so each is a port of its container and Service; add it to expose: to say so');
  }
}

/**
 * On a compose network every port a container listens on is reachable, declared or not: the
 * Dockerfile's EXPOSE and the ports the image table says the image always opens are added after
 * the declared ones (the image table only when the Dockerfile exposes nothing).
 */
function imagePorts(facts: ImageFacts, ports: PortPlan[]): void {
  const exposed = facts.dockerfile?.expose ?? [];
  for (const e of exposed) {
    const protocol = protocolOf(e.protocol);
    if (protocol) add(ports, { port: e.port, protocol, name: '', from: 'Dockerfile EXPOSE' });
  }
  if (exposed.length > 0 || !facts.known) return;
  for (const p of alwaysOpenPorts(facts.known)) add(ports, { port: p.port, protocol: protocolOf(p.protocol)!, name: p.name, from: 'image table' });
}

function addPublished(ctx: MapContext, svc: ComposeServiceModel, published: PublishedPortPlan[], p: ModelPort, protocol: Protocol): void {
  if (p.mode === 'host') ctx.warn(svc, p.key, 'mode host is not mapped: a Service routes to pods on any node');
  if (p.hostIp !== undefined && !['0.0.0.0', '::'].includes(p.hostIp)) {
    ctx.warn(svc, p.key, `host IP ${p.hostIp} is not mapped: a Service listens on every address of its nodes or load balancer`);
  }
  if (!published.some(x => x.port === p.target && x.protocol === protocol && x.published === p.published)) {
    published.push({ port: p.target, published: p.published!, protocol, hostIp: p.hostIp });
  }
}

function add(ports: PortPlan[], p: PortPlan): void {
  const same = ports.find(x => x.port === p.port && x.protocol === p.protocol);
  if (!same) ports.push(p);
  else if (same.name === '' && p.name !== '') ports[ports.indexOf(same)] = { ...same, name: p.name };
}

/** Names: the compose name when valid and unique, else `<protocol>-<port>`. */
function named(ports: PortPlan[]): PortPlan[] {
  const used = new Set<string>();
  return ports.map(p => {
    let name = p.name.toLowerCase();
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || !/[a-z]/.test(name) || name.length > 15 || name.includes('--') || used.has(name)) {
      name = `${p.protocol.toLowerCase()}-${p.port}`;
    }
    used.add(name);
    return { ...p, name };
  });
}

function protocolOf(text: string): Protocol | undefined {
  const p = text.toUpperCase();
  return p === 'TCP' || p === 'UDP' || p === 'SCTP' ? p : undefined;
}
