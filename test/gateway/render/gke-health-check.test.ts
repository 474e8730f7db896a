import { gkeHealthCheck } from '../../../src/gateway/render/gke-health-check';

describe('GKE health check from a readiness probe', () => {
  test('probes the serving port by default, and another port as a fixed port', () => {
    const probe = { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 };
    expect(gkeHealthCheck({ readinessProbe: probe }, 8080)?.config)
      .toEqual({ type: 'HTTP', httpHealthCheck: { portSpecification: 'USE_SERVING_PORT', requestPath: '/ready' } });
    const other = { ...probe, httpGet: { ...probe.httpGet, port: 9090 } };
    expect(gkeHealthCheck({ readinessProbe: other }, 8080)?.config.httpHealthCheck)
      .toEqual({ portSpecification: 'USE_FIXED_PORT', port: 9090, requestPath: '/ready' });
  });

  test('resolves named ports, keeps the Host header and HTTPS', () => {
    const container = {
      ports: [{ containerPort: 8443, name: 'https' }, { containerPort: 9000, name: 'mgmt' }],
      readinessProbe: { httpGet: { path: '/health', port: 'mgmt', scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'identity.local' }] } },
    };
    expect(gkeHealthCheck(container, 'https')?.config).toEqual({
      type: 'HTTPS',
      httpsHealthCheck: { portSpecification: 'USE_FIXED_PORT', port: 9000, requestPath: '/health', host: 'identity.local' },
    });
  });

  test('keeps timings within GKE\'s bounds: the timeout never above the interval, thresholds 1 to 10', () => {
    const slow = { tcpSocket: { port: 5672 }, periodSeconds: 400, timeoutSeconds: 500, failureThreshold: 30, successThreshold: 0 };
    const check = gkeHealthCheck({ readinessProbe: slow }, 5672)!;
    expect(check).toMatchObject({ checkIntervalSec: 300, timeoutSec: 300, unhealthyThreshold: 10, healthyThreshold: 1 });
    const quick = { tcpSocket: {}, periodSeconds: 2, timeoutSeconds: 5 };
    expect(gkeHealthCheck({ readinessProbe: quick }, 80)).toMatchObject({ checkIntervalSec: 2, timeoutSec: 2 });
  });

  test('has nothing for a command probe or no probe', () => {
    expect(gkeHealthCheck({ readinessProbe: { exec: { command: ['true'] } } }, 8080)).toBeUndefined();
    expect(gkeHealthCheck({}, 8080)).toBeUndefined();
  });
});
