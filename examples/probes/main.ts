/**
 * Course pattern: liveness, readiness and startup probes of the three kinds (HTTP GET, TCP
 * socket, exec), and the one-line preset for ASP.NET Core health checks.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, ProbedDeployment } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'probes', { namespace: 'probes' });

  // One line for a .NET service: /alive (liveness), /health (readiness), a startup probe.
  new ProbedDeployment(chart, 'catalog', {
    image: 'eshop/catalog-api:1.0.0',
    healthChecks: HealthChecks.aspNetCore(),
  });

  // HTTP GET with headers and HTTPS, each timing knob set.
  new ProbedDeployment(chart, 'identity', {
    image: 'eshop/identity-api:1.0.0',
    port: 8443,
    portName: 'https',
    liveness: HealthProbe.httpGet('/alive', {
      scheme: kplus.ConnectionScheme.HTTPS,
      headers: { Host: 'identity.local' },
      initialDelay: Duration.seconds(5),
      period: Duration.seconds(10),
      timeout: Duration.seconds(3),
      failureThreshold: 3,
    }),
    readiness: HealthProbe.httpGet('/health', {
      scheme: kplus.ConnectionScheme.HTTPS,
      headers: { Host: 'identity.local' },
      period: Duration.seconds(5),
      successThreshold: 2,
    }),
    startup: HealthProbe.httpGet('/alive', {
      scheme: kplus.ConnectionScheme.HTTPS,
      period: Duration.seconds(5),
      failureThreshold: 24,
    }),
  });

  // A cache: a TCP socket probe for liveness, a command for readiness. The redis image runs as
  // root unless told otherwise, so it gets the redis user (999) and a writable /data.
  const cache = new ProbedDeployment(chart, 'cache', {
    image: 'redis:7.4',
    port: 6379,
    portName: 'redis',
    replicas: 1,
    containerSecurityContext: { user: 999, group: 999 },
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    liveness: HealthProbe.tcpSocket({ period: Duration.seconds(20), timeout: Duration.seconds(5) }),
    readiness: HealthProbe.exec(['redis-cli', 'ping'], { period: Duration.seconds(10), timeout: Duration.seconds(5) }),
  });
  cache.mainContainer.mount('/data', kplus.Volume.fromEmptyDir(chart, 'cache-data', 'data'));
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
