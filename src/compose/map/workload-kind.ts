import { ComposeServiceModel } from '../model';
import { MapContext } from './context';
import { ServicePlan, WorkloadKind } from './plan';

/** How a service runs: a workload of its own, or a container in another service's pod. */
export interface KindDecision {
  readonly kind: WorkloadKind | 'SIDECAR';
  readonly reason: string;
  /** SIDECAR: the compose service whose pod it joins. */
  readonly owner?: string;
  readonly replicas: number;
  readonly job?: ServicePlan['job'];
}

/** Runs one service's step, naming the service in an internal error. */
export type Guard = <T>(svc: ComposeServiceModel, step: () => T) => T;

/** Kubernetes' default number of retries of a Job. */
const JOB_RETRIES = 6;

/**
 * Each service's kind: `network_mode: service:X` joins X's pod (a sidecar); a service another
 * waits for with `service_completed_successfully`, or with `restart: "no"`/`on-failure` and nothing
 * that keeps it long-running (ports, healthcheck, a `service_healthy` dependent), is a Job; a
 * stateful image (a database, a broker) is a StatefulSet of one replica; the rest Deployments with
 * `deploy.replicas` or `scale`.
 */
export function decideKinds(ctx: MapContext, guard: Guard = (_s, step) => step()): Map<string, KindDecision> {
  const completed = new Map<string, string>();
  const healthy = new Set<string>();
  for (const s of ctx.model.services) {
    for (const d of s.dependsOn) {
      if (d.condition === 'service_completed_successfully' && !completed.has(d.service)) completed.set(d.service, s.name);
      if (d.condition === 'service_healthy') healthy.add(d.service);
    }
  }
  const out = new Map<string, KindDecision>();
  for (const s of ctx.model.services) out.set(s.name, guard(s, () => decide(ctx, s, completed, healthy)));
  return out;
}

function decide(ctx: MapContext, s: ComposeServiceModel, completed: Map<string, string>, healthy: Set<string>): KindDecision {
  const owner = podOwner(ctx, s);
  if (owner !== undefined) return { kind: 'SIDECAR', reason: `network_mode: service:${s.networkMode!.target}`, owner, replicas: 1 };
  if (s.networkMode?.kind === 'container') ctx.warn(s, ['network_mode'], `${s.networkMode.text} is not mapped: a pod cannot join a container outside the app; the service runs in a pod of its own`);
  const replicas = replicasOf(ctx, s);
  const restart = s.restart?.policy ?? restartFromDeploy(s);
  const waitedFor = completed.get(s.name);
  if (waitedFor !== undefined) return { kind: 'JOB', reason: `"${waitedFor}" waits for it with service_completed_successfully`, replicas: 1, job: jobOf(s) };
  if (restart === 'no' || restart === 'on-failure') {
    const keeps = s.ports.length > 0 || s.expose.length > 0 ? 'it declares ports' : s.healthcheck && !s.healthcheck.disabled ? 'it has a healthcheck'
      : healthy.has(s.name) ? 'a service waits for it to be healthy' : undefined;
    if (keeps === undefined) return { kind: 'JOB', reason: `restart: "${s.restart?.policy ?? restart}"`, replicas: 1, job: jobOf(s) };
    ctx.warn(s, s.restart ? ['restart'] : ['deploy', 'restart_policy'], `${restart} is not mapped: ${keeps}, so it runs as a long-running workload, whose pods always restart`);
  }
  const listed = ctx.options.backingServices;
  const known = ctx.imageFacts(s).known;
  const stateful = listed ? (listed.includes(s.name) ? 'the backingServices option' : undefined) : known?.stateful ? `stateful image: ${known.name}` : undefined;
  if (stateful !== undefined) {
    if (replicas > 1) ctx.warn(s, s.deploy?.replicas !== undefined ? ['deploy', 'replicas'] : ['scale'], `${replicas} is not mapped: ${known?.name ?? s.name} keeps its data in one place, so it runs as one StatefulSet replica`);
    return { kind: 'STATEFUL_SET', reason: stateful, replicas: 1 };
  }
  return { kind: 'DEPLOYMENT', reason: 'long-running service', replicas };
}

/** The root of a `network_mode: service:X` chain, when the service joins another's pod. */
function podOwner(ctx: MapContext, s: ComposeServiceModel): string | undefined {
  const seen = new Set<string>([s.name]);
  let current = s;
  while (current.networkMode?.kind === 'service') {
    const target = ctx.service(current.networkMode.target ?? '');
    if (!target || seen.has(target.name)) {
      ctx.warn(current, ['network_mode'], `${current.networkMode.text} names a service that is not active (or forms a loop): the service runs in a pod of its own`);
      return current === s ? undefined : current.name;
    }
    seen.add(target.name);
    current = target;
  }
  return current === s ? undefined : current.name;
}

function replicasOf(ctx: MapContext, s: ComposeServiceModel): number {
  if (s.deploy?.mode === 'global') ctx.warn(s, ['deploy', 'mode'], 'global is not mapped: one pod per node is a DaemonSet; the service runs as a Deployment');
  if (s.deploy?.replicas !== undefined && s.scale !== undefined && s.deploy.replicas !== s.scale) ctx.warn(s, ['scale'], 'is not mapped: deploy.replicas wins');
  const n = s.deploy?.replicas ?? s.scale ?? 1;
  return Number.isInteger(n) && n >= 0 ? n : 1;
}

function restartFromDeploy(s: ComposeServiceModel): string | undefined {
  const c = s.deploy?.restartPolicy?.condition;
  return c === 'none' ? 'no' : c === 'on-failure' ? 'on-failure' : undefined;
}

function jobOf(s: ComposeServiceModel): ServicePlan['job'] {
  if (s.restart?.policy === 'on-failure' || s.deploy?.restartPolicy?.condition === 'on-failure') {
    return { restartPolicy: 'OnFailure', backoffLimit: s.restart?.maxRetries ?? s.deploy?.restartPolicy?.maxAttempts ?? JOB_RETRIES };
  }
  // Compose starts it once its dependencies are up; Kubernetes starts every pod at once, so a failed run is retried in a new pod.
  return { restartPolicy: 'Never', backoffLimit: JOB_RETRIES };
}

/** The kind names for messages. */
export const KIND_NAMES: { [k in KindDecision['kind']]: string } = { DEPLOYMENT: 'Deployment', STATEFUL_SET: 'StatefulSet', JOB: 'Job', SIDECAR: 'sidecar' };
