import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  GatewayKind, GatewayRoute, GatewayRouteOptions, HealthChecks, IGateway, IngressController, PathMatch, ProbedDeployment, RouteBackend,
  ServiceExposure,
} from '../../src';
import { allOf, findOne, Manifest, synthValid, toYaml, gatewayShop } from '../support';

/** The course's three services and a gateway (test/support/shop.ts). */
function fixture(kind?: GatewayKind, hostnames?: string[]) {
  return gatewayShop({ kind, hostnames });
}

function rules(manifests: Manifest[]): any[] {
  return allOf(manifests, 'HTTPRoute').flatMap(r => r.spec.rules);
}

/** The route's options with one backend, for tests that vary one prop. */
function route(f: ReturnType<typeof fixture>, options: Partial<GatewayRouteOptions> = {}): GatewayRouteOptions {
  return { path: '/catalog', backends: [RouteBackend.fromDeployment(f.catalog)], ...options };
}

describe('GatewayRoute', () => {
  test('synthesizes a prefix route with defaults', () => {
    // GIVEN
    const f = fixture();
    // WHEN
    f.gateway.addRoute('catalog', route(f));
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(allOf(manifests, 'HTTPRoute'))).toMatchSnapshot();
    expect(rules(manifests)).toEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/catalog' } }],
      backendRefs: [{ name: 'catalog', port: 80 }],
    }]);
  });

  test('synthesizes every prop', () => {
    // GIVEN
    const f = fixture(undefined, ['shop.example.com']);
    // WHEN
    const r = new GatewayRoute(f.chart, 'catalog', {
      gateway: f.gateway,
      path: '/catalog/',
      pathMatch: PathMatch.PREFIX,
      hostnames: ['api.example.com', '*.shop.example.com'],
      methods: ['get', 'POST'],
      headers: { 'X-Api-Version': '2' },
      rewritePrefix: '/api/catalog',
      timeout: Duration.seconds(90),
      backends: [
        RouteBackend.fromService(f.catalog.service!, { port: 80, weight: 90 }),
        RouteBackend.fromServiceName('basket', { port: 80, weight: 10, namespace: 'shop' }),
      ],
    });
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(allOf(manifests, 'HTTPRoute'))).toMatchSnapshot();
    const httpRoute = findOne(manifests, 'HTTPRoute');
    expect(httpRoute.spec.hostnames).toEqual(['*.shop.example.com', 'api.example.com']);
    expect(httpRoute.spec.rules).toEqual([{
      matches: [
        { path: { type: 'PathPrefix', value: '/catalog' }, method: 'GET', headers: [{ type: 'Exact', name: 'X-Api-Version', value: '2' }] },
        { path: { type: 'PathPrefix', value: '/catalog' }, method: 'POST', headers: [{ type: 'Exact', name: 'X-Api-Version', value: '2' }] },
      ],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api/catalog' } } }],
      backendRefs: [{ name: 'catalog', port: 80, weight: 90 }, { name: 'basket', port: 80, weight: 10 }],
      timeouts: { request: '1m30s' },
    }]);
    expect(r.path).toBe('/catalog');
    expect(r.methods).toEqual(['GET', 'POST']);
    expect(r.effectiveHostnames).toEqual(['api.example.com', '*.shop.example.com']);
    expect(f.gateway.routes).toEqual([r]);
  });

  test('joins its gateway through the IGateway contract, which ApiGateway implements', () => {
    // GIVEN
    const f = fixture(undefined, ['shop.example.com']);
    const gateway: IGateway = f.gateway;
    // WHEN
    const r = new GatewayRoute(f.chart, 'catalog', { gateway, ...route(f) });
    // THEN
    expect(r.gateway).toBe(f.gateway);
    expect(r.effectiveHostnames).toEqual(['shop.example.com']);
    expect(f.gateway.routes).toEqual([r]);
  });

  test('gateway.addRoute and new GatewayRoute render the same rule', () => {
    const a = fixture();
    a.gateway.addRoute('catalog', route(a, { rewritePrefix: '/' }));
    const b = fixture();
    new GatewayRoute(b.chart, 'catalog', { gateway: b.gateway, ...route(b, { rewritePrefix: '/' }) });
    expect(rules(synthValid(b.chart))).toEqual(rules(synthValid(a.chart)));
  });

  test('uses the gateway hostnames unless the route lists its own', () => {
    const f = fixture(undefined, ['shop.example.com']);
    const inherited = f.gateway.addRoute('catalog', route(f));
    const own = f.gateway.addRoute('admin', route(f, { path: '/admin', hostnames: ['admin.example.com'] }));
    expect(inherited.hostnames).toEqual([]);
    expect(inherited.effectiveHostnames).toEqual(['shop.example.com']);
    expect(own.effectiveHostnames).toEqual(['admin.example.com']);
  });

  test('matches an exact path and rewrites the whole path', () => {
    const f = fixture();
    f.gateway.addRoute('health', route(f, { path: '/health', pathMatch: PathMatch.EXACT, rewritePrefix: '/healthz' }));
    expect(rules(synthValid(f.chart))[0]).toMatchObject({
      matches: [{ path: { type: 'Exact', value: '/health' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/healthz' } } }],
    });
  });

  test('renders a regex path as RegularExpression for Gateway API', () => {
    const f = fixture();
    f.gateway.addRoute('versions', route(f, { path: '/api/v[0-9]+/catalog.*', pathMatch: PathMatch.REGEX }));
    expect(rules(synthValid(f.chart))[0].matches).toEqual([{ path: { type: 'RegularExpression', value: '/api/v[0-9]+/catalog.*' } }]);
  });

  test('matches any method when every method is listed', () => {
    const f = fixture();
    f.gateway.addRoute('catalog', route(f, { methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }));
    expect(rules(synthValid(f.chart))[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/catalog' } }]);
  });

  test('renders weights of 0 and omits weights nobody set', () => {
    const f = fixture();
    f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 100 }), RouteBackend.fromDeployment(f.basket, { weight: 0 })] }));
    f.gateway.addRoute('basket', route(f, { path: '/basket', backends: [RouteBackend.fromDeployment(f.basket)] }));
    const [catalog, basket] = rules(synthValid(f.chart));
    expect(catalog.backendRefs).toEqual([{ name: 'catalog', port: 80, weight: 100 }, { name: 'basket', port: 80, weight: 0 }]);
    expect(basket.backendRefs).toEqual([{ name: 'basket', port: 80 }]);
  });

  test('picks the Service port named "http" when the Service has several', () => {
    const f = fixture();
    const grpc = new kplus.Service(f.services, 'grpc', {
      metadata: { name: 'ordering-grpc' },
      ports: [{ port: 81, name: 'grpc', targetPort: 8081 }, { port: 80, name: 'http', targetPort: 8080 }],
    });
    f.gateway.addRoute('ordering', route(f, { path: '/ordering', backends: [RouteBackend.fromService(grpc)] }));
    expect(rules(synthValid(f.chart))[0].backendRefs).toEqual([{ name: 'ordering-grpc', port: 80 }]);
  });

  test('finds a Service by name in the app', () => {
    const f = fixture();
    f.gateway.addRoute('ordering', route(f, { path: '/ordering', backends: [RouteBackend.fromServiceName('ordering')] }));
    expect(rules(synthValid(f.chart))[0].backendRefs).toEqual([{ name: 'ordering', port: 80 }]);
  });

  test('resolves a deployment exposed after the route was added', () => {
    const f = fixture();
    const late = new ProbedDeployment(f.services, 'payment', { image: 'eshop/payment-api:1.0.0', healthChecks: HealthChecks.aspNetCore() });
    f.gateway.addRoute('payment', route(f, { path: '/payment', backends: [RouteBackend.fromDeployment(late)] }));
    late.expose({ name: 'payment' });
    expect(rules(synthValid(f.chart))[0].backendRefs).toEqual([{ name: 'payment', port: 80 }]);
  });
});

describe('GatewayRoute props', () => {
  test.each([
    ['catalog', 'must be an absolute path'],
    ['/catalog//items', 'must not contain "//"'],
    ['/catalog/./items', 'must not contain "/./" or "/../" segments'],
    ['/catalog/../admin', 'must not contain "/./" or "/../" segments'],
    ['/catalog/..', 'must not contain "/./" or "/../" segments'],
    ['/catalog?x=1', 'must contain only URL path characters'],
    ['/catalog%2Fitems', 'must not contain an encoded "/"'],
  ])('throws for the path %p', (path, rule) => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { path })))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: path ${escape(rule)}.*\\(got "${escape(path)}"\\); write a normalized absolute path such as "/catalog"`));
  });

  test('throws for a regex path that does not compile', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { path: '/catalog/(', pathMatch: PathMatch.REGEX })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: path must be a valid regular expression .*; write the regex from the first "\/" on/);
  });

  test.each([
    ['Shop.Example.com', 'must be a DNS-1123 subdomain'],
    ['shop_example.com', 'must be a DNS-1123 subdomain'],
    ['*.*.example.com', 'must be a DNS-1123 subdomain.*\\(only a leading "\\*\\." wildcard is allowed\\)'],
  ])('throws for the hostname %p', (host, rule) => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { hostnames: [host] })))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: hostnames\\[0\\] ${rule}.*; use a lowercase DNS name such as "shop.example.com"`));
  });

  test('throws for an IP address as hostname', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { hostnames: ['10.0.0.7'] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: hostnames\[0\] must be a DNS name, not an IP address \(got "10\.0\.0\.7"\); omit hostnames to accept any host/);
  });

  test('throws for an unknown method', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { methods: ['GET', 'FETCH'] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: methods\[1\] must be one of GET, HEAD, POST.* \(got "FETCH"\); use a standard HTTP method/);
  });

  test('throws for an invalid header name', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { headers: { 'X Version': '2' } })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: headers must be an HTTP header name.*\(got "X Version"\); use a header name such as "X-Api-Version"/);
  });

  test('throws for a rewrite of a regex path', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { path: '/v[0-9]+', pathMatch: PathMatch.REGEX, rewritePrefix: '/' })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: rewritePrefix needs a prefix or exact path.*; use pathMatch PREFIX or EXACT, or drop rewritePrefix/);
  });

  test('throws for a relative rewrite', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { rewritePrefix: 'api' })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: rewritePrefix must be an absolute path .*\(got "api"\); write an absolute path such as "\/" or "\/api"/);
  });

  test('throws for a zero timeout', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { timeout: Duration.seconds(0) })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: timeout must be a positive whole number of milliseconds \(got "0ms"\); pass a duration such as Duration\.seconds\(30\)/);
  });

  test('throws for a route without backends', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: backends must name at least one backend \(got \[\]\); pass backends: \[RouteBackend\.fromDeployment\(catalog\)\]/);
  });

  test.each([-1, 1_000_001, 2.5])('throws for the weight %p (HTTPRoute weights are 0 to 1,000,000)', (weight) => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight })] })))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: backends\\[0\\]\\.weight must be an integer from 0 to 1,000,000 \\(got ${escape(String(weight))}\\); pass a relative share such as 90 and 10`));
  });

  test('throws when every weight is 0', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 0 }), RouteBackend.fromDeployment(f.basket, { weight: 0 })] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: backends must give at least one backend a weight above 0 .*\(got \[0,0\]\); give the backend that should serve traffic a weight such as 100/);
  });

  test('throws for a backend port that is not a port number', () => {
    const f = fixture();
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { port: 70000 })] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: backends\[0\]\.port must be an integer from 1 to 65535 \(got 70000\); pass the Service port, such as 80/);
  });
});

describe('GatewayRoute checks at synth', () => {
  test('throws for a deployment that has no Service', () => {
    const f = fixture();
    const hidden = new ProbedDeployment(f.services, 'hidden', { image: 'eshop/hidden:1.0.0', healthChecks: HealthChecks.aspNetCore() });
    f.gateway.addRoute('hidden', route(f, { path: '/hidden', backends: [RouteBackend.fromDeployment(hidden)] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/hidden\] GatewayRoute: backends\[0\] must be exposed by a Service, but services\/hidden has none \(got "services\/hidden"\); call expose\(\{ name \}\) on the deployment/);
  });

  test('throws for a port the Service does not have', () => {
    const f = fixture();
    f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { port: 8080 })] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/catalog\] GatewayRoute: backends\[0\] must be a port of Service "catalog" \(80 \(http\)\) \(got 8080\); use the Service port \(clients' port, such as 80\), not the container port/);
  });

  test('throws for a Service name that is not in the app', () => {
    const f = fixture();
    f.gateway.addRoute('payment', route(f, { path: '/payment', backends: [RouteBackend.fromServiceName('payment')] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/payment\] GatewayRoute: backends\[0\] must name a Service of this app, but there is no Service "payment" in namespace "shop" \(got "payment"\); create the Service/);
  });

  test('throws for a Service of another app', () => {
    const f = fixture();
    const other = new Chart(new App(), 'other');
    const foreign = new kplus.Service(other, 'catalog', { metadata: { name: 'catalog' }, ports: [{ port: 80 }] });
    f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromService(foreign)] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/catalog\] GatewayRoute: backends\[0\] must be a Service of this app, but other\/catalog belongs to another App .*; create the Service in the same App as the gateway/);
  });

  test('throws when a Service has several ports and none is named "http"', () => {
    const f = fixture();
    const grpc = new kplus.Service(f.services, 'grpc', {
      metadata: { name: 'ordering-grpc' },
      ports: [{ port: 81, name: 'grpc', targetPort: 8081 }, { port: 82, name: 'admin', targetPort: 8082 }],
    });
    f.gateway.addRoute('ordering', route(f, { path: '/ordering', backends: [RouteBackend.fromService(grpc)] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/ordering\] GatewayRoute: backends\[0\] must choose one of the ports of Service "ordering-grpc" \(81 \(grpc\), 82 \(admin\)\) \(got nothing\); pass port, or name one of the ports "http"/);
  });

  test('throws for a backend in another namespace than the HTTPRoute', () => {
    const f = fixture();
    const other = new Chart(f.app, 'payments', { namespace: 'payments' });
    const payment = new ProbedDeployment(other, 'payment', { image: 'eshop/payment-api:1.0.0', healthChecks: HealthChecks.aspNetCore(), exposure: ServiceExposure.clusterIp(), serviceName: 'payment' });
    f.gateway.addRoute('payment', route(f, { path: '/payment', backends: [RouteBackend.fromDeployment(payment)] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/payment\] GatewayRoute: backends\[0\] must be in the gateway's namespace "shop": an HTTPRoute cannot send traffic to another namespace without a ReferenceGrant \(got "payment in payments"\); create the gateway in the chart of the Services, or use GatewayKind\.yarp\(\)/);
  });

  test('throws for a backend in another namespace than the Ingress', () => {
    const f = fixture(GatewayKind.ingressNginx());
    const other = new Chart(f.app, 'payments', { namespace: 'payments' });
    const payment = new ProbedDeployment(other, 'payment', { image: 'eshop/payment-api:1.0.0', healthChecks: HealthChecks.aspNetCore(), exposure: ServiceExposure.clusterIp(), serviceName: 'payment' });
    f.gateway.addRoute('payment', route(f, { path: '/payment', backends: [RouteBackend.fromDeployment(payment)] }));
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\/payment\] GatewayRoute: backends\[0\] must be in the gateway's namespace "shop": an Ingress only sends traffic to Services of its own namespace \(got "payment in payments"\); create the gateway in the chart of the Services/);
  });
});

describe('GatewayRoute and what each gateway kind can express', () => {
  test('throws for two serving backends on an Ingress, pointing at CanaryRelease', () => {
    const f = fixture(GatewayKind.ingressNginx());
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 90 }), RouteBackend.fromDeployment(f.basket, { weight: 10 })] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: backends must send the path to one Service: an Ingress has no per-backend weights .*\(got \[90,10\]\); give one backend all the traffic \(the others weight 0\), use CanaryRelease with ingress canary annotations, or use GatewayKind\.gatewayApi\(\) for weights/);
  });

  test('sends an Ingress path to the one backend with traffic', () => {
    const f = fixture(GatewayKind.ingressNginx());
    f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 0 }), RouteBackend.fromDeployment(f.basket, { weight: 100 })] }));
    const paths = findOne(synthValid(f.chart), 'Ingress').spec.rules[0].http.paths;
    expect(paths).toEqual([{ path: '/catalog', pathType: 'Prefix', backend: { service: { name: 'basket', port: { number: 80 } } } }]);
  });

  test.each([
    ['methods', { methods: ['GET'] }, 'methods cannot be matched by an Ingress'],
    ['headers', { headers: { 'X-Version': '2' } }, 'headers cannot be matched by an Ingress'],
  ])('throws for %s on an Ingress', (_name, options, message) => {
    const f = fixture(GatewayKind.ingressNginx());
    expect(() => f.gateway.addRoute('catalog', route(f, options as any)))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: ${message} \\(it routes by host and path only\\).*; drop \\w+, or use GatewayKind\\.gatewayApi\\(\\)`));
  });

  test.each([
    ['YARP', GatewayKind.yarp(), 'YARP matches route templates, not regular expressions'],
    ['Ocelot', GatewayKind.ocelot({ image: 'eshop/gateway:1.0.0' }), 'Ocelot matches route templates, not regular expressions'],
    ['GKE Ingress', GatewayKind.gkeIngress(), 'GKE Ingress has no regex paths'],
    ['another Ingress controller', GatewayKind.ingress({ ingressClassName: 'traefik' }), 'the "traefik" Ingress controller has no regex paths'],
  ])('throws for a regex path on %s', (_name, kind, message) => {
    const f = fixture(kind);
    expect(() => f.gateway.addRoute('catalog', route(f, { path: '/v[0-9]+/.*', pathMatch: PathMatch.REGEX })))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: pathMatch cannot be REGEX: ${escape(message)} \\(got "REGEX"\\); use a PREFIX or EXACT path`));
  });

  test('renders a regex path for ingress-nginx with use-regex', () => {
    const f = fixture(GatewayKind.ingressNginx());
    const r = f.gateway.addRoute('versions', route(f, { path: '/api/v[0-9]+/.*', pathMatch: PathMatch.REGEX }));
    const ingress = findOne(synthValid(f.chart), 'Ingress');
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/use-regex': 'true' });
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({ path: '/api/v[0-9]+/.*', pathType: 'ImplementationSpecific' });
    expect(r.ingress).toBeDefined();
  });

  test('throws for a rewrite on GKE Ingress, pointing at GKE Gateway', () => {
    const f = fixture(GatewayKind.gkeIngress());
    expect(() => f.gateway.addRoute('catalog', route(f, { rewritePrefix: '/' })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: rewritePrefix cannot be expressed: GKE Ingress has no path rewrite \(got "\/"\); serve the Service under the same path, or use GatewayKind\.gatewayApi\(\{ gatewayClassName: 'gke-l7-global-external-managed' \}\)/);
  });

  test('throws for a rewrite on an unknown Ingress controller', () => {
    const f = fixture(GatewayKind.ingress({ ingressClassName: 'traefik' }));
    expect(() => f.gateway.addRoute('catalog', route(f, { rewritePrefix: '/' })))
      .toThrow(/GatewayRoute: rewritePrefix cannot be expressed: the "traefik" Ingress controller has no path rewrite .*pass controller: IngressController\.NGINX if the controller reads ingress-nginx annotations/);
  });

  test('rewrites with the ingress-nginx annotations when the controller is declared NGINX', () => {
    const f = fixture(GatewayKind.ingress({ ingressClassName: 'nginx-internal', controller: IngressController.NGINX }));
    f.gateway.addRoute('catalog', route(f, { rewritePrefix: '/' }));
    expect(findOne(synthValid(f.chart), 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']).toBe('/$2');
  });

  test('throws for a timeout on GKE Ingress, pointing at BackendConfig', () => {
    const f = fixture(GatewayKind.gkeIngress());
    expect(() => f.gateway.addRoute('catalog', route(f, { timeout: Duration.seconds(30) })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: timeout cannot be expressed on the Ingress for GKE Ingress \(got "30s"\); set timeoutSec in a BackendConfig/);
  });

  test('throws for a timeout that is not whole seconds on ingress-nginx', () => {
    const f = fixture(GatewayKind.ingressNginx());
    expect(() => f.gateway.addRoute('catalog', route(f, { timeout: Duration.millis(1500) })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: timeout must be whole seconds for ingress-nginx .*\(got "1500ms"\); round the timeout to whole seconds/);
  });

  test.each([
    ['YARP', GatewayKind.yarp()],
    ['Ocelot', GatewayKind.ocelot({ image: 'eshop/gateway:1.0.0' })],
  ])('throws for unequal weights on %s, saying what it can express', (name, kind) => {
    const f = fixture(kind);
    expect(() => f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 90 }), RouteBackend.fromDeployment(f.basket, { weight: 10 })] })))
      .toThrow(new RegExp(`^\\[shop/gateway/catalog\\] GatewayRoute: backends must give every backend with traffic the same weight: ${name} balances the destinations of a route equally \\(round robin\\) and has no weights \\(got \\[90,10\\]\\); use equal weights \\(or 0 to leave a backend out\\), CanaryRelease by replica ratio, or GatewayKind\\.gatewayApi\\(\\) for weighted traffic`));
  });

  test('balances equal weights on YARP and leaves out backends of weight 0', () => {
    const f = fixture(GatewayKind.yarp());
    f.gateway.addRoute('catalog', route(f, { backends: [RouteBackend.fromDeployment(f.catalog, { weight: 50 }), RouteBackend.fromDeployment(f.basket, { weight: 50 }), RouteBackend.fromDeployment(f.ordering, { weight: 0 })] }));
    const config = JSON.parse(findOne(synthValid(f.chart), 'ConfigMap').data['yarp.json']);
    expect(config.ReverseProxy.Clusters.catalog).toEqual({
      LoadBalancingPolicy: 'RoundRobin',
      Destinations: {
        'catalog.shop': { Address: 'http://catalog.shop.svc.cluster.local:80' },
        'basket.shop': { Address: 'http://basket.shop.svc.cluster.local:80' },
      },
    });
  });

  test('throws for a wildcard hostname on Ocelot', () => {
    const f = fixture(GatewayKind.ocelot({ image: 'eshop/gateway:1.0.0' }));
    expect(() => f.gateway.addRoute('catalog', route(f, { hostnames: ['*.example.com'] })))
      .toThrow(/^\[shop\/gateway\/catalog\] GatewayRoute: hostnames\[0\] cannot be a wildcard: Ocelot's UpstreamHost matches one exact host \(got "\*\.example\.com"\); list the exact hostnames/);
  });
});

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
