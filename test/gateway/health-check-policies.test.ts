import { Testing } from 'cdk8s';
import { ApiGateway, GatewayKind, RouteBackend } from '../../src';
import { allOf, findOne, gatewayShop, synthValid } from '../support';

describe('ApiGateway on a GKE Gateway class', () => {
  test('writes one HealthCheckPolicy per backend Service, in its namespace, from the pods\' readiness probe', () => {
    // GIVEN two gateways that route to the same Service
    const { chart, gateway, catalog, basket } = gatewayShop({ name: 'shop', kind: GatewayKind.gatewayApi({ gatewayClassName: 'gke-l7-rilb' }) });
    gateway.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(catalog)] });
    gateway.addRoute('basket', { path: '/basket', backends: [RouteBackend.fromService(basket.service!)] });
    const internal = new ApiGateway(chart, 'internal', { name: 'internal', kind: GatewayKind.gatewayApi({ gatewayClassName: 'gke-l7-rilb' }) });
    internal.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromServiceName('catalog')] });
    // WHEN
    const m = synthValid(chart);
    // THEN
    expect(allOf(m, 'HealthCheckPolicy').map(p => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['shop/catalog', 'shop/basket']);
    expect(findOne(m, 'HealthCheckPolicy', 'basket').spec.default.config.httpHealthCheck.requestPath).toBe('/health');
  });

  test('writes none for other classes', () => {
    const { chart, gateway, catalog } = gatewayShop({ kind: GatewayKind.gatewayApi({ gatewayClassName: 'nginx' }) });
    gateway.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(catalog)] });
    expect(allOf(Testing.synth(chart) as any, 'HealthCheckPolicy')).toEqual([]);
  });
});
