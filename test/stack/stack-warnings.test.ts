import { Testing } from 'cdk8s';
import { HealthChecks, HealthProbe, MicroserviceStack, MicroserviceStackProps, NetworkPolicyMode, SecretValue } from '../../src';
import { findOne, podSpecOf, synthValid } from '../support';

function stack(props: MicroserviceStackProps = {}): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop', aspNetCoreEnvironment: 'Development', ...props });
}

function envOf(s: MicroserviceStack, deployment: string): any[] {
  return podSpecOf(findOne(synthValid(s), 'Deployment', deployment)).containers[0].env ?? [];
}

describe('MicroserviceStack checks of what the policies allow', () => {
  test('warns when configuration names a service, backing service or external that talksTo leaves out, with the fix', () => {
    // GIVEN
    const s = stack();
    s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
    s.addExternal('orders-db', 'eshop-orders.postgres.database.azure.com', { port: 5432 });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    s.addService('basket', {
      image: 'eshop/basket-api:1.0.0',
      env: { Redis: 'redis:6379,abortConnect=false', CatalogUrl: 'http://catalog.eshop.svc.cluster.local/api' },
      config: { ConnectionStrings__Orders: 'Host=eshop-orders.postgres.database.azure.com;Port=5432;Database=orders' },
      talksTo: ['catalog'],
    });
    // WHEN
    synthValid(s);
    // THEN the policy blocks redis and orders-db, but catalog is allowed
    expect(s.warnings).toEqual([
      '[eshop/basket] MicroserviceStack: configuration of "basket" names "orders-db" (ConnectionStrings__Orders) but its talksTo does not, '
        + 'so its NetworkPolicy blocks the connection; add "orders-db" to talksTo',
      '[eshop/basket] MicroserviceStack: configuration of "basket" names "redis" (Redis) but its talksTo does not, so its NetworkPolicy blocks the connection; add "redis" to talksTo',
    ]);
  });

  test('says nothing of talksTo when the policies follow networks or there are none: nothing is blocked', () => {
    for (const networkPolicy of [NetworkPolicyMode.NETWORKS, NetworkPolicyMode.NONE]) {
      const s = stack({ networkPolicy });
      s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
      s.addService('basket', { image: 'eshop/basket-api:1.0.0', env: { Redis: 'redis:6379' } });
      synthValid(s);
      expect(s.warnings).toEqual([]);
    }
  });

  test('warns about a connection to a host outside the stack, naming addExternal', () => {
    const s = stack();
    s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', secrets: { ConnectionStrings__Db: SecretValue.literal('Server=tcp:orders.database.windows.net,1433;Database=o') } });
    synthValid(s);
    expect(s.warnings).toContainEqual(expect.stringMatching(
      /\[eshop\/ordering\] MicroserviceStack: configuration of "ordering" connects to "orders\.database\.windows\.net" \(ConnectionStrings__Db\), which is not part of the stack.*addExternal\("<name>", "orders\.database\.windows\.net", \{ port \}\)/,
    ));
  });

  test('warns about a connection string read from a Secret when talksTo names no database', () => {
    const s = stack();
    s.addService('identity', { image: 'eshop/identity-api:1.0.0', secrets: { ConnectionStrings__IdentityDb: SecretValue.fromSecret('identity-db', 'connection-string') } });
    synthValid(s);
    expect(s.warnings).toEqual([
      '[eshop/identity] MicroserviceStack: "identity" reads connection strings (ConnectionStrings__IdentityDb from Secret "identity-db") but its talksTo names no backing service or external, '
        + 'so its NetworkPolicy blocks every database; add the database to talksTo (addBackingService, or addExternal with its port)',
    ]);
  });

  test('says nothing when talksTo covers every host, and says each warning once across syntheses', () => {
    const s = stack();
    s.addExternal('identity-db', 'eshop-identity.postgres.database.azure.com', { port: 5432 });
    s.addService('identity', {
      image: 'eshop/identity-api:1.0.0',
      secrets: { ConnectionStrings__IdentityDb: SecretValue.fromSecret('identity-db', 'connection-string') },
      config: { Public__Url: 'https://shop.example.com/identity' },
      talksTo: ['identity-db'],
    });
    s.addService('basket', { image: 'eshop/basket-api:1.0.0', env: { Identity: 'http://identity' } });
    Testing.synth(s);
    Testing.synth(s);
    expect(s.warnings).toEqual([expect.stringMatching(/configuration of "basket" names "identity" \(Identity\)/)]);
  });
});

describe('MicroserviceStack ASPNETCORE_ENVIRONMENT', () => {
  test('sets the environment on every microservice, except where the service sets its own', () => {
    const s = stack({ aspNetCoreEnvironment: 'Staging' });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', canary: { canaryImage: 'eshop/catalog-api:1.1.0', weight: 10 } });
    s.addService('basket', { image: 'eshop/basket-api:1.0.0', env: { ASPNETCORE_ENVIRONMENT: 'Production' } });
    s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
    const m = synthValid(s);
    for (const d of ['catalog-stable', 'catalog-canary']) {
      expect(podSpecOf(findOne(m, 'Deployment', d)).containers[0].env).toContainEqual({ name: 'ASPNETCORE_ENVIRONMENT', value: 'Staging' });
    }
    expect(envOf(s, 'basket')).toContainEqual({ name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' });
    expect(JSON.stringify(findOne(m, 'StatefulSet', 'redis'))).not.toContain('ASPNETCORE_ENVIRONMENT');
  });

  test('sets nothing by default, and warns once that the images must map /alive and /health to run as Production', () => {
    const s = stack({ aspNetCoreEnvironment: undefined });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    s.addService('basket', { image: 'eshop/basket-api:1.0.0' });
    s.addService('worker', { image: 'eshop/worker:1.0.0', healthChecks: HealthChecks.of({ liveness: HealthProbe.tcpSocket(), readiness: HealthProbe.tcpSocket() }) });
    // Probes on /health that the user wrote (a compose healthcheck, say) answer where they were written.
    s.addService('webbff', { image: 'eshop/webbff:1.0.0', healthChecks: HealthChecks.of({ liveness: HealthProbe.httpGet('/health'), readiness: HealthProbe.httpGet('/health') }) });
    // A service that chose its own environment has decided.
    s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', config: { ASPNETCORE_ENVIRONMENT: 'Development' } });
    expect(envOf(s, 'catalog').map(e => e.name)).not.toContain('ASPNETCORE_ENVIRONMENT');
    expect(s.warnings).toEqual([
      '[eshop] MicroserviceStack: catalog, basket are probed on /alive and /health (HealthChecks.aspNetCore()) and ASPNETCORE_ENVIRONMENT is not set, '
        + 'so ASP.NET Core runs as Production, where the .NET Aspire service defaults do not map those endpoints; map them in every environment in each image '
        + '(app.MapHealthChecks("/health"); app.MapHealthChecks("/alive", new() { Predicate = r => r.Tags.Contains("live") })) and set aspNetCoreEnvironment, '
        + 'or set aspNetCoreEnvironment: "Development" on a local cluster',
    ]);
  });

  test('says nothing once the environment is chosen: the prerequisites say what the images must answer', () => {
    const prod = stack({ aspNetCoreEnvironment: 'Production' });
    prod.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    synthValid(prod);
    expect(prod.warnings).toEqual([]);
    const dev = stack();
    dev.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    synthValid(dev);
    expect(dev.warnings).toEqual([]);
  });
});
