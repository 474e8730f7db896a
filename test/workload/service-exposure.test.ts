import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloudProvider, HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';
import { findOne, Manifest, synthValid, toYaml } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

function exposed(exposure: ServiceExposure | undefined, c: Chart = chart(), name: string | undefined = 'catalog', id = 'catalog'): Chart {
  const d = new ProbedDeployment(c, id, { image: 'eshop/catalog-api:1.0.0', healthChecks: HealthChecks.aspNetCore() });
  d.expose({ name, exposure });
  return c;
}

function service(manifests: Manifest[], name = 'catalog'): Manifest {
  return findOne(manifests, 'Service', name);
}

describe('ServiceExposure', () => {
  test('defaults to a ClusterIP Service from port 80 to the container port', () => {
    // GIVEN / WHEN
    const manifests = synthValid(exposed(undefined));
    // THEN
    expect(toYaml(manifests.filter(m => m.kind === 'Service'))).toMatchSnapshot();
    const svc = service(manifests);
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(svc.spec.selector).toEqual(findOne(manifests, 'Deployment').spec.selector.matchLabels);
  });

  test('without a name, the Service is named after the deployment', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks: HealthChecks.aspNetCore(), exposure: ServiceExposure.clusterIp() });
    expect(findOne(synthValid(c), 'Service').metadata.name).toBe('catalog');
  });

  test('without a name, and an id that is no Service name, the Service gets the name cdk8s generates from the construct path', () => {
    const c = chart();
    new ProbedDeployment(c, 'Catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks: HealthChecks.aspNetCore(), exposure: ServiceExposure.clusterIp() });
    expect(findOne(synthValid(c), 'Service').metadata.name).toMatch(/^shop-catalog-service-c8[0-9a-f]{6}$/);
  });

  test('nodePort() opens the given node port', () => {
    const svc = service(synthValid(exposed(ServiceExposure.nodePort(30080))));
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, nodePort: 30080 });
  });

  test('nodePort() without a port lets Kubernetes choose', () => {
    const svc = service(synthValid(exposed(ServiceExposure.nodePort())));
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports[0].nodePort).toBeUndefined();
  });

  test('loadBalancer() asks for a public load balancer', () => {
    const svc = service(synthValid(exposed(ServiceExposure.loadBalancer())));
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.metadata.annotations).toBeUndefined();
  });

  test.each([
    [CloudProvider.AKS, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }],
    [CloudProvider.GKE, { 'networking.gke.io/load-balancer-type': 'Internal' }],
  ])('loadBalancer({ internal: %s }) sets the internal load balancer annotation', (cloud, annotations) => {
    const svc = service(synthValid(exposed(ServiceExposure.loadBalancer({ internal: cloud, sourceRanges: ['10.0.0.0/8'] }))));
    expect(svc.metadata.annotations).toEqual(annotations);
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['10.0.0.0/8']);
  });

  test('renders every option', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', {
      image: 'eshop/catalog-api:1.0.0',
      healthChecks: HealthChecks.aspNetCore(),
      sidecars: [{ name: 'grpc', image: 'eshop/catalog-grpc:1.0.0', ports: [{ number: 8081, name: 'grpc' }] }],
    });
    d.expose({
      name: 'catalog',
      exposure: ServiceExposure.loadBalancer({
        internal: CloudProvider.GKE,
        sourceRanges: ['10.0.0.0/8'],
        annotations: { 'example.com/owner': 'catalog-team' },
        ports: [
          { port: 80, name: 'http', nodePort: 31080 },
          { port: 81, targetPort: 8081, name: 'grpc', protocol: kplus.Protocol.TCP },
        ],
      }),
    });
    expect(toYaml(synthValid(c).filter(m => m.kind === 'Service'))).toMatchSnapshot();
  });

  describe('errors', () => {
    test('throws for a NodePort outside 30000-32767', () => {
      expect(() => exposed(ServiceExposure.nodePort(8080)))
        .toThrow(/^\[shop\/catalog\/Service\] ProbedDeployment: nodePort must be an integer from 30000 to 32767 \(got 8080\); pick a port in 30000-32767, or omit it/);
    });

    test('throws for a NodePort used twice in the app, naming both Services', () => {
      const c = chart();
      exposed(ServiceExposure.nodePort(30080), c, 'catalog', 'catalog');
      exposed(ServiceExposure.nodePort(30080), c, 'basket', 'basket');
      expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\/Service\] ProbedDeployment: nodePort must be unique in the app, but shop\/basket\/Service uses it too \(got 30080\); give each NodePort Service its own port/);
    });

    test('throws for a node port on a ClusterIP Service', () => {
      expect(() => exposed(ServiceExposure.clusterIp({ ports: [{ port: 80, nodePort: 30080 }] })))
        .toThrow(/\[shop\/catalog\/Service\] ProbedDeployment: ports\[0\]\.nodePort is only allowed on NodePort and LoadBalancer Services \(this one is ClusterIP\) \(got 30080\); use ServiceExposure\.nodePort/);
    });

    test.each([
      ['Catalog', 'catalog'],
      ['1catalog', 'svc-1catalog'],
      ['catalog_api', 'catalog-api'],
      ['a'.repeat(64), 'a'.repeat(63)],
    ])('throws for the Service name %s, suggesting %s', (name, suggestion) => {
      expect(() => exposed(undefined, chart(), name))
        .toThrow(new RegExp(`\\[shop/catalog/Service\\] ProbedDeployment: name must .*\\(got "${name}"\\); Service names become DNS names; use a lowercase name such as "${suggestion}"`));
    });

    test('throws when several ports are not all named', () => {
      expect(() => exposed(ServiceExposure.clusterIp({ ports: [{ port: 80, name: 'http' }, { port: 81 }] })))
        .toThrow(/\[shop\/catalog\/Service\] ProbedDeployment: ports\[1\]\.name is required when a Service has several ports \(got nothing\); name every port/);
    });

    test('throws when two ports share a name', () => {
      expect(() => exposed(ServiceExposure.clusterIp({ ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] })))
        .toThrow(/ports\[1\]\.name must be unique among the Service's ports \(ports\[0\] has it too\) \(got "http"\); give each port its own name/);
    });

    test('throws for an invalid port name', () => {
      expect(() => exposed(ServiceExposure.clusterIp({ ports: [{ port: 80, name: 'http_web' }] })))
        .toThrow(/ports\[0\]\.name must contain only lowercase letters, digits and '-' \(got "http_web"\)/);
    });

    test('throws for a port out of range', () => {
      expect(() => exposed(ServiceExposure.clusterIp({ ports: [{ port: 0 }] })))
        .toThrow(/ports\[0\]\.port must be an integer from 1 to 65535 \(got 0\); pass the port clients connect to/);
    });

    test('throws at synth when a target port is not on any container', () => {
      const c = exposed(ServiceExposure.clusterIp({ ports: [{ port: 80, targetPort: 9090 }] }));
      expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\] ProbedDeployment: exposure\.ports\.targetPort must be a port of a container of the pod \(8080\) \(got 9090\); send traffic to port 8080, or add port 9090 to a container/);
    });
  });
});
