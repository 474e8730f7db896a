import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Errors, ExternalService, HealthChecks, HealthProbe, ProbedDeployment, ServiceExposure } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the props are cast through any.
const image = 'eshop/catalog-api:1.0.0';
const healthChecks = HealthChecks.aspNetCore();
const chart = () => new Chart(Testing.app(), 'shop', { namespace: 'shop' });
const deploy = (props: any) => () => new ProbedDeployment(chart(), 'catalog', props);

describe('ProbedDeployment from JavaScript', () => {
  test('throws for an image that is a number, instead of a TypeError in the image check', () => {
    expect(deploy({ image: 123, healthChecks }))
      .toThrow(exactly('[shop/catalog] ProbedDeployment: image must be a string (got 123); pass a string, such as "eshop/catalog-api:1.0.0"'));
  });

  test('throws for a command given as one string, which would be split into characters', () => {
    expect(deploy({ image, healthChecks, command: 'sh -c x' }))
      .toThrow(exactly('[shop/catalog] ProbedDeployment: command must be an array of strings (got "sh -c x"); pass an array of strings, such as ["dotnet", "Catalog.Api.dll"]'));
  });

  test('throws for an environment value that is not a string, with the string to write', () => {
    expect(deploy({ image, healthChecks, env: { A: 5 } }))
      .toThrow(exactly('[shop/catalog] ProbedDeployment: env.A must be a string (got 5); pass the value as a string: "5"'));
  });

  test('throws for a kplus.EnvValue in env, which takes plain strings', () => {
    expect(deploy({ image, healthChecks, env: { A: kplus.EnvValue.fromValue('1') } }))
      .toThrow(/^\[shop\/catalog\] ProbedDeployment: env\.A must be a string \(got \{"value":"1"\}\); pass the value as a string; values from a Secret or ConfigMap go in envValueFrom as kplus\.EnvValue$/);
  });

  test('throws for a plain string in envValueFrom, which takes kplus.EnvValue', () => {
    expect(deploy({ image, healthChecks, envValueFrom: { A: '1' } }))
      .toThrow(/^\[shop\/catalog\] ProbedDeployment: envValueFrom\.A must be a kplus\.EnvValue \(got "1"\); pass kplus\.EnvValue\.fromValue\("\.\.\."\).*; plain strings go in env$/);
  });

  test('throws for null props', () => {
    expect(deploy(null))
      .toThrow(exactly('[shop/catalog] ProbedDeployment: props must be an object (got null); pass an object, such as { image: "eshop/catalog-api:1.0.0", healthChecks: HealthChecks.aspNetCore() }'));
  });

  test('throws for missing props', () => {
    expect(deploy(undefined)).toThrow(/^\[shop\/catalog\] ProbedDeployment: props is required \(got nothing\); pass an object, such as \{ image:/);
  });

  test('throws for a probe given as a string', () => {
    expect(deploy({ image, liveness: 'httpGet', readiness: HealthProbe.httpGet('/health') }))
      .toThrow(/^\[shop\/catalog\] ProbedDeployment: liveness must be a HealthProbe \(got "httpGet"\); pass HealthProbe\.httpGet\("\/health"\), HealthProbe\.tcpSocket\(\) or HealthProbe\.exec/);
  });

  test('throws for a sidecar command given as one string, naming the sidecar by its index', () => {
    expect(deploy({ image, healthChecks, sidecars: [{ name: 'proxy', image: 'nginx:1.27', command: 'nginx -g x' }] }))
      .toThrow(/^\[shop\/catalog\] ProbedDeployment: sidecars\[0\]\.command must be an array of strings \(got "nginx -g x"\); pass an array of strings/);
  });

  test('throws for a scope that is not a construct', () => {
    expect(() => new ProbedDeployment(null as any, 'catalog', { image, healthChecks }))
      .toThrow(exactly('ProbedDeployment: scope must be a construct (got null); pass the Chart (or a construct in it) to create the ProbedDeployment in'));
  });

  test('throws for autoscale options that are not an object', () => {
    const d = new ProbedDeployment(chart(), 'catalog', { image, healthChecks });
    expect(() => d.autoscale(10 as any))
      .toThrow(exactly('[shop/catalog] ProbedDeployment: autoscale.options must be an object (got 10); pass an object, such as { minReplicas: 2, maxReplicas: 10 }'));
  });

  test('throws the library\'s error, which callers can tell from a bug', () => {
    let error: unknown;
    try {
      new ProbedDeployment(chart(), 'catalog', { image, healthChecks, replicas: '3' as any });
    } catch (e) {
      error = e;
    }
    expect(Errors.isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ path: 'shop/catalog', prop: 'replicas', fix: 'pass a number, such as 2' });
  });
});

describe('HealthProbe, ServiceExposure and ExternalService from JavaScript', () => {
  test('throws for an exec probe without a command', () => {
    expect(() => HealthProbe.exec([]))
      .toThrow(exactly('[HealthProbe.exec] HealthProbe: command must not be empty (got []); pass an array of strings, such as ["cat", "/tmp/healthy"]'));
  });

  test('throws for an exec probe whose command is one string', () => {
    expect(() => HealthProbe.exec('cat /tmp/healthy' as any))
      .toThrow(exactly('[HealthProbe.exec] HealthProbe: command must be an array of strings (got "cat /tmp/healthy"); pass an array of strings, such as ["cat", "/tmp/healthy"]'));
  });

  test('throws for an HTTP probe on a port given as a string', () => {
    expect(() => HealthProbe.httpGet('/health', { port: '8080' as any }))
      .toThrow(exactly('[HealthProbe.httpGet] HealthProbe: port must be a number (got "8080"); pass a number, such as 8080'));
  });

  test('throws for a set of probes without its readiness probe', () => {
    expect(() => HealthChecks.of({} as any))
      .toThrow(/^\[HealthChecks\.of\] HealthChecks: readiness is required \(got nothing\); pass HealthProbe\.httpGet/);
  });

  test('throws for a node port given as a string', () => {
    expect(() => ServiceExposure.nodePort('30080' as any))
      .toThrow(exactly('[ServiceExposure.nodePort] ServiceExposure: nodePort must be a number (got "30080"); pass a number, such as 30080'));
  });

  test('throws for source ranges given as one string', () => {
    expect(() => ServiceExposure.loadBalancer({ sourceRanges: '203.0.113.0/24' as any }))
      .toThrow(/^\[ServiceExposure\.loadBalancer\] ServiceExposure: sourceRanges must be an array of strings \(got "203\.0\.113\.0\/24"\)/);
  });

  test('throws for null ExternalService props', () => {
    expect(() => new ExternalService(chart(), 'db', null as any))
      .toThrow(exactly('[shop/db] ExternalService: props must be an object (got null); pass an object, such as { externalName: "orders.postgres.database.azure.com" }'));
  });
});
