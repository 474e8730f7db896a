/**
 * Course pattern: the four Service types. ClusterIP for service-to-service calls, NodePort for a
 * local cluster, LoadBalancer (public, or internal on AKS / GKE) for the cloud, and ExternalName
 * for a dependency outside the cluster.
 */
import { App, Chart } from 'cdk8s';
import { CloudProvider, ExternalService, HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'services', { namespace: 'services' });
  const healthChecks = HealthChecks.aspNetCore();

  // ClusterIP: http://catalog inside the cluster.
  new ProbedDeployment(chart, 'catalog', {
    image: 'eshop/catalog-api:1.0.0',
    healthChecks,
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'catalog',
  });

  // NodePort: http://<node IP>:30080 on a local cluster (kind, minikube, Docker Desktop).
  new ProbedDeployment(chart, 'webapp', {
    image: 'eshop/webapp:1.0.0',
    healthChecks,
    exposure: ServiceExposure.nodePort(30080),
    serviceName: 'webapp',
  });

  // LoadBalancer: a public IP from the cloud, and an internal one on AKS for the admin API.
  new ProbedDeployment(chart, 'gateway', {
    image: 'eshop/gateway:1.0.0',
    healthChecks,
    exposure: ServiceExposure.loadBalancer(),
    serviceName: 'gateway',
  });
  new ProbedDeployment(chart, 'admin', {
    image: 'eshop/admin-api:1.0.0',
    healthChecks,
    exposure: ServiceExposure.loadBalancer({ internal: CloudProvider.AKS, sourceRanges: ['10.0.0.0/8'] }),
    serviceName: 'admin',
  });

  // Two ports on one Service: each needs a name.
  new ProbedDeployment(chart, 'ordering', {
    image: 'eshop/ordering-api:1.0.0',
    healthChecks,
    sidecars: [{ name: 'grpc', image: 'eshop/ordering-grpc:1.0.0', ports: [{ number: 8081, name: 'grpc' }] }],
    exposure: ServiceExposure.clusterIp({
      ports: [{ port: 80, name: 'http' }, { port: 81, targetPort: 8081, name: 'grpc' }],
    }),
    serviceName: 'ordering',
  });

  // ExternalName: pods call orders-db, which resolves to the managed database.
  new ExternalService(chart, 'orders-db', {
    name: 'orders-db',
    externalName: 'eshop-orders.postgres.database.azure.com',
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
