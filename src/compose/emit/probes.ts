import { EmitContext } from './context';
import { kplusEnum } from './stack';
import { ProbePlan, ProbesPlan } from '../map/plan';
import { Expr } from '../program';

/** HealthProbe's defaults: options equal to them are left out of the code. */
const DEFAULTS = { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, initialDelaySeconds: 0 };

/**
 * The `healthChecks` of a container: `HealthChecks.none()` without probes, else
 * `HealthChecks.of({ readiness, liveness?, startup? })`. A probe used twice (liveness and
 * readiness from one healthcheck) is declared once, as a variable named after the workload.
 */
export function healthChecks(ctx: EmitContext, probes: ProbesPlan, owner: string): Expr {
  return healthChecksWith(probes, owner, (name, expr) => ctx.program.declare(name, expr));
}

/** The same, declaring shared probes with `declare` (which may declare them later, after comments). */
export function healthChecksWith(probes: ProbesPlan, owner: string, declare: (preferred: string, expr: Expr) => Expr): Expr {
  const readiness = probes.readiness ?? probes.liveness;
  if (!readiness) return Expr.sym('HealthChecks').method('none');
  const main = probeExpr(readiness);
  const shared = probes.liveness !== undefined && sameProbe(probes.liveness, readiness);
  const ready = shared ? declare(`${owner}-probe`, main) : main;
  const set: { [key: string]: Expr } = { readiness: ready };
  if (probes.liveness) set.liveness = shared ? ready : probeExpr(probes.liveness);
  if (probes.startup) set.startup = probeExpr(probes.startup);
  return Expr.sym('HealthChecks').method('of', set);
}

/** A HealthProbe factory call with the probe's target and timing. */
export function probeExpr(p: ProbePlan): Expr {
  const hp = Expr.sym('HealthProbe');
  const timing = timingOf(p);
  switch (p.kind) {
    case 'HTTP_GET':
      return hp.method('httpGet', p.path ?? '/', {
        port: p.port,
        ...p.scheme === 'HTTPS' ? { scheme: kplusEnum('ConnectionScheme', 'HTTPS') } : {},
        ...p.headers ? { headers: p.headers } : {},
        ...timing,
      });
    case 'TCP_SOCKET':
      return hp.method('tcpSocket', { port: p.port, ...timing });
    default:
      return Object.keys(timing).length > 0 ? hp.method('exec', p.command ?? [], timing) : hp.method('exec', p.command ?? []);
  }
}

function timingOf(p: ProbePlan): { [key: string]: Expr | number } {
  const seconds = (n: number) => Expr.sym('Duration').method('seconds', n);
  const out: { [key: string]: Expr | number } = {};
  if ((p.initialDelaySeconds ?? 0) !== DEFAULTS.initialDelaySeconds) out.initialDelay = seconds(p.initialDelaySeconds!);
  if (p.periodSeconds !== DEFAULTS.periodSeconds) out.period = seconds(p.periodSeconds);
  if (p.timeoutSeconds !== DEFAULTS.timeoutSeconds) out.timeout = seconds(p.timeoutSeconds);
  if (p.failureThreshold !== DEFAULTS.failureThreshold) out.failureThreshold = p.failureThreshold;
  return out;
}

function sameProbe(a: ProbePlan, b: ProbePlan): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
