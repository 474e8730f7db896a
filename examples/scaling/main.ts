/**
 * Course pattern: ReplicaSets and self-healing (a Deployment keeps N pods running and replaces
 * those that die or fail their liveness probe), manual scaling, and horizontal autoscaling.
 */
import { App, Chart } from 'cdk8s';
import { HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'scaling', { namespace: 'scaling' });

  // Fixed size: 3 pods, a PodDisruptionBudget and a spread across nodes come with it.
  new ProbedDeployment(chart, 'basket', {
    image: 'eshop/basket-api:1.0.0',
    healthChecks: HealthChecks.aspNetCore(),
    replicas: 3,
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'basket',
  });

  // Autoscaled: 2 to 10 pods on CPU and memory; the Deployment has no replicas field.
  const catalog = new ProbedDeployment(chart, 'catalog', {
    image: 'eshop/catalog-api:1.0.0',
    healthChecks: HealthChecks.aspNetCore(),
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'catalog',
  });
  catalog.autoscale({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
