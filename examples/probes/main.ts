/**
 * Course pattern: liveness, readiness and startup probes of the three kinds (HTTP GET, TCP
 * socket, exec), and the one-line preset for ASP.NET Core health checks.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, ProbedDeployment } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'probes', { namespace: 'course' });

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

  // A message broker: TCP socket probes on the AMQP port.
  new ProbedDeployment(chart, 'broker', {
    image: 'rabbitmq:3.13-management',
    port: 5672,
    portName: 'amqp',
    replicas: 1,
    resources: {
      cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(1000) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
    },
    liveness: HealthProbe.tcpSocket({ period: Duration.seconds(20), timeout: Duration.seconds(5) }),
    readiness: HealthProbe.exec(['rabbitmq-diagnostics', '-q', 'ping'], { period: Duration.seconds(10), timeout: Duration.seconds(5) }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
