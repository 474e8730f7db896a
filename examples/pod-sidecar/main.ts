/**
 * Course pattern: a pod with several containers sharing one network namespace.
 *
 * The catalog API and an Envoy sidecar run in one pod: the sidecar reaches the API on
 * localhost:8080 and listens on 9901 itself (its envoy.yaml, which routes to localhost:8080, is not
 * part of this example); two containers of one pod may not use the same port.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'pod-sidecar', { namespace: 'pod-sidecar' });
  const catalog = new ProbedDeployment(chart, 'catalog', {
    image: 'eshop/catalog-api:1.0.0',
    healthChecks: HealthChecks.aspNetCore(),
    sidecars: [{
      name: 'proxy',
      image: 'envoyproxy/envoy:v1.31.2',
      ports: [{ number: 9901, name: 'admin' }],
      args: ['--config-path', '/etc/envoy/envoy.yaml'],
      // The envoy image starts as root; its own user is 101.
      securityContext: { user: 101, group: 101 },
      readiness: kplus.Probe.fromHttpGet('/ready', { port: 9901 }),
    }],
  });
  catalog.expose({ name: 'catalog', exposure: ServiceExposure.clusterIp() });

  // A log shipper that only reads a shared folder: a sidecar without ports.
  catalog.addSidecar({
    name: 'log-shipper',
    image: 'fluent/fluent-bit:3.1.9',
    // The image has no user of its own: run it as an unprivileged one.
    securityContext: { user: 10001, group: 10001 },
    liveness: kplus.Probe.fromCommand(['/fluent-bit/bin/fluent-bit', '--version']),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
