import { shellSplit } from '../load/forms';
import { ComposeServiceModel, HealthTest, ModelHealthcheck } from '../model';
import { ImageFacts, MapContext } from './context';
import { httpCheck } from './http-check';
import { PortPlan, ProbePlan, ProbesPlan } from './plan';

/** Compose's healthcheck defaults. */
const DEFAULTS = { interval: 30, timeout: 30, retries: 3, startPeriod: 0 };

interface Timing {
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
  readonly startInterval?: number;
}

/**
 * Probes from the healthcheck (the compose file's, else the Dockerfile's HEALTHCHECK): an HTTP GET
 * when it is `curl`/`wget` of the service itself on one of its ports, else the command; interval,
 * timeout (clamped to the interval, with a warning), retries and start period kept. Without one:
 * the image table's probe (liveness too only from a verified entry), else a TCP readiness probe on the first TCP port and no liveness probe;
 * without ports, no probes.
 */
export function mapProbes(ctx: MapContext, svc: ComposeServiceModel, ports: PortPlan[], facts: ImageFacts, ownNames: string[]): ProbesPlan {
  const fromFile = facts.dockerfile?.healthcheck;
  const hc = mergeHealthchecks(svc.healthcheck, fromFile);
  const from = svc.healthcheck?.test !== undefined ? 'healthcheck' : fromFile ? 'Dockerfile HEALTHCHECK' : 'healthcheck';
  if (hc && !hc.disabled && hc.test) {
    for (const k of svc.healthcheck?.otherKeys ?? []) ctx.warn(svc, ['healthcheck', k], 'is not mapped');
    const timing = timingOf(ctx, svc, hc);
    const probe = (period: number, failureThreshold: number, timeout = timing.timeout) =>
      probeOf(hc.test!, ports, ownNames, { periodSeconds: period, timeoutSeconds: Math.min(timeout, period), failureThreshold });
    const main = probe(timing.interval, timing.retries);
    const startPeriod = timing.startInterval ?? timing.interval;
    const startup = timing.startPeriod > 0 ? probe(startPeriod, Math.ceil(timing.startPeriod / startPeriod) + timing.retries) : undefined;
    return { readiness: main, liveness: main, startup, from };
  }
  if (hc?.disabled) ctx.warn(svc, ['healthcheck'], 'is disabled: no liveness probe; a TCP readiness probe on the first port, when there is one, tells the Service when the pod accepts connections');
  const table = hc?.disabled ? undefined : tableProbe(facts, ports);
  // A liveness probe restarts the pod when it fails: only a verified entry may give one.
  if (table) return { readiness: table, liveness: facts.known!.verified ? table : undefined, from: 'image table' };
  const tcp = ports.find(p => p.protocol === 'TCP');
  if (!tcp) return { from: 'none' };
  return { readiness: { kind: 'TCP_SOCKET', port: tcp.port, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 }, from: 'first port' };
}

/** The compose healthcheck over the Dockerfile's: compose keys win, a missing test is the image's. */
function mergeHealthchecks(compose?: ModelHealthcheck, file?: ModelHealthcheck): ModelHealthcheck | undefined {
  if (!compose) return file;
  if (!file || compose.test !== undefined || compose.disabled) return compose;
  return {
    ...file,
    intervalSeconds: compose.intervalSeconds ?? file.intervalSeconds,
    timeoutSeconds: compose.timeoutSeconds ?? file.timeoutSeconds,
    retries: compose.retries ?? file.retries,
    startPeriodSeconds: compose.startPeriodSeconds ?? file.startPeriodSeconds,
    startIntervalSeconds: compose.startIntervalSeconds ?? file.startIntervalSeconds,
  };
}

function timingOf(ctx: MapContext, svc: ComposeServiceModel, hc: ModelHealthcheck): Timing {
  const whole = (s: number | undefined, fallback: number) => (s === undefined ? fallback : s === 0 ? fallback : Math.max(1, Math.ceil(s)));
  const interval = whole(hc.intervalSeconds, DEFAULTS.interval);
  let timeout = whole(hc.timeoutSeconds, DEFAULTS.timeout);
  if (timeout > interval) {
    const which = hc.timeoutSeconds === undefined ? `compose's default timeout (${timeout}s)` : `${timeout}s`;
    ctx.warn(svc, ['healthcheck', hc.timeoutSeconds === undefined ? 'interval' : 'timeout'],
      `${which} is longer than the interval (${interval}s): the probe's timeout is clamped to ${interval}s, as the kubelet runs one probe at a time; set timeout: ${interval}s to say so`);
    timeout = interval;
  }
  const retries = hc.retries !== undefined && Number.isInteger(hc.retries) && hc.retries >= 1 ? hc.retries : DEFAULTS.retries;
  if (hc.retries !== undefined && retries !== hc.retries) ctx.warn(svc, ['healthcheck', 'retries'], `is not a whole number of at least 1: compose's default ${DEFAULTS.retries} is used`);
  const startPeriod = hc.startPeriodSeconds === undefined ? DEFAULTS.startPeriod : Math.ceil(hc.startPeriodSeconds);
  const startInterval = hc.startIntervalSeconds === undefined ? undefined : whole(hc.startIntervalSeconds, interval);
  return { interval, timeout, retries, startPeriod, startInterval };
}

function probeOf(test: HealthTest, ports: PortPlan[], ownNames: string[], timing: Pick<ProbePlan, 'periodSeconds' | 'timeoutSeconds' | 'failureThreshold'>): ProbePlan {
  const words = test.form === 'CMD' ? test.argv : shellSplit(test.argv[0] ?? '');
  const http = typeof words === 'string' ? undefined : httpCheck(words, ownNames);
  if (http && ports.some(p => p.protocol === 'TCP' && p.port === http.port)) {
    return { kind: 'HTTP_GET', path: http.path, port: http.port, scheme: http.scheme, headers: http.headers, ...timing };
  }
  const command = test.form === 'CMD' ? test.argv : ['/bin/sh', '-c', test.argv[0] ?? ''];
  return { kind: 'EXEC', command, ...timing };
}

/** The image table's probe, when its port (if it has one) is a port of the container. */
function tableProbe(facts: ImageFacts, ports: PortPlan[]): ProbePlan | undefined {
  const p = facts.dockerfile ? undefined : facts.known?.probe;
  if (!p) return undefined;
  const timing = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  const open = (port: number) => ports.some(x => x.protocol === 'TCP' && x.port === port);
  if (p.exec) return { kind: 'EXEC', command: [...p.exec], ...timing };
  if (p.httpGet && open(p.httpGet.port)) return { kind: 'HTTP_GET', path: p.httpGet.path, port: p.httpGet.port, scheme: 'HTTP', ...timing };
  if (p.tcpPort !== undefined && open(p.tcpPort)) return { kind: 'TCP_SOCKET', port: p.tcpPort, ...timing };
  return undefined;
}
