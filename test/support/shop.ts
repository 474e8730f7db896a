import { Chart, Testing } from 'cdk8s';
import { ApiGateway, ApiGatewayProps, HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';

/**
 * The course's three services in one chart and a gateway in another (same namespace): a synth of
 * the gateway chart holds only what the gateway renders.
 */
export function gatewayShop(props: ApiGatewayProps = {}) {
  const app = Testing.app();
  const services = new Chart(app, 'services', { namespace: 'shop' });
  const deploy = (name: string) => new ProbedDeployment(services, name, {
    image: `eshop/${name}-api:1.0.0`,
    healthChecks: HealthChecks.aspNetCore(),
    exposure: ServiceExposure.clusterIp(),
    serviceName: name,
  });
  const catalog = deploy('catalog');
  const basket = deploy('basket');
  const ordering = deploy('ordering');
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const gateway = new ApiGateway(chart, 'gateway', props);
  return { app, services, chart, gateway, catalog, basket, ordering };
}
