import { basename } from 'path';
import { buildProps, containerProps, Declare, sidecarProps } from './container';
import { EmitContext } from './context';
import { exposureProps, Warn } from './exposure';
import { healthChecksWith } from './probes';
import { kplusEnum } from './stack';
import { warningLine } from '../diagnostics';
import { PortPlan, ServicePlan } from '../map/plan';
import { Expr } from '../program';

type Props = { [key: string]: unknown };

/** The stack's method of each workload kind. */
const METHODS: { [kind in ServicePlan['kind']]: string } = { DEPLOYMENT: 'addService', STATEFUL_SET: 'addBackingService', JOB: 'addJob' };
/** The stack's default replica count of a microservice. */
const STACK_REPLICAS = 2;
/** Kubernetes' default number of retries of a Job. */
const JOB_RETRIES = 6;

/**
 * One workload: `addService`, `addBackingService` or `addJob` with props, after comments that
 * say where it comes from and every warning about it. Its warnings are also added to `lines`
 * (the stack's warnings, in order).
 */
export function emitWorkload(ctx: EmitContext, s: ServicePlan, calls: string[], planned: string[], lines: string[]): void {
  const svc = ctx.service(s.composeName);
  const where = svc.source.where();
  const extra: string[] = [];
  const warn: Warn = (key, text) => extra.push(warningLine(svc.source.where(key), svc.source.key(key), text));
  const later: Array<[Expr, Expr]> = [];
  const declare: Declare = (preferred, expr) => {
    const v = ctx.program.reserve(preferred);
    later.push([v, expr]);
    return v;
  };
  const props = workloadProps(ctx, s, { calls, warn, declare });
  const own = [...planned, ...extra];
  lines.push(...own);
  ctx.program.from({ where, key: svc.source.key() });
  ctx.program.comment(`${svc.source.key()} (${basename(where.file)}): a ${KIND_TEXT[s.kind]} (${s.kindReason})`);
  for (const w of own) ctx.program.comment(`warning: ${w}`);
  for (const [v, e] of later) ctx.program.define(v, e);
  const expr = ctx.stack.method(METHODS[s.kind], s.name, props);
  ctx.program.declare(s.name, expr);
  ctx.program.from(undefined);
}

const KIND_TEXT: { [kind in ServicePlan['kind']]: string } = { DEPLOYMENT: 'Deployment', STATEFUL_SET: 'StatefulSet', JOB: 'Job' };

/** What building a workload's props reports to: its calls, a warning, and variables to declare before it. */
interface PropsTools {
  readonly calls: string[];
  readonly warn: Warn;
  readonly declare: Declare;
}

function workloadProps(ctx: EmitContext, s: ServicePlan, tools: PropsTools): Props {
  const { calls, warn, declare } = tools;
  const [main, ...sidecars] = s.containers;
  const taken = new Set(main.ports.map(p => `${p.port}/${p.protocol}`));
  const props: Props = containerProps(ctx, main, main.ports);
  if (s.kind !== 'JOB') {
    props.healthChecks = healthChecksWith(main.probes, s.name, declare);
  } else if (main.probes.readiness || main.probes.liveness) {
    warn(['healthcheck'], 'is not mapped: a Job runs to completion and has no probes');
  }
  Object.assign(props, buildProps(ctx, main), kindProps(s), podProps(ctx, s, calls, warn));
  if (sidecars.length > 0) props.sidecars = sidecars.map(c => sidecarProps(ctx, c, freePorts(c.ports, taken), declare));
  Object.assign(props, exposureProps(ctx, s, warn));
  return props;
}

/** A sidecar's ports that no earlier container of the pod has (the pod's containers share one network). */
function freePorts(ports: PortPlan[], taken: Set<string>): PortPlan[] {
  const free = ports.filter(p => !taken.has(`${p.port}/${p.protocol}`));
  for (const p of free) taken.add(`${p.port}/${p.protocol}`);
  return free;
}

/** Replicas of a Deployment, the restart policy and retries of a Job. */
function kindProps(s: ServicePlan): Props {
  if (s.kind === 'DEPLOYMENT') return s.replicas !== STACK_REPLICAS ? { replicas: s.replicas } : {};
  if (s.kind !== 'JOB' || !s.job) return {};
  return {
    ...s.job.restartPolicy === 'OnFailure' ? { restartPolicy: kplusEnum('RestartPolicy', 'ON_FAILURE') } : {},
    ...s.job.backoffLimit !== JOB_RETRIES ? { backoffLimit: s.job.backoffLimit } : {},
  };
}

/** What the pod says besides its containers: calls, waits, networks, names, hosts, grace period, group, sysctls, annotations. */
function podProps(ctx: EmitContext, s: ServicePlan, calls: string[], warn: Warn): Props {
  const props: Props = {};
  if (calls.length > 0) props.talksTo = calls;
  const waits = waitsFor(ctx, s, warn);
  if (waits.length > 0) props.waitFor = waits;
  const networks = s.networks.map(n => ctx.networkName(n));
  if (!(networks.length === 1 && networks[0] === 'default')) props.networks = networks;
  if (s.aliases.length > 0) props.aliases = s.aliases;
  if (s.hostAliases.length > 0) props.hostAliases = s.hostAliases.map(h => ({ ip: h.ip, hostnames: h.hostnames }));
  if (s.terminationGracePeriodSeconds !== undefined) props.terminationGracePeriod = Expr.sym('Duration').method('seconds', s.terminationGracePeriodSeconds);
  const security = s.containers.map(c => c.security);
  const fsGroup = security.map(x => x.fsGroup).find(g => g !== undefined);
  if (fsGroup !== undefined && fsGroup !== (security[0].runAsGroup ?? security[0].runAsUser)) props.fsGroup = fsGroup;
  const sysctls = Object.assign({}, ...security.map(x => x.sysctls));
  if (Object.keys(sysctls).length > 0) props.sysctls = sysctls;
  if (Object.keys(s.annotations).length > 0) props.podAnnotations = s.annotations;
  return props;
}

/**
 * `depends_on` with `service_healthy` becomes an init container that waits for the dependency's
 * Service; the other conditions cannot be waited for, and each says what happens instead.
 */
function waitsFor(ctx: EmitContext, s: ServicePlan, warn: Warn): string[] {
  const waits: string[] = [];
  for (const c of s.containers) {
    for (const d of ctx.service(c.service).dependsOn) {
      const key = ['depends_on', d.service];
      const target = ctx.ownerOf(d.service);
      if (target === undefined || target === s.name) continue;
      if (d.restart) warn([...key, 'restart'], `is not mapped: Kubernetes does not restart "${s.name}" when "${target}" restarts`);
      if (d.condition === 'service_completed_successfully') {
        warn([...key, 'condition'], `service_completed_successfully is not mapped: Kubernetes starts every pod at once; "${s.name}" `
          + `${s.kind === 'JOB' ? 'is retried' : 'restarts'} until the Job "${target}" has run`);
      } else if (d.condition === 'service_healthy') {
        const listens = ctx.workload(target)?.ports.some(p => p.protocol === 'TCP') ?? false;
        if (listens && !waits.includes(target)) waits.push(target);
        if (!listens) warn([...key, 'condition'], `service_healthy is not mapped: "${target}" listens on no TCP port to wait for; "${s.name}" starts at once`);
      }
    }
  }
  return waits;
}
