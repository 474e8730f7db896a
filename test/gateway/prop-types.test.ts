import { Chart, Testing } from 'cdk8s';
import { ApiGateway, GatewayKind, GatewayRoute, HealthChecks, ProbedDeployment, RouteBackend, ServiceExposure } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the props are cast through any.
function shop() {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const catalog = new ProbedDeployment(chart, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks: HealthChecks.aspNetCore(), exposure: ServiceExposure.clusterIp() });
  return { chart, catalog };
}

describe('ApiGateway and GatewayRoute from JavaScript', () => {
  test('throws for hostnames given as one string', () => {
    const { chart } = shop();
    expect(() => new ApiGateway(chart, 'gateway', { hostnames: 'shop.com' as any }))
      .toThrow(exactly('[shop/gateway] ApiGateway: hostnames must be an array of strings (got "shop.com"); pass an array of strings, such as ["shop.example.com"]'));
  });

  test('throws for a kind given as a string', () => {
    const { chart } = shop();
    expect(() => new ApiGateway(chart, 'gateway', { kind: 'gatewayApi' as any }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind must be a GatewayKind \(got "gatewayApi"\); pass GatewayKind\.gatewayApi\(\), \.ingressNginx\(\)/);
  });

  test('throws for null route options', () => {
    const { chart } = shop();
    const gateway = new ApiGateway(chart, 'gateway');
    expect(() => gateway.addRoute('catalog', null as any))
      .toThrow(exactly('[shop/gateway] ApiGateway: addRoute.options must be an object (got null); pass an object, such as { path: "/catalog", backends: [RouteBackend.fromDeployment(catalog)] }'));
  });

  test('throws for a route path that is null, which a default would otherwise hide', () => {
    const { chart, catalog } = shop();
    const gateway = new ApiGateway(chart, 'gateway');
    expect(() => gateway.addRoute('catalog', { path: null as any, backends: [RouteBackend.fromDeployment(catalog)] }))
      .toThrow(exactly('[shop/gateway] ApiGateway: addRoute("catalog").path must not be null (got null); pass an absolute path, such as "/catalog"'));
  });

  test('throws for one backend where an array goes', () => {
    const { chart, catalog } = shop();
    const gateway = new ApiGateway(chart, 'gateway');
    expect(() => new GatewayRoute(chart, 'catalog-route', { gateway, path: '/catalog', backends: RouteBackend.fromDeployment(catalog) as any }))
      .toThrow(/^\[shop\/catalog-route\] GatewayRoute: backends must be an array of RouteBackend values \(got .*\); pass an array of RouteBackend values$/);
  });

  test('throws for a gateway that is not one', () => {
    const { chart, catalog } = shop();
    expect(() => new GatewayRoute(chart, 'catalog-route', { gateway: 'gateway' as any, path: '/catalog', backends: [RouteBackend.fromDeployment(catalog)] }))
      .toThrow(exactly('[shop/catalog-route] GatewayRoute: gateway must be a gateway (an ApiGateway) (got "gateway"); pass the ApiGateway, or call gateway.addRoute(id, options)'));
  });
});

describe('GatewayKind and RouteBackend from JavaScript', () => {
  test('throws for an Ingress kind without options', () => {
    expect(() => GatewayKind.ingress(undefined as any))
      .toThrow(exactly('[GatewayKind.ingress] GatewayKind: options is required (got nothing); pass an object, such as { ingressClassName: "nginx" }'));
  });

  test('throws for an unknown Ingress controller', () => {
    expect(() => GatewayKind.ingress({ ingressClassName: 'traefik', controller: 'traefik' as any }))
      .toThrow(exactly('[GatewayKind.ingress] GatewayKind: controller must be an IngressController (got "traefik"); pass IngressController.NGINX, GCE or OTHER'));
  });

  test('throws for a Service name that is not a string', () => {
    expect(() => RouteBackend.fromServiceName(5 as any))
      .toThrow(exactly('[RouteBackend.fromServiceName] RouteBackend: name must be a string (got 5); pass a string, such as "catalog"'));
  });

  test('throws for a deployment that is not one', () => {
    expect(() => RouteBackend.fromDeployment({ service: {} } as any))
      .toThrow(/^\[RouteBackend\.fromDeployment\] RouteBackend: deployment must be a ProbedDeployment \(got \{"service":\{\}\}\); pass a ProbedDeployment with a Service/);
  });
});
