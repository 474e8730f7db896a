import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { toJson_Probe } from 'cdk8s-plus-28/lib/imports/k8s';
import { HealthChecks, HealthProbe } from '../../src';

/** The probe as it appears in the synthesized YAML. */
function render(probe: HealthProbe, port = 8080): any {
  return toJson_Probe(probe._toKube(port));
}

describe('HealthProbe', () => {
  test('an HTTP GET probe defaults to the container port, HTTP and the Kubernetes timings', () => {
    // GIVEN
    const probe = HealthProbe.httpGet('/health');
    // WHEN
    const kube = render(probe);
    // THEN
    expect(kube).toEqual({
      httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(probe.portFor(8080)).toBe(8080);
  });

  test('an HTTP GET probe sends its headers sorted by name, on its own port and scheme', () => {
    const probe = HealthProbe.httpGet('/ready', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS, headers: { 'X-B': '2', 'X-A': '1' } });
    const kube = render(probe);
    expect(kube.httpGet).toEqual({ path: '/ready', port: 8443, scheme: 'HTTPS', httpHeaders: [{ name: 'X-A', value: '1' }, { name: 'X-B', value: '2' }] });
    expect(probe.portFor(8080)).toBe(8443);
  });

  test('a TCP socket probe opens the port', () => {
    expect(render(HealthProbe.tcpSocket({ port: 5672 })).tcpSocket).toEqual({ port: 5672 });
  });

  test('an exec probe runs the command and has no port', () => {
    const probe = HealthProbe.exec(['cat', '/tmp/healthy'], { period: Duration.seconds(3), timeout: Duration.seconds(2), failureThreshold: 5 });
    expect(render(probe)).toMatchObject({ exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 3, timeoutSeconds: 2, failureThreshold: 5 });
    expect(probe.portFor(8080)).toBeUndefined();
  });

  test('an exec probe keeps its own copy of the command', () => {
    const command = ['cat', '/tmp/healthy'];
    const probe = HealthProbe.exec(command);
    command.push('--changed');
    expect(render(probe).exec.command).toEqual(['cat', '/tmp/healthy']);
  });
});

describe('HealthChecks', () => {
  test('aspNetCore() probes /alive and /health with a startup probe sized by startupTimeout', () => {
    const checks = HealthChecks.aspNetCore({ startupTimeout: Duration.seconds(120), port: 5000 });
    expect(render(checks.liveness!).httpGet.path).toBe('/alive');
    expect(render(checks.readiness!).httpGet.path).toBe('/health');
    const startup = render(checks.startup!);
    expect(startup.httpGet.port).toBe(5000);
    expect(startup.periodSeconds * startup.failureThreshold).toBe(120);
  });

  test('of() keeps the probes it is given', () => {
    const liveness = HealthProbe.tcpSocket();
    const readiness = HealthProbe.httpGet('/ready');
    const checks = HealthChecks.of({ liveness, readiness });
    expect(checks.liveness).toBe(liveness);
    expect(checks.readiness).toBe(readiness);
    expect(checks.startup).toBeUndefined();
  });

  test('of() takes liveness as optional: readiness alone is a statement too', () => {
    const checks = HealthChecks.of({ readiness: HealthProbe.tcpSocket({ port: 5432 }) });
    expect(checks.liveness).toBeUndefined();
    expect(checks.probes.map(p => p.name)).toEqual(['readiness']);
  });

  test('none() has no probes at all', () => {
    const checks = HealthChecks.none();
    expect([checks.liveness, checks.readiness, checks.startup]).toEqual([undefined, undefined, undefined]);
    expect(checks.probes).toEqual([]);
  });
});
