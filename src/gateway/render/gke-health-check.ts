/**
 * GKE's `HealthCheckPolicy` (networking.gke.io/v1), drawn from a pod's readiness probe. Field
 * names and bounds from GoogleCloudPlatform/gke-gateway-api@530c0624df90b900281636c6ca069033b24d335f
 * apis/networking/v1/healthcheck_types.go (https://googlecloudplatform.github.io/gke-gateway-api):
 * intervals and timeouts 1-300 s (the timeout not above the interval), thresholds 1-10, and a
 * port given as USE_SERVING_PORT (the Service's target port, the default) or USE_FIXED_PORT. The
 * policy lives in the Service's namespace
 * (https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources).
 *
 * Application Gateway for Containers needs no such object: it probes with the pods'
 * readinessProbe when no AGC HealthCheckPolicy exists
 * (https://learn.microsoft.com/azure/application-gateway/for-containers/custom-health-probe).
 */

/** The part of a container a health check is drawn from (rendered JSON). */
export interface ProbedContainer {
  readonly readinessProbe?: any;
  readonly ports?: Array<{ readonly containerPort: number; readonly name?: string }>;
}

/** `HealthCheckPolicy.spec.default`. */
export interface GkeHealthCheck {
  readonly checkIntervalSec: number;
  readonly timeoutSec: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly config: {
    readonly type: 'HTTP' | 'HTTPS' | 'TCP';
    readonly httpHealthCheck?: PortSpec & { readonly requestPath: string; readonly host?: string };
    readonly httpsHealthCheck?: PortSpec & { readonly requestPath: string; readonly host?: string };
    readonly tcpHealthCheck?: PortSpec;
  };
}

interface PortSpec {
  readonly portSpecification: 'USE_SERVING_PORT' | 'USE_FIXED_PORT';
  readonly port?: number;
}

/** The `HealthCheckPolicy` spec for Service `service` whose pods run `container`, or undefined for an exec probe or none. */
export function gkeHealthCheckPolicySpec(service: string, container: ProbedContainer, servingPort: number | string | undefined): any {
  const check = gkeHealthCheck(container, servingPort);
  return check ? { default: check, targetRef: { group: '', kind: 'Service', name: service } } : undefined;
}

/** The health check of a readiness probe; undefined when it is an exec probe (or there is none). */
export function gkeHealthCheck(container: ProbedContainer, servingPort: number | string | undefined): GkeHealthCheck | undefined {
  const probe = container.readinessProbe;
  const target = probe?.httpGet ?? probe?.tcpSocket;
  if (!target) return undefined;
  const interval = clamp(probe.periodSeconds ?? 10, 1, 300);
  const timing = {
    checkIntervalSec: interval,
    timeoutSec: Math.min(clamp(probe.timeoutSeconds ?? 1, 1, 300), interval),
    healthyThreshold: clamp(probe.successThreshold ?? 1, 1, 10),
    unhealthyThreshold: clamp(probe.failureThreshold ?? 3, 1, 10),
  };
  const port = portSpec(numericPort(target.port, container), numericPort(servingPort, container));
  if (probe.tcpSocket) return { ...timing, config: { type: 'TCP', tcpHealthCheck: port } };
  const host = (probe.httpGet.httpHeaders ?? []).find((h: any) => String(h.name).toLowerCase() === 'host')?.value;
  const http = { ...port, requestPath: probe.httpGet.path ?? '/', ...host !== undefined ? { host } : {} };
  return probe.httpGet.scheme === 'HTTPS'
    ? { ...timing, config: { type: 'HTTPS', httpsHealthCheck: http } }
    : { ...timing, config: { type: 'HTTP', httpHealthCheck: http } };
}

function portSpec(probePort: number | undefined, servingPort: number | undefined): PortSpec {
  return probePort === undefined || probePort === servingPort
    ? { portSpecification: 'USE_SERVING_PORT' }
    : { portSpecification: 'USE_FIXED_PORT', port: probePort };
}

/** A port as a number: a probe's or Service's named port is looked up among the container's ports. */
function numericPort(port: number | string | undefined, container: ProbedContainer): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find(p => p.name === port)?.containerPort;
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(n)));
}
