import { ComposeServiceModel } from '../model';
import { MapContext } from './context';

/**
 * The keys of `deploy` that no mapper takes, each named: replicas and mode go to the workload kind,
 * resources to resources, restart_policy's condition to the kind; the rest is swarm's.
 */
export function warnDeploy(ctx: MapContext, svc: ComposeServiceModel): void {
  const d = svc.deploy;
  if (!d) return;
  const rp = d.restartPolicy;
  if (rp?.delaySeconds !== undefined || rp?.windowSeconds !== undefined) {
    ctx.warn(svc, ['deploy', 'restart_policy'], 'delay and window are not mapped: the kubelet restarts containers with its own back-off');
  }
  if (Object.keys(d.labels).length > 0) ctx.warn(svc, ['deploy', 'labels'], 'is not mapped: swarm service labels have no pod; use labels: for pod annotations');
  if (d.placement) ctx.warn(svc, ['deploy', 'placement'], 'is not mapped: write node affinity or topology spread constraints by hand');
  if (d.updateConfig) ctx.warn(svc, ['deploy', 'update_config'], 'is not mapped: the workload rolls out with the stack\'s rolling update (no unavailable pods, one extra at a time)');
  if (d.rollbackConfig) ctx.warn(svc, ['deploy', 'rollback_config'], 'is not mapped: roll back with kubectl rollout undo');
  if (d.endpointMode !== undefined) ctx.warn(svc, ['deploy', 'endpoint_mode'], `${d.endpointMode} is not mapped: a Service balances over its pods`);
  for (const k of d.otherKeys.filter(x => !x.startsWith('resources.'))) ctx.warn(svc, ['deploy', k], 'is not mapped');
  for (const k of d.otherKeys.filter(x => x.startsWith('resources.'))) ctx.warn(svc, ['deploy', 'resources', k.slice('resources.'.length)], 'is not mapped');
}

/** A Kubernetes annotation key: an optional DNS subdomain prefix and a name of up to 63 characters. */
function qualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name)) return false;
  return prefix === undefined || (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix));
}

/** Compose labels and annotations become pod annotations (label values are too free for Kubernetes labels). */
export function mapAnnotations(ctx: MapContext, svc: ComposeServiceModel): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const section of ['labels', 'annotations'] as const) {
    for (const [k, v] of Object.entries(svc[section])) {
      if (qualifiedName(k)) out[k] = v;
      else ctx.warn(svc, [section, k], 'is not mapped: it is not a valid Kubernetes annotation key');
    }
  }
  return out;
}
