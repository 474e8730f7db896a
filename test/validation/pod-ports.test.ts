import { containerExposesPort, podExposesPort } from '../../src/validation/pod-ports';

describe('port predicates', () => {
  const app = { ports: [{ containerPort: 8080, name: 'http' }] };

  test('match a port by number or by name', () => {
    expect(containerExposesPort(app, 8080)).toBe(true);
    expect(containerExposesPort(app, 'http')).toBe(true);
    expect(containerExposesPort(app, 9090)).toBe(false);
    expect(containerExposesPort(app, 'grpc')).toBe(false);
    expect(containerExposesPort({}, 8080)).toBe(false);
  });

  test('look at every regular container of a pod', () => {
    expect(podExposesPort({ containers: [{}, app] }, 'http')).toBe(true);
    expect(podExposesPort({ containers: [] }, 8080)).toBe(false);
  });
});
