import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  ApiGatewayProps, CloudProvider, GatewayImplementation, GatewayKind, HealthChecks, HealthProbe, IngressController, ManifestValidator,
  PathMatch, ProbedDeployment, RouteBackend, ServiceExposure,
} from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml, gatewayShop } from '../support';

/** The course's three services and a gateway (test/support/shop.ts). */
function fixture(props: ApiGatewayProps = {}) {
  return gatewayShop(props);
}

type Fixture = ReturnType<typeof fixture>;

/** The course's route table: one rewrite to the root, one to another prefix, an exact path. */
function courseRoutes(f: Fixture): void {
  f.gateway.addRoute('catalog', { path: '/catalog-service', rewritePrefix: '/', backends: [RouteBackend.fromDeployment(f.catalog)] });
  f.gateway.addRoute('basket', { path: '/basket-service', rewritePrefix: '/api/basket', backends: [RouteBackend.fromDeployment(f.basket)] });
  f.gateway.addRoute('ordering', { path: '/ordering-service', backends: [RouteBackend.fromDeployment(f.ordering)] });
}

function config(manifests: Manifest[], file: string): any {
  return JSON.parse(findOne(manifests, 'ConfigMap').data[file]);
}

function appManifests(app: App): Manifest[] {
  return app.charts.flatMap(c => Testing.synth(c)) as Manifest[];
}

describe('ApiGateway with Gateway API (the default)', () => {
  test('synthesizes a Gateway and an HTTPRoute with defaults', () => {
    // GIVEN
    const f = fixture();
    // WHEN
    f.gateway.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(f.catalog)] });
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const gateway = findOne(manifests, 'Gateway');
    expect(gateway.spec).toEqual({
      gatewayClassName: 'nginx',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    expect(findOne(manifests, 'HTTPRoute').spec.parentRefs).toEqual([{ name: gateway.metadata.name }]);
    expect(f.gateway.kind.implementation).toBe(GatewayImplementation.GATEWAY_API);
  });

  test('synthesizes every prop', () => {
    // GIVEN
    const f = fixture({
      kind: GatewayKind.gatewayApi({ gatewayClassName: 'eg' }),
      name: 'shop',
      hostnames: ['shop.example.com', 'www.shop.example.com'],
      tlsSecretName: 'shop-tls',
      httpPort: 8080,
      httpsPort: 8443,
    });
    // WHEN
    courseRoutes(f);
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(findOne(manifests, 'Gateway', 'shop').spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'Same' } } },
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 8443,
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'shop-tls' }] },
          allowedRoutes: { namespaces: { from: 'Same' } },
        },
      ],
    });
    const route = findOne(manifests, 'HTTPRoute', 'shop');
    expect(route.spec.hostnames).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(route.spec.rules).toHaveLength(3);
    expect(f.gateway.httpRoutes.map(r => r.name)).toEqual(['shop']);
    expect(f.gateway.gatewayResource?.name).toBe('shop');
  });

  test('attaches HTTPRoutes to an existing Gateway in another namespace, and creates no Gateway', () => {
    const f = fixture({ kind: GatewayKind.existingGateway('shared', 'gateway-system') });
    courseRoutes(f);
    const manifests = synthValid(f.chart);
    expect(allOf(manifests, 'Gateway')).toEqual([]);
    expect(findOne(manifests, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'gateway-system' }]);
    expect(f.gateway.kind.existing).toBe(true);
  });

  test('leaves the parentRef namespace out when the existing Gateway is in the same namespace', () => {
    const f = fixture({ kind: GatewayKind.existingGateway('shared', 'shop') });
    courseRoutes(f);
    expect(findOne(synthValid(f.chart), 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared' }]);
  });

  test('puts routes with their own hostnames in an HTTPRoute of their own', () => {
    const f = fixture({ name: 'shop', hostnames: ['shop.example.com'] });
    courseRoutes(f);
    f.gateway.addRoute('admin', { path: '/', hostnames: ['admin.example.com'], backends: [RouteBackend.fromDeployment(f.ordering)] });
    const manifests = synthValid(f.chart);
    expect(allOf(manifests, 'HTTPRoute').map(r => [r.metadata.name, r.spec.hostnames, r.spec.rules.length])).toEqual([
      ['shop', ['shop.example.com'], 3],
      ['shop-admin-example-com', ['admin.example.com'], 1],
    ]);
  });

  test('splits 17 routes into two HTTPRoutes of 16 and 1 rules (the Gateway API limit)', () => {
    // GIVEN
    const f = fixture({ name: 'shop' });
    // WHEN
    for (let i = 1; i <= 17; i++) {
      f.gateway.addRoute(`r${i}`, { path: `/service-${i}`, backends: [RouteBackend.fromDeployment(f.catalog)] });
    }
    // THEN
    const routes = allOf(synthValid(f.chart), 'HTTPRoute');
    expect(routes.map(r => [r.metadata.name, r.spec.rules.length])).toEqual([['shop', 16], ['shop-2', 1]]);
    expect(routes.flatMap(r => r.spec.rules.map((rule: any) => rule.matches[0].path.value)))
      .toEqual(Array.from({ length: 17 }, (_, i) => `/service-${i + 1}`));
  });

  test('splits 20 hostnames into two HTTPRoutes of 16 and 4 hostnames with the same rules', () => {
    const hostnames = Array.from({ length: 20 }, (_, i) => `shop${i + 1}.example.com`);
    const f = fixture({ name: 'shop', hostnames });
    courseRoutes(f);
    const routes = allOf(synthValid(f.chart), 'HTTPRoute');
    expect(routes.map(r => [r.metadata.name, r.spec.hostnames.length])).toEqual([['shop', 16], ['shop-2', 4]]);
    expect(routes.flatMap(r => r.spec.hostnames)).toEqual(hostnames);
    expect(routes[1].spec.rules).toEqual(routes[0].spec.rules);
  });

  test('splits by hostnames and rules at once, covering every host and rule exactly once', () => {
    const hostnames = Array.from({ length: 20 }, (_, i) => `shop${i + 1}.example.com`);
    const f = fixture({ hostnames });
    for (let i = 1; i <= 17; i++) {
      f.gateway.addRoute(`r${i}`, { path: `/service-${i}`, backends: [RouteBackend.fromDeployment(f.catalog)] });
    }
    const routes = allOf(synthValid(f.chart), 'HTTPRoute');
    expect(routes).toHaveLength(4);
    const pairs = routes.flatMap(r => r.spec.hostnames.flatMap((h: string) => r.spec.rules.map((rule: any) => `${h} ${rule.matches[0].path.value}`)));
    expect(pairs).toHaveLength(20 * 17);
    expect(new Set(pairs).size).toBe(20 * 17);
    for (const r of routes) {
      expect(r.spec.hostnames.length).toBeLessThanOrEqual(16);
      expect(r.spec.rules.length).toBeLessThanOrEqual(16);
    }
  });

  test('passes the cross-object checks with the services it routes to', () => {
    const f = fixture({ hostnames: ['shop.example.com'], tlsSecretName: 'shop-tls' });
    courseRoutes(f);
    expect(ManifestValidator.validateManifests(appManifests(f.app), { externalSecrets: ['shop-tls'] })).toEqual([]);
  });
});

describe('ApiGateway with an Ingress', () => {
  test('synthesizes an ingress-nginx Ingress with every prop', () => {
    // GIVEN
    const f = fixture({ kind: GatewayKind.ingressNginx(), name: 'shop', hostnames: ['shop.example.com'], tlsSecretName: 'shop-tls' });
    // WHEN
    courseRoutes(f);
    f.gateway.addRoute('search', { path: '/search', timeout: Duration.seconds(60), backends: [RouteBackend.fromDeployment(f.catalog)] });
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const shared = findOne(manifests, 'Ingress', 'shop');
    expect(shared.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [{
        host: 'shop.example.com',
        http: { paths: [{ path: '/ordering-service', pathType: 'Prefix', backend: { service: { name: 'ordering', port: { number: 80 } } } }] },
      }],
    });
    expect(f.gateway.ingress?.name).toBe('shop');
  });

  test('gives each rewritten route an Ingress of its own with a capture-group rewrite', () => {
    const f = fixture({ kind: GatewayKind.ingressNginx() });
    courseRoutes(f);
    const manifests = synthValid(f.chart);
    const own = allOf(manifests, 'Ingress').filter(i => i.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target']);
    expect(own.map(i => [i.spec.rules[0].http.paths[0].path, i.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']])).toEqual([
      ['/catalog-service(/|$)(.*)', '/$2'],
      ['/basket-service(/|$)(.*)', '/api/basket/$2'],
    ]);
    for (const i of own) {
      expect(i.metadata.annotations['nginx.ingress.kubernetes.io/use-regex']).toBe('true');
      expect(i.spec.rules[0].http.paths[0].pathType).toBe('ImplementationSpecific');
    }
  });

  test('rewrites an exact path and the root prefix with ingress-nginx', () => {
    const f = fixture({ kind: GatewayKind.ingressNginx() });
    f.gateway.addRoute('health', { path: '/health.check', pathMatch: PathMatch.EXACT, rewritePrefix: '/healthz', backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('root', { path: '/', rewritePrefix: '/web', backends: [RouteBackend.fromDeployment(f.basket)] });
    const own = allOf(synthValid(f.chart), 'Ingress');
    expect(own.map(i => [i.spec.rules[0].http.paths[0].path, i.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']])).toEqual([
      ['/health\\.check$', '/healthz'],
      ['/(.*)', '/web/$1'],
    ]);
  });

  test('renders timeouts as proxy-read and proxy-send timeouts in seconds', () => {
    const f = fixture({ kind: GatewayKind.ingressNginx() });
    f.gateway.addRoute('search', { path: '/search', timeout: Duration.minutes(2), backends: [RouteBackend.fromDeployment(f.catalog)] });
    expect(findOne(synthValid(f.chart), 'Ingress').metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '120',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '120',
    });
  });

  test('uses the class of the AKS application routing add-on', () => {
    const f = fixture({ kind: GatewayKind.aksApplicationRouting() });
    courseRoutes(f);
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    for (const i of allOf(manifests, 'Ingress')) expect(i.spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
    expect(f.gateway.kind.ingressController).toBe(IngressController.NGINX);
  });

  test('names the GKE class in the kubernetes.io/ingress.class annotation, which is all GKE reads', () => {
    const f = fixture({ kind: GatewayKind.gkeIngress({ internal: true }) });
    f.gateway.addRoute('catalog', { path: '/catalog-service', backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('basket', { path: '/basket-service', backends: [RouteBackend.fromDeployment(f.basket)] });
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const ingress = findOne(manifests, 'Ingress');
    expect(ingress.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce-internal' });
    expect(ingress.spec.ingressClassName).toBeUndefined();
    expect(ingress.spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/catalog-service', '/basket-service']);
  });

  test('infers the controller from well-known class names', () => {
    expect(GatewayKind.ingress({ ingressClassName: 'nginx' }).ingressController).toBe(IngressController.NGINX);
    expect(GatewayKind.ingress({ ingressClassName: 'webapprouting.kubernetes.azure.com' }).ingressController).toBe(IngressController.NGINX);
    expect(GatewayKind.ingress({ ingressClassName: 'gce' }).ingressController).toBe(IngressController.GCE);
    expect(GatewayKind.ingress({ ingressClassName: 'traefik' }).ingressController).toBe(IngressController.OTHER);
  });

  test('passes the cross-object checks with the services it routes to', () => {
    const f = fixture({ kind: GatewayKind.ingressNginx(), hostnames: ['shop.example.com'] });
    courseRoutes(f);
    expect(ManifestValidator.validateManifests(appManifests(f.app))).toEqual([]);
  });
});

describe('ApiGateway with YARP', () => {
  test('synthesizes the YARP image, its Service and its route configuration with defaults', () => {
    // GIVEN
    const f = fixture({ kind: GatewayKind.yarp() });
    // WHEN
    courseRoutes(f);
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const container = podSpecOf(findOne(manifests, 'Deployment')).containers[0];
    expect(container.image).toBe('mcr.microsoft.com/dotnet/nightly/yarp:2-preview');
    expect(container.command).toEqual(['dotnet', '/app/yarp.dll', '/app/config/yarp.json']);
    expect(container.env).toEqual([
      { name: 'ASPNETCORE_URLS', value: 'http://+:5000' },
      { name: 'GATEWAY_CONFIG_FILE', value: '/app/config/yarp.json' },
    ]);
    expect(container.volumeMounts).toContainEqual({ name: 'config', mountPath: '/app/config', readOnly: true });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 5000 });
    const service = findOne(manifests, 'Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 5000, protocol: 'TCP' }]);
    expect(config(manifests, 'yarp.json')).toEqual({
      ReverseProxy: {
        Routes: {
          catalog: { ClusterId: 'catalog', Match: { Path: '/catalog-service/{**catch-all}' }, Transforms: [{ PathRemovePrefix: '/catalog-service' }] },
          basket: { ClusterId: 'basket', Match: { Path: '/basket-service/{**catch-all}' }, Transforms: [{ PathRemovePrefix: '/basket-service' }, { PathPrefix: '/api/basket' }] },
          ordering: { ClusterId: 'ordering', Match: { Path: '/ordering-service/{**catch-all}' } },
        },
        Clusters: {
          catalog: { Destinations: { 'catalog.shop': { Address: 'http://catalog.shop.svc.cluster.local:80' } } },
          basket: { Destinations: { 'basket.shop': { Address: 'http://basket.shop.svc.cluster.local:80' } } },
          ordering: { Destinations: { 'ordering.shop': { Address: 'http://ordering.shop.svc.cluster.local:80' } } },
        },
      },
    });
  });

  test('synthesizes every option, TLS served by Kestrel included', () => {
    // GIVEN
    const f = fixture({
      kind: GatewayKind.yarp({
        image: 'eshop/gateway-yarp:1.0.0',
        port: 8088,
        tlsPort: 8444,
        exposure: ServiceExposure.nodePort(30080),
        replicas: 3,
        healthChecks: HealthChecks.of({ liveness: HealthProbe.httpGet('/alive'), readiness: HealthProbe.httpGet('/health') }),
        configDirectory: '/etc/gateway/',
        clusterDomain: 'cluster.example',
      }),
      name: 'gateway',
      hostnames: ['shop.example.com', '*.shop.example.com'],
      tlsSecretName: 'shop-tls',
      httpPort: 8080,
      httpsPort: 8443,
    });
    // WHEN
    courseRoutes(f);
    f.gateway.addRoute('orders', {
      path: '/orders',
      pathMatch: PathMatch.EXACT,
      methods: ['GET'],
      headers: { 'X-Api-Version': '2' },
      rewritePrefix: '/api/orders',
      timeout: Duration.seconds(90),
      backends: [RouteBackend.fromDeployment(f.ordering), RouteBackend.fromDeployment(f.basket)],
    });
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const pod = podSpecOf(findOne(manifests, 'Deployment', 'gateway'));
    const container = pod.containers[0];
    expect(container.command).toBeUndefined();
    expect(container.env).toEqual([
      { name: 'ASPNETCORE_URLS', value: 'http://+:8088;https://+:8444' },
      { name: 'GATEWAY_CONFIG_FILE', value: '/etc/gateway/yarp.json' },
      { name: 'ASPNETCORE_Kestrel__Certificates__Default__Path', value: '/app/tls/tls.crt' },
      { name: 'ASPNETCORE_Kestrel__Certificates__Default__KeyPath', value: '/app/tls/tls.key' },
    ]);
    expect(container.ports).toEqual([{ containerPort: 8088, name: 'http' }, { containerPort: 8444, name: 'https' }]);
    expect(pod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'shop-tls' } });
    expect(findOne(manifests, 'Deployment', 'gateway').spec.replicas).toBe(3);
    expect(findOne(manifests, 'Service', 'gateway').spec).toMatchObject({
      type: 'NodePort',
      ports: [
        { name: 'http', port: 8080, targetPort: 8088, nodePort: 30080, protocol: 'TCP' },
        { name: 'https', port: 8443, targetPort: 8444, protocol: 'TCP' },
      ],
    });
    const yarp = config(manifests, 'yarp.json').ReverseProxy;
    expect(yarp.Routes.orders).toEqual({
      ClusterId: 'orders',
      Match: {
        Path: '/orders',
        Hosts: ['shop.example.com', '*.shop.example.com'],
        Methods: ['GET'],
        Headers: [{ Name: 'X-Api-Version', Values: ['2'], Mode: 'ExactHeader', IsCaseSensitive: true }],
      },
      Timeout: '00:01:30',
      Transforms: [{ PathSet: '/api/orders' }],
    });
    expect(yarp.Clusters.orders).toEqual({
      LoadBalancingPolicy: 'RoundRobin',
      Destinations: {
        'ordering.shop': { Address: 'http://ordering.shop.svc.cluster.example:80' },
        'basket.shop': { Address: 'http://basket.shop.svc.cluster.example:80' },
      },
    });
    expect(f.gateway.service?.name).toBe('gateway');
    expect(f.gateway.configMap?.name).toBe('gateway-config');
  });

  test('renders a timeout as the route\'s whole-request Timeout, raising the idle timeout only past its 100 seconds', () => {
    // GIVEN a YARP image of your own (it adds the request timeouts middleware)
    const f = fixture({ kind: GatewayKind.yarp({ image: 'eshop/gateway-yarp:1.0.0' }) });
    // WHEN one route may take 30 seconds and another 5 minutes
    f.gateway.addRoute('catalog', { path: '/catalog', timeout: Duration.seconds(30), backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('ordering', { path: '/ordering', timeout: Duration.minutes(5), backends: [RouteBackend.fromDeployment(f.ordering)] });
    // THEN each route has its Timeout, as Gateway API's timeouts.request and Ocelot's TimeoutValue mean it,
    // and only the 5-minute route's cluster waits as long for an idle response (YARP's ActivityTimeout is 100 s)
    const yarp = config(synthValid(f.chart), 'yarp.json').ReverseProxy;
    expect(yarp.Routes.catalog.Timeout).toBe('00:00:30');
    expect(yarp.Routes.ordering.Timeout).toBe('00:05:00');
    expect(yarp.Clusters.catalog.HttpRequest).toBeUndefined();
    expect(yarp.Clusters.ordering.HttpRequest).toEqual({ ActivityTimeout: '00:05:00' });
  });

  test.each([
    [undefined],
    ['mcr.microsoft.com/dotnet/nightly/yarp@sha256:0f3c4e2a9d1b8c7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e'],
  ])('throws for a timeout on the YARP container image %p, which cannot apply it', (image) => {
    // GIVEN the YARP container image (by default, or pinned by digest)
    const f = fixture({ kind: GatewayKind.yarp({ image }) });
    // WHEN a route asks for a timeout THEN it fails before YARP would refuse every request of the route
    expect(() => f.gateway.addRoute('ordering', { path: '/ordering', timeout: Duration.seconds(60), backends: [RouteBackend.fromDeployment(f.ordering)] }))
      .toThrow(/^\[shop\/gateway\/ordering\] GatewayRoute: timeout cannot be applied by the YARP container image: a route Timeout needs ASP\.NET Core's request timeouts middleware.* \(got "60s"\); run your own YARP image whose Program\.cs calls builder\.Services\.AddRequestTimeouts\(\) and app\.UseRequestTimeouts\(\) \(GatewayKind\.yarp\(\{ image \}\)\), or drop timeout$/);
  });

  test('runs under the restricted Pod Security Standard', () => {
    const f = fixture({ kind: GatewayKind.yarp(), tlsSecretName: 'shop-tls' });
    courseRoutes(f);
    expect(restrictedViolations(podSpecOf(findOne(synthValid(f.chart), 'Deployment')))).toEqual([]);
  });

  test('rolls the gateway pods when the routes change', () => {
    const checksum = (extra: boolean) => {
      const f = fixture({ kind: GatewayKind.yarp() });
      courseRoutes(f);
      if (extra) f.gateway.addRoute('search', { path: '/search', backends: [RouteBackend.fromDeployment(f.catalog)] });
      return findOne(synthValid(f.chart), 'Deployment').spec.template.metadata.annotations['k8s-course-constructs/config-checksum'];
    };
    expect(checksum(false)).toMatch(/^[0-9a-f]{16}$/);
    expect(checksum(true)).not.toBe(checksum(false));
  });

  test('reaches Services in other namespaces by their cluster DNS names', () => {
    const f = fixture({ kind: GatewayKind.yarp() });
    const payments = new Chart(f.app, 'payments', { namespace: 'payments' });
    const payment = new ProbedDeployment(payments, 'payment', {
      image: 'eshop/payment-api:1.0.0',
      healthChecks: HealthChecks.aspNetCore(),
      exposure: ServiceExposure.clusterIp(),
      serviceName: 'payment',
    });
    f.gateway.addRoute('payment', { path: '/payment', backends: [RouteBackend.fromDeployment(payment)] });
    expect(config(synthValid(f.chart), 'yarp.json').ReverseProxy.Clusters.payment.Destinations)
      .toEqual({ 'payment.payments': { Address: 'http://payment.payments.svc.cluster.local:80' } });
  });

  test('passes the cross-object checks with the services it routes to', () => {
    const f = fixture({ kind: GatewayKind.yarp({ exposure: ServiceExposure.loadBalancer({ internal: CloudProvider.AKS }) }) });
    courseRoutes(f);
    expect(ManifestValidator.validateManifests(appManifests(f.app))).toEqual([]);
  });
});

describe('ApiGateway with Ocelot', () => {
  test('synthesizes the gateway image and its Ocelot routes', () => {
    // GIVEN
    const f = fixture({ kind: GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' }), hostnames: ['shop.example.com'] });
    // WHEN
    courseRoutes(f);
    f.gateway.addRoute('orders', {
      path: '/orders',
      methods: ['GET', 'POST'],
      headers: { 'X-Api-Version': '2' },
      timeout: Duration.seconds(30),
      backends: [RouteBackend.fromDeployment(f.ordering)],
    });
    // THEN
    const manifests = synthValid(f.chart);
    expect(toYaml(manifests)).toMatchSnapshot();
    const container = podSpecOf(findOne(manifests, 'Deployment')).containers[0];
    expect(container.image).toBe('eshop/gateway-ocelot:1.0.0');
    expect(container.command).toBeUndefined();
    expect(container.env).toContainEqual({ name: 'GATEWAY_CONFIG_FILE', value: '/app/config/ocelot.json' });
    const routes = config(manifests, 'ocelot.json').Routes;
    expect(routes.filter((r: any) => r.UpstreamPathTemplate.startsWith('/catalog-service'))).toEqual([
      {
        UpstreamPathTemplate: '/catalog-service/{everything}',
        UpstreamHost: 'shop.example.com',
        RouteIsCaseSensitive: true,
        DownstreamPathTemplate: '/{everything}',
        DownstreamScheme: 'http',
        DownstreamHostAndPorts: [{ Host: 'catalog.shop.svc.cluster.local', Port: 80 }],
      },
      {
        UpstreamPathTemplate: '/catalog-service',
        UpstreamHost: 'shop.example.com',
        RouteIsCaseSensitive: true,
        DownstreamPathTemplate: '/',
        DownstreamScheme: 'http',
        DownstreamHostAndPorts: [{ Host: 'catalog.shop.svc.cluster.local', Port: 80 }],
      },
    ]);
    expect(routes.find((r: any) => r.UpstreamPathTemplate === '/orders')).toMatchObject({
      UpstreamHttpMethod: ['Get', 'Post'],
      UpstreamHeaderTemplates: { 'X-Api-Version': '2' },
      QoSOptions: { TimeoutValue: 30000 },
    });
  });

  test('writes one Ocelot route per host, since UpstreamHost holds one host', () => {
    const f = fixture({ kind: GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' }), hostnames: ['a.example.com', 'b.example.com'] });
    f.gateway.addRoute('health', { path: '/health', pathMatch: PathMatch.EXACT, backends: [RouteBackend.fromDeployment(f.catalog)] });
    const routes = config(synthValid(f.chart), 'ocelot.json').Routes;
    expect(routes.map((r: any) => [r.UpstreamHost, r.UpstreamPathTemplate])).toEqual([['a.example.com', '/health'], ['b.example.com', '/health']]);
  });

  test('writes an exact route once when a prefix route covers the same path', () => {
    const f = fixture({ kind: GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' }) });
    f.gateway.addRoute('exact', { path: '/catalog', pathMatch: PathMatch.EXACT, backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('prefix', { path: '/catalog', backends: [RouteBackend.fromDeployment(f.catalog)] });
    const routes = config(synthValid(f.chart), 'ocelot.json').Routes;
    expect(routes.map((r: any) => r.UpstreamPathTemplate)).toEqual(['/catalog', '/catalog/{everything}']);
  });
});

describe('One route table, every gateway kind', () => {
  /** A route as every kind must express it. */
  interface Expressed { match: string; path: string; rewrite?: string; backend: string }

  const expected: Expressed[] = [
    { match: 'PREFIX', path: '/catalog-service', rewrite: '/', backend: 'catalog:80' },
    { match: 'PREFIX', path: '/basket-service', rewrite: '/api/basket', backend: 'basket:80' },
    { match: 'PREFIX', path: '/ordering-service', backend: 'ordering:80' },
    { match: 'EXACT', path: '/health', rewrite: '/healthz', backend: 'catalog:80' },
    { match: 'PREFIX', path: '/', backend: 'basket:80' },
  ];

  function build(kind: GatewayKind): Manifest[] {
    const f = fixture({ kind, hostnames: ['shop.example.com'] });
    courseRoutes(f);
    f.gateway.addRoute('health', { path: '/health', pathMatch: PathMatch.EXACT, rewritePrefix: '/healthz', backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('web', { path: '/', backends: [RouteBackend.fromDeployment(f.basket)] });
    return synthValid(f.chart);
  }

  const sorted = (list: Expressed[]) => [...list].sort((a, b) => `${a.path} ${a.match}`.localeCompare(`${b.path} ${b.match}`));
  const clean = (e: Expressed): Expressed => (e.rewrite === undefined ? { match: e.match, path: e.path, backend: e.backend } : e);

  function fromHttpRoute(manifests: Manifest[]): Expressed[] {
    const types: any = { PathPrefix: 'PREFIX', Exact: 'EXACT' };
    return findOne(manifests, 'HTTPRoute').spec.rules.map((rule: any) => {
      const rewrite = rule.filters?.[0]?.urlRewrite.path;
      return clean({
        match: types[rule.matches[0].path.type],
        path: rule.matches[0].path.value,
        rewrite: rewrite?.replacePrefixMatch ?? rewrite?.replaceFullPath,
        backend: `${rule.backendRefs[0].name}:${rule.backendRefs[0].port}`,
      });
    });
  }

  function fromIngress(manifests: Manifest[]): Expressed[] {
    return allOf(manifests, 'Ingress').flatMap(ingress => ingress.spec.rules[0].http.paths.map((p: any) => {
      const target: string | undefined = ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target'];
      const backend = `${p.backend.service.name}:${p.backend.service.port.number}`;
      if (target === undefined) return clean({ match: p.pathType === 'Exact' ? 'EXACT' : 'PREFIX', path: p.path, backend });
      const prefix = /^(.*)\(\/\|\$\)\(\.\*\)$/.exec(p.path);
      const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
      if (prefix) return { match: 'PREFIX', path: unescape(prefix[1]), rewrite: target.replace(/\/?\$2$/, '') || '/', backend };
      return { match: 'EXACT', path: unescape(p.path.replace(/\$$/, '')), rewrite: target, backend };
    }));
  }

  function fromYarp(manifests: Manifest[]): Expressed[] {
    const { Routes, Clusters } = config(manifests, 'yarp.json').ReverseProxy;
    return Object.values(Routes).map((r: any) => {
      const prefix = /^(.*?)\/?\{\*\*catch-all\}$/.exec(r.Match.Path);
      const path = prefix ? prefix[1] || '/' : r.Match.Path;
      const t = Object.assign({}, ...r.Transforms ?? []);
      const rewrite = t.PathSet ?? t.PathPrefix ?? (t.PathRemovePrefix ? '/' : undefined);
      const [, host, port] = /^http:\/\/([^.:]+)[^:]*:(\d+)$/.exec((Object.values(Clusters[r.ClusterId].Destinations)[0] as any).Address)!;
      return clean({ match: prefix ? 'PREFIX' : 'EXACT', path, rewrite, backend: `${host}:${port}` });
    });
  }

  function fromOcelot(manifests: Manifest[]): Expressed[] {
    const routes: any[] = config(manifests, 'ocelot.json').Routes;
    const prefixes = new Set(routes.filter(r => r.UpstreamPathTemplate.endsWith('{everything}')).map(r => r.UpstreamPathTemplate.replace(/\/?\{everything\}$/, '') || '/'));
    return routes
      // The exact half of a prefix route (`/catalog` next to `/catalog/{everything}`) is not a route of its own.
      .filter(r => r.UpstreamPathTemplate.endsWith('{everything}') || !prefixes.has(r.UpstreamPathTemplate))
      .map(r => {
        const prefix = r.UpstreamPathTemplate.endsWith('{everything}');
        const path = prefix ? r.UpstreamPathTemplate.replace(/\/?\{everything\}$/, '') || '/' : r.UpstreamPathTemplate;
        const down = prefix ? r.DownstreamPathTemplate.replace(/\/?\{everything\}$/, '') || '/' : r.DownstreamPathTemplate;
        const host = r.DownstreamHostAndPorts[0];
        return clean({ match: prefix ? 'PREFIX' : 'EXACT', path, rewrite: down === path ? undefined : down, backend: `${host.Host.split('.')[0]}:${host.Port}` });
      });
  }

  test('the HTTPRoute, the Ingress and the YARP and Ocelot configurations express the same paths, rewrites and backends', () => {
    // GIVEN one route table, WHEN rendered for each kind
    const httpRoute = fromHttpRoute(build(GatewayKind.gatewayApi()));
    const ingress = fromIngress(build(GatewayKind.ingressNginx()));
    const yarp = fromYarp(build(GatewayKind.yarp()));
    const ocelot = fromOcelot(build(GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' })));
    // THEN each expresses the table
    expect(sorted(httpRoute)).toEqual(sorted(expected));
    expect(sorted(ingress)).toEqual(sorted(expected));
    expect(sorted(yarp)).toEqual(sorted(expected));
    expect(sorted(ocelot)).toEqual(sorted(expected));
  });

  test('every kind answers the same hostnames', () => {
    expect(findOne(build(GatewayKind.gatewayApi()), 'HTTPRoute').spec.hostnames).toEqual(['shop.example.com']);
    expect(new Set(allOf(build(GatewayKind.ingressNginx()), 'Ingress').map(i => i.spec.rules[0].host))).toEqual(new Set(['shop.example.com']));
    expect(new Set(Object.values(config(build(GatewayKind.yarp()), 'yarp.json').ReverseProxy.Routes).map((r: any) => r.Match.Hosts.join()))).toEqual(new Set(['shop.example.com']));
    expect(new Set(config(build(GatewayKind.ocelot({ image: 'eshop/gateway-ocelot:1.0.0' })), 'ocelot.json').Routes.map((r: any) => r.UpstreamHost))).toEqual(new Set(['shop.example.com']));
  });
});

describe('ApiGateway checks', () => {
  test('throws at synth for a gateway without routes', () => {
    const f = fixture();
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\] ApiGateway: routes must not be empty: a gateway without routes answers every request with 404 \(got 0\); call gateway\.addRoute\(id, \{ path, backends \}\)/);
  });

  test('throws at synth for two routes with the same host, path and match', () => {
    const f = fixture({ hostnames: ['shop.example.com'] });
    f.gateway.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('catalog2', { path: '/catalog/', backends: [RouteBackend.fromDeployment(f.basket)] });
    expect(() => synthValid(f.chart))
      .toThrow(/\[shop\/gateway\] ApiGateway: routes must not repeat a host, path and match: shop\/gateway\/catalog and shop\/gateway\/catalog2 both match PREFIX "\/catalog" on shop\.example\.com \(got "\/catalog"\); merge them into one route with several backends/);
  });

  test('accepts the same path with other methods, headers or hostnames', () => {
    const f = fixture();
    f.gateway.addRoute('read', { path: '/catalog', methods: ['GET'], backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('write', { path: '/catalog', methods: ['POST'], backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('v2', { path: '/catalog', headers: { 'X-Api-Version': '2' }, backends: [RouteBackend.fromDeployment(f.catalog)] });
    f.gateway.addRoute('admin', { path: '/catalog', hostnames: ['admin.example.com'], backends: [RouteBackend.fromDeployment(f.catalog)] });
    expect(() => synthValid(f.chart)).not.toThrow();
  });

  test.each([
    [{ name: 'Shop_Gateway' }, /^\[shop\/gateway\] ApiGateway: name must be a DNS-1123 subdomain.*\(got "Shop_Gateway"\); use a lowercase name such as "shop-gateway"/],
    [{ hostnames: ['Shop.Example.com'] }, /^\[shop\/gateway\] ApiGateway: hostnames\[0\] must be a DNS-1123 subdomain.*\(got "Shop\.Example\.com"\); omit hostnames to accept any host/],
    [{ hostnames: ['10.1.2.3'] }, /^\[shop\/gateway\] ApiGateway: hostnames\[0\] must be a DNS name, not an IP address \(got "10\.1\.2\.3"\); omit hostnames/],
    [{ hostnames: ['a.example.com', 'a.example.com'] }, /^\[shop\/gateway\] ApiGateway: hostnames\[1\] must not repeat a hostname .*; list each hostname once/],
    [{ tlsSecretName: 'Shop TLS' }, /^\[shop\/gateway\] ApiGateway: tlsSecretName must be a DNS-1123 subdomain.*; pass the name of a kubernetes\.io\/tls Secret/],
    [{ httpPort: 0 }, /^\[shop\/gateway\] ApiGateway: httpPort must be an integer from 1 to 65535 \(got 0\); use 80 and 443/],
    [{ kind: GatewayKind.gatewayApi({ gatewayClassName: 'Envoy Gateway' }) }, /^\[shop\/gateway\] ApiGateway: kind\.gatewayClassName must be a DNS-1123 subdomain.*; pass a class that `kubectl get gatewayclass` lists/],
    [{ kind: GatewayKind.existingGateway('shared', 'Gateway_System') }, /^\[shop\/gateway\] ApiGateway: kind\.gatewayNamespace must be a DNS-1123 label.*; pass the namespace of the existing Gateway/],
    [{ kind: GatewayKind.existingGateway('shared'), tlsSecretName: 'shop-tls' }, /^\[shop\/gateway\] ApiGateway: tlsSecretName cannot be set for an existing Gateway: its listeners hold the certificates .*; configure TLS on the existing Gateway/],
    [{ kind: GatewayKind.existingGateway('shared'), httpPort: 8080 }, /^\[shop\/gateway\] ApiGateway: httpPort cannot be set for an existing Gateway \(its listeners are not ours\) \(got 8080\); drop httpPort/],
  ])('throws for bad props %#', (props, message) => {
    expect(() => fixture(props as ApiGatewayProps)).toThrow(message);
  });

  test('throws for an IP address as an Ingress host, saying an Ingress host cannot be an IP', () => {
    expect(() => fixture({ kind: GatewayKind.ingressNginx(), hostnames: ['192.168.1.10'] }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: hostnames\[0\] must be a DNS name, not an IP address \(an Ingress host cannot be an IP\) \(got "192\.168\.1\.10"\); omit hostnames to accept any host \(a load balancer IP included\)/);
  });

  test('throws for ports on an Ingress, whose controller chooses them', () => {
    expect(() => fixture({ kind: GatewayKind.ingressNginx(), httpsPort: 8443 }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: httpsPort cannot be set for an Ingress \(the controller chooses its ports\) \(got 8443\); drop httpsPort/);
  });

  test('throws for an invalid IngressClass name', () => {
    expect(() => fixture({ kind: GatewayKind.ingress({ ingressClassName: 'NGINX' }) }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind\.ingressClassName must be a DNS-1123 subdomain.*\(got "NGINX"\); pass a class that `kubectl get ingressclass` lists/);
  });

  test('throws for a ClusterIP in-cluster gateway, which nothing outside could reach', () => {
    expect(() => fixture({ kind: GatewayKind.yarp({ exposure: ServiceExposure.clusterIp() }) }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind\.exposure must be a LoadBalancer or NodePort Service: the gateway is the entry point from outside the cluster \(got ClusterIP\) \(got "ClusterIP"\); use ServiceExposure\.loadBalancer\(\) on a cloud, or ServiceExposure\.nodePort\(30080\) on a local cluster/);
  });

  test('throws for an Ocelot gateway without an image', () => {
    expect(() => fixture({ kind: GatewayKind.ocelot({ image: '' }) }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind\.image is required and must not have surrounding spaces \(got ""\); build your Ocelot gateway into an image and pass it/);
  });

  test('throws for a wildcard gateway hostname on Ocelot', () => {
    expect(() => fixture({ kind: GatewayKind.ocelot({ image: 'eshop/gateway:1.0.0' }), hostnames: ['*.example.com'] }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: hostnames\[0\] cannot be a wildcard: Ocelot's UpstreamHost matches one exact host/);
  });

  test('throws for a Service name that is not a DNS-1035 label on an in-cluster gateway', () => {
    expect(() => fixture({ kind: GatewayKind.yarp(), name: '1gateway' }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: name must be a DNS-1035 label.*\(got "1gateway"\); use a lowercase name such as "svc-1gateway"/);
  });

  test('throws for the same HTTP and TLS container port', () => {
    expect(() => fixture({ kind: GatewayKind.yarp({ port: 8443 }), tlsSecretName: 'shop-tls' }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind\.tlsPort must differ from the HTTP port \(got 8443\); give HTTP and HTTPS different container ports, such as 8080 and 8443/);
  });

  test('throws for a config directory over the writable /tmp', () => {
    expect(() => fixture({ kind: GatewayKind.yarp({ configDirectory: '/tmp' }) }))
      .toThrow(/^\[shop\/gateway\] ApiGateway: kind\.configDirectory must be an absolute directory other than "\/" and "\/tmp" \(got "\/tmp"\); use "\/app\/config"/);
  });
});
