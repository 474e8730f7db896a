import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AppIndex, appSingleton } from '../../core/app-registry';
import { Warnings } from '../../core/warnings';
import { gkeHealthCheckPolicySpec, ProbedContainer } from '../render/gke-health-check';
import { RouteBackend } from '../route-backend';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);

/**
 * The HealthCheckPolicies of an app, one per backend Service (two gateways routing to one
 * Service share it), and the app's workloads as rendered in the current synthesis.
 */
class PolicyRegistry extends Construct {
  public readonly services = new Set<string>();
  private workloads?: any[];

  public constructor(root: Construct, id: string) {
    super(root, id);
    // Each synthesis renders the workloads afresh: cdk8s validates the root before rendering.
    root.node.addValidation({ validate: () => { this.workloads = undefined; return []; } });
  }

  /** Every workload of the app, rendered once per synthesis. */
  public renderedWorkloads(): any[] {
    this.workloads = this.workloads ?? this.node.root.node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject && WORKLOAD_KINDS.has(c.kind))
      .map(w => w.toJson())
      .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    return this.workloads;
  }
}

function registryOf(scope: IConstruct): PolicyRegistry {
  return appSingleton(scope, 'k8s-course-constructs.HealthCheckPolicies', (root, id) => new PolicyRegistry(root, id));
}

/**
 * A GKE HealthCheckPolicy for each backend Service of a route that has none yet, drawn at synth
 * from the readiness probe of the pods the Service selects (a TCP check on the serving port when
 * that probe is a command).
 */
export function addHealthCheckPolicies(gateway: Construct, route: IConstruct, backends: RouteBackend[], namespace: string | undefined): void {
  const registry = registryOf(gateway);
  for (const backend of backends) {
    const ref = backend._serviceRef();
    if (!ref) {
      Warnings.of(route).add(`[${route.node.path}] ApiGateway: a backend deployment has no Service yet, so it gets no GKE HealthCheckPolicy `
        + 'and the load balancer checks GET / on it; expose the deployment (exposure) before adding the route');
      continue;
    }
    const ns = ref.namespace ?? namespace;
    const key = `${ns ?? ''}/${ref.name}`;
    if (registry.services.has(key)) continue;
    registry.services.add(key);
    new ApiObject(gateway, `HealthCheckPolicy-${ref.name}`, {
      apiVersion: 'networking.gke.io/v1',
      kind: 'HealthCheckPolicy',
      metadata: { name: ref.name, ...ref.namespace !== undefined ? { namespace: ref.namespace } : {} },
      spec: Lazy.any({ produce: () => policySpec(registry, route, backend, ref.name, ns) }),
    });
  }
}

function policySpec(registry: PolicyRegistry, route: IConstruct, backend: RouteBackend, name: string, namespace: string | undefined): any {
  const service = AppIndex.of(route).find('Service', namespace, name)?.toJson();
  const servicePort = backend._resolve(route, namespace).backend?.port;
  const port = (service?.spec?.ports ?? []).find((p: any) => p.port === servicePort) ?? service?.spec?.ports?.[0];
  const servingPort = port?.targetPort ?? port?.port;
  const container = containerBehind(registry, namespace, service?.spec?.selector ?? {}, servingPort);
  return gkeHealthCheckPolicySpec(name, container, servingPort)
    // A command probe has no GKE equivalent: a TCP check on the serving port beats GKE's GET /.
    ?? gkeHealthCheckPolicySpec(name, { readinessProbe: { tcpSocket: {} } }, servingPort);
}

/** The container serving `port` in the first workload (by name) whose pods the selector matches. */
function containerBehind(registry: PolicyRegistry, namespace: string | undefined, selector: { [k: string]: string }, port: unknown): ProbedContainer {
  const entries = Object.entries(selector);
  const workload = entries.length === 0 ? undefined : registry.renderedWorkloads().find(w => {
    const labels = w.spec?.template?.metadata?.labels ?? {};
    return (w.metadata?.namespace ?? undefined) === namespace && entries.every(([k, v]) => labels[k] === v);
  });
  const containers: any[] = workload?.spec?.template?.spec?.containers ?? [];
  return containers.find(c => (c.ports ?? []).some((p: any) => p.containerPort === port || p.name === port)) ?? containers[0] ?? {};
}
