import { containerOf, oneService, planText } from './support';

describe('probes', () => {
  test('turns a curl of the service itself on one of its ports into an HTTP GET, keeping the timings', () => {
    // GIVEN a healthcheck that curls the service on its declared port
    const plan = planText(oneService('image: s:1.0\nexpose: ["8080"]\nhealthcheck:\n  test: ["CMD", "curl", "-f", "http://localhost:8080/hc"]\n  interval: 10s\n  timeout: 3s\n  retries: 5\n  start_period: 30s'));
    // THEN readiness and liveness GET /hc, and a startup probe covers the start period
    const probes = containerOf(plan, 'svc').probes;
    expect(probes.readiness).toEqual({ kind: 'HTTP_GET', path: '/hc', port: 8080, scheme: 'HTTP', headers: undefined, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 5 });
    expect(probes.liveness).toEqual(probes.readiness);
    expect(probes.startup).toMatchObject({ kind: 'HTTP_GET', periodSeconds: 10, failureThreshold: 8 });
  });

  test('keeps other commands as exec probes, shell form through /bin/sh', () => {
    const plan = planText(oneService('image: s:1.0\nhealthcheck:\n  test: pg_isready -U app || exit 1\n  interval: 30s'));
    expect(containerOf(plan, 'svc').probes.liveness).toMatchObject({ kind: 'EXEC', command: ['/bin/sh', '-c', 'pg_isready -U app || exit 1'] });
  });

  test('clamps a timeout longer than the interval to the interval, with a warning, also for compose\'s default timeout', () => {
    const plan = planText(oneService('image: s:1.0\nhealthcheck:\n  test: ["CMD", "true"]\n  interval: 5s'));
    expect(containerOf(plan, 'svc').probes.liveness).toMatchObject({ periodSeconds: 5, timeoutSeconds: 5 });
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck\.interval compose's default timeout \(30s\) is longer than the interval \(5s\): the probe's timeout is clamped to 5s/));
  });

  test('without a healthcheck, probes readiness over TCP on the first port and sets no liveness probe', () => {
    const plan = planText(oneService('image: s:1.0\nports: ["53:53/udp", "8081:8080"]'));
    expect(containerOf(plan, 'svc').probes).toEqual({ readiness: { kind: 'TCP_SOCKET', port: 8080, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 }, from: 'first port' });
  });

  test('takes the image table\'s probe for a well-known image without a healthcheck', () => {
    const probes = containerOf(planText(oneService('image: redis:7.4')), 'svc').probes;
    expect(probes).toMatchObject({ from: 'image table', liveness: { kind: 'EXEC', command: ['redis-cli', 'ping'] } });
  });

  test('counts the Dockerfile\'s HEALTHCHECK as a healthcheck, with compose timings over it', () => {
    const plan = planText(oneService('build: .\nhealthcheck:\n  interval: 20s'), {
      Dockerfile: 'FROM alpine:3\nEXPOSE 8080\nHEALTHCHECK --interval=5s --timeout=2s CMD wget -q --spider http://localhost:8080/health || exit 1\n',
    });
    expect(containerOf(plan, 'svc').probes).toMatchObject({ from: 'Dockerfile HEALTHCHECK', liveness: { kind: 'HTTP_GET', path: '/health', periodSeconds: 20, timeoutSeconds: 2 } });
  });

  test('sets no liveness probe for a disabled healthcheck, and says so', () => {
    const plan = planText(oneService('image: s:1.0\nexpose: ["80"]\nhealthcheck:\n  disable: true'));
    expect(containerOf(plan, 'svc').probes).toMatchObject({ from: 'first port', readiness: { kind: 'TCP_SOCKET', port: 80 } });
    expect(containerOf(plan, 'svc').probes.liveness).toBeUndefined();
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck is disabled: no liveness probe/));
  });
});

describe('probes from an unverified entry of the image table', () => {
  test('gives readiness only: a liveness probe that fails would restart the pod forever', () => {
    const probes = containerOf(planText(oneService('image: daprio/daprd:1.14.4\nexpose: ["3500"]')), 'svc').probes;
    expect(probes).toMatchObject({ from: 'image table', readiness: { kind: 'HTTP_GET', port: 3500 } });
    expect(probes.liveness).toBeUndefined();
  });
});
