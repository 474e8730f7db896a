/**
 * The mistakes a new user makes in a first hour (issue 12), across constructs: each fails at
 * synth, never at `kubectl apply`, with the construct path, the prop, the value and a fix that is
 * right. The construct-specific behaviour behind each is tested beside its construct.
 */
import { App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  ApiGateway, BlueGreenRelease, CanaryRelease, ExternalService, HealthChecks, MicroserviceStack, NfsVolume, ProbedDeployment, RouteBackend,
  SecretValue, ServiceExposure,
} from '../src';

const healthChecks = HealthChecks.aspNetCore();

function chart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'shop', { namespace });
}

function stack(): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop' });
}

/** Runs a program and synthesizes its app: a mistake may fail in a constructor or at synth. */
function run(program: () => IConstruct): () => void {
  return () => {
    (program().node.root as App).synthYaml();
  };
}

/** A regular expression that matches `text` literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('a new user\'s mistakes fail at synth with the path, the prop, the value and the fix', () => {
  test.each([
    ['a ":" in a config key', () => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', config: { 'Logging:LogLevel:Default': 'Warning' } }),
      '[eshop/catalog] MicroserviceStack: addService("catalog").config', 'Logging:LogLevel:Default', 'use "Logging__LogLevel__Default": the keys become environment variables'],
    ['a space in a config key', () => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', config: { 'Log Level': 'Warning' } }),
      '[eshop/catalog] MicroserviceStack: addService("catalog").config', 'Log Level', 'use "Log_Level": the keys become environment variables'],
    ['a ":" in a backing service\'s env', () => stack().addBackingService('orders-db', { image: 'postgres:16', port: 5432, env: { 'POSTGRES:DB': 'orders' } }),
      '[eshop/orders-db] MicroserviceStack: addBackingService("orders-db").env', 'POSTGRES:DB', 'use "POSTGRES__DB"'],
    ['a ":" in a backing service\'s secrets', () => stack().addBackingService('orders-db', { image: 'postgres:16', port: 5432, secrets: { 'POSTGRES:PASSWORD': SecretValue.literal('x') } }),
      '[eshop/orders-db] MicroserviceStack: addBackingService("orders-db").secrets', 'POSTGRES:PASSWORD', 'use "POSTGRES__PASSWORD": the keys become environment variables'],
    ['an empty env name in a ProbedDeployment', () => new ProbedDeployment(chart(), 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks, env: { '': 'x' } }),
      '[shop/catalog] ProbedDeployment: env', '', 'name the variable, such as "ASPNETCORE_ENVIRONMENT", or drop the entry'],
    ['an empty env name in the stack', () => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', env: { ' ': 'x' } }),
      '[eshop/catalog] MicroserviceStack: addService("catalog").env', ' ', 'name the variable, such as "ASPNETCORE_ENVIRONMENT", or drop the entry'],
  ])('%s', (_what, program, where, value, fix) => {
    // GIVEN a program with the mistake
    // WHEN it is synthesized
    // THEN it fails with the path and prop, the value received, and the fix
    expect(run(program)).toThrow(new RegExp(`${literal(where)} must be a valid environment variable name.*\\(got ${literal(JSON.stringify(value))}\\); ${literal(fix)}`));
  });

  describe.each([
    ['eshop/Catalog.API:1.0', 'has an invalid repository path "eshop/Catalog.API"', 'eshop/catalog.api:1.0'],
    ['eshop/catalog-api :1.0', 'must not contain spaces', 'eshop/catalog-api:1.0'],
    [' eshop/catalog-api:1.0', 'must not contain spaces', 'eshop/catalog-api:1.0'],
  ])('the image reference %p', (image, rule, suggestion) => {
    const tail = `${literal(rule)}.*\\(got ${literal(JSON.stringify(image))}\\); use ${literal(JSON.stringify(suggestion))}`;
    test.each([
      ['ProbedDeployment', () => new ProbedDeployment(chart(), 'catalog', { image, healthChecks }), '[shop/catalog] ProbedDeployment: image'],
      ['a sidecar', () => new ProbedDeployment(chart(), 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks, sidecars: [{ name: 'proxy', image }] }),
        '[shop/catalog] ProbedDeployment: sidecars.proxy.image'],
      ['the stack', () => stack().addService('catalog', { image }), '[eshop/catalog] MicroserviceStack: image'],
      ['a backing service', () => stack().addBackingService('redis', { image, port: 6379 }), '[eshop/redis] MicroserviceStack: image'],
      ['a canary', () => new CanaryRelease(chart(), 'catalog', { image: 'eshop/catalog-api:1.0.0', canaryImage: image, healthChecks }),
        '[shop/catalog] CanaryRelease: canaryImage'],
      ['a stable version', () => new CanaryRelease(chart(), 'catalog', { image, healthChecks }), '[shop/catalog] CanaryRelease: image'],
      ['a blue-green slot', () => new BlueGreenRelease(chart(), 'basket', { blueImage: 'eshop/basket-api:2.0.0', greenImage: image, healthChecks }),
        '[shop/basket] BlueGreenRelease: greenImage'],
    ])('fails in %s, suggesting the reference lowercased and trimmed', (_where, program, where) => {
      // GIVEN an image reference the grammar refuses
      // WHEN it is used THEN the error names the construct and prop, and suggests a valid reference
      expect(run(program)).toThrow(new RegExp(`${literal(where)} ${tail}`));
    });
  });

  test.each([
    ['a ProbedDeployment', (c: Chart) => new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks })],
    ['an ExternalService', (c: Chart) => new ExternalService(c, 'orders-db', { externalName: 'orders.postgres.database.azure.com' })],
    ['an NfsVolume', (c: Chart) => new NfsVolume(c, 'uploads', { server: '10.0.1.15', path: '/exports/uploads' })],
    ['an ApiGateway', (c: Chart) => new ApiGateway(c, 'gateway')],
  ])('a chart namespace Kubernetes refuses fails in %s, naming the chart', (_what, add) => {
    // GIVEN a plain chart with namespace My_NS
    const c = chart('My_NS');
    // WHEN one of our constructs is added THEN it names the chart, its namespace and a valid one
    expect(() => add(c)).toThrow(/^\[shop\] Chart: namespace must be a DNS-1123 label: .* \(got "My_NS"\); use "my-ns"$/);
  });

  test('the stack\'s namespace fails the same way', () => {
    expect(() => new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'My_NS' }))
      .toThrow(/^\[eshop\] MicroserviceStack: namespace must be a DNS-1035 label: .* \(got "My_NS"\); use "my-ns"$/);
  });

  test('a route to a misspelt service says which service it likely meant', () => {
    // GIVEN a catalog Service and a route to "catalgo"
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks, exposure: ServiceExposure.clusterIp() });
    new ApiGateway(c, 'gateway').addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromServiceName('catalgo')] });
    // WHEN synthesized THEN the route names the Service it meant
    expect(run(() => c)).toThrow(/\[shop\/gateway\/catalog\] GatewayRoute: backends\[0\] must name a Service of this app, but there is no Service "catalgo" in namespace "shop" \(got "catalgo"\); did you mean "catalog"\? Use RouteBackend\.fromServiceName\('catalog'\)/);
  });

  test('talksTo naming a misspelt service says which service it likely meant', () => {
    const s = stack();
    s.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['catalgo'] });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    expect(run(() => s)).toThrow(/\[eshop\] MicroserviceStack: addService\("basket"\)\.talksTo must name services of the stack \(basket, catalog\) \(got "catalgo"\); did you mean "catalog"\?/);
  });

  test.each([
    [{ server: '10.0.1.15', path: 'exports/data' }, 'path must be an absolute path on the NFS server \\(got "exports/data"\\); use "/exports/data"'],
    [{ server: 'nfs://10.0.1.15' }, 'server must be the host only, not a URL \\(got "nfs://10\\.0\\.1\\.15"\\); pass server "10\\.0\\.1\\.15" and the path "/" separately'],
    [{ server: 'nfs://10.0.1.15/exports/data' }, 'server must be the host only, not a URL \\(got "nfs://10\\.0\\.1\\.15/exports/data"\\); pass server "10\\.0\\.1\\.15" and the path "/exports/data" separately'],
  ])('an NFS export written as %p gets the right correction', (props, message) => {
    expect(() => new NfsVolume(chart(), 'uploads', props)).toThrow(new RegExp(`^\\[shop/uploads\\] NfsVolume: ${message}`));
  });
});
