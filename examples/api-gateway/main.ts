/**
 * Course pattern: the API Gateway, the single entry to the microservices. The same route table
 * (catalog, basket and ordering behind `/<name>-service`, each rewritten to `/`) rendered for
 * each kind of gateway, one chart (and namespace) per kind:
 *
 * - gateway-api: a Gateway API `Gateway` and `HTTPRoute` (the default; where Kubernetes is going);
 * - ingress: an Ingress for the AKS application routing add-on (managed NGINX; ingress-nginx
 *   itself is retired, with no releases or security fixes after March 2026);
 * - yarp: YARP in the cluster on NodePort 30083 (a local cluster), routes in a ConfigMap;
 * - ocelot: your Ocelot gateway image on a LoadBalancer, routes in a ConfigMap.
 *
 * The ordering route waits up to 60 seconds for the whole request, except on YARP: the YARP
 * container image does not add ASP.NET Core's request timeouts middleware, which a route timeout
 * needs (a YARP image of your own that calls `UseRequestTimeouts()` takes the same timeout).
 */
import { App, Chart, Duration } from 'cdk8s';
import { ApiGateway, GatewayKind, HealthChecks, ProbedDeployment, RouteBackend, ServiceExposure } from '../../src';

/** The course's three services, each a ProbedDeployment behind a ClusterIP Service. */
function services(chart: Chart): ProbedDeployment[] {
  return ['catalog', 'basket', 'ordering'].map(name => new ProbedDeployment(chart, name, {
    image: `eshop/${name}-api:1.0.0`,
    healthChecks: HealthChecks.aspNetCore(),
    exposure: ServiceExposure.clusterIp(),
    serviceName: name,
  }));
}

/** Placing an order calls payment and stock: give it longer than the gateway's default. */
const ORDERING_TIMEOUT = Duration.seconds(60);

/** One chart: the services and a gateway of the given kind in front of them. */
function shop(app: App, id: string, kind: GatewayKind, orderingTimeout?: Duration): void {
  const chart = new Chart(app, id, { namespace: `shop-${id}` });
  const [catalog, basket, ordering] = services(chart);
  const gateway = new ApiGateway(chart, 'gateway', { kind, name: 'gateway', hostnames: ['shop.example.com'] });
  gateway.addRoute('catalog', { path: '/catalog-service', rewritePrefix: '/', backends: [RouteBackend.fromDeployment(catalog)] });
  gateway.addRoute('basket', { path: '/basket-service', rewritePrefix: '/', backends: [RouteBackend.fromDeployment(basket)] });
  gateway.addRoute('ordering', {
    path: '/ordering-service',
    rewritePrefix: '/',
    timeout: orderingTimeout,
    backends: [RouteBackend.fromDeployment(ordering)],
  });
}

/** Builds the example's charts into `app` (the example test snapshots this). */
export function build(app: App): void {
  shop(app, 'gateway-api', GatewayKind.gatewayApi({ gatewayClassName: 'nginx' }), ORDERING_TIMEOUT);
  shop(app, 'ingress', GatewayKind.aksApplicationRouting(), ORDERING_TIMEOUT);
  shop(app, 'yarp', GatewayKind.yarp({ exposure: ServiceExposure.nodePort(30083) }));
  shop(app, 'ocelot', GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' }), ORDERING_TIMEOUT);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
