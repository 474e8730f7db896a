import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, ProbedDeployment, ProbedDeploymentProps, ServiceExposure } from '../../src';
import { allOf, findOne, podSpecOf, synthValid } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

function make(props: Partial<ProbedDeploymentProps>, c: Chart = chart()): ProbedDeployment {
  return new ProbedDeployment(c, 'broker', { image: 'rabbitmq:3.13-management', healthChecks: HealthChecks.of({ readiness: HealthProbe.tcpSocket() }), ...props });
}

describe('ProbedDeployment ports', () => {
  test('makes every port a container port and a Service port with the same number and protocol', () => {
    // GIVEN a broker on 5672 and 15672, and a DNS port over UDP
    const c = chart();
    const d = make({ ports: [{ port: 5672 }, { port: 15672, name: 'management' }, { port: 53, protocol: kplus.Protocol.UDP }], exposure: ServiceExposure.clusterIp() }, c);
    // THEN
    const manifests = synthValid(c);
    expect(podSpecOf(findOne(manifests, 'Deployment')).containers[0].ports).toEqual([
      { containerPort: 5672, name: 'tcp-5672' },
      { containerPort: 15672, name: 'management' },
      { containerPort: 53, name: 'udp-53', protocol: 'UDP' },
    ]);
    expect(findOne(manifests, 'Service').spec.ports).toEqual([
      { name: 'tcp-5672', port: 5672, targetPort: 5672, protocol: 'TCP' },
      { name: 'management', port: 15672, targetPort: 15672, protocol: 'TCP' },
      { name: 'udp-53', port: 53, targetPort: 53, protocol: 'UDP' },
    ]);
    expect(d.port).toBe(5672);
    expect(d.ports.map(p => p.name)).toEqual(['tcp-5672', 'management', 'udp-53']);
  });

  test('probes the first TCP port by default', () => {
    const c = chart();
    make({ ports: [{ port: 53, protocol: kplus.Protocol.UDP }, { port: 8053 }] }, c);
    expect(podSpecOf(findOne(synthValid(c), 'Deployment')).containers[0].readinessProbe.tcpSocket).toEqual({ port: 8053 });
  });

  test('opens the node port on the first port of a NodePort exposure', () => {
    const c = chart();
    make({ ports: [{ port: 5672 }, { port: 15672 }], exposure: ServiceExposure.nodePort(30672) }, c);
    expect(findOne(synthValid(c), 'Service').spec.ports.map((p: any) => p.nodePort)).toEqual([30672, undefined]);
  });

  test('runs a workload that listens on nothing with no port and no probes', () => {
    // GIVEN a worker with ports [] and HealthChecks.none()
    const c = chart();
    const d = make({ ports: [], healthChecks: HealthChecks.none() }, c);
    // THEN
    const container = podSpecOf(findOne(synthValid(c), 'Deployment')).containers[0];
    expect(container.ports).toBeUndefined();
    expect([container.livenessProbe, container.readinessProbe, container.startupProbe]).toEqual([undefined, undefined, undefined]);
    expect(d.port).toBeUndefined();
    expect(allOf(synthValid(c), 'Service')).toEqual([]);
  });

  test('renders a readiness probe alone with HealthChecks.of: the container restarts only when it exits', () => {
    const c = chart();
    make({ ports: [{ port: 5672 }] }, c);
    const container = podSpecOf(findOne(synthValid(c), 'Deployment')).containers[0];
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 5672 });
    expect(container.livenessProbe).toBeUndefined();
  });

  describe('errors', () => {
    test('throws for port and ports together', () => {
      expect(() => make({ port: 5672, ports: [{ port: 5672 }] }))
        .toThrow(/^\[shop\/broker\] ProbedDeployment: port cannot be set with ports \(got 5672\); list every port, the main one first, in ports/);
    });

    test('throws for a port listed twice', () => {
      expect(() => make({ ports: [{ port: 5672 }, { port: 5672 }] }))
        .toThrow(/\[shop\/broker\] ProbedDeployment: ports\[1\]\.port must be listed once per protocol \(ports\[0\] has it too\) \(got "5672\/TCP"\); drop the repeated port/);
    });

    test('throws for a port out of range and a bad name', () => {
      expect(() => make({ ports: [{ port: 0 }] })).toThrow(/\[shop\/broker\] ProbedDeployment: ports\[0\]\.port must be an integer from 1 to 65535 \(got 0\)/);
      expect(() => make({ ports: [{ port: 80, name: 'HTTP' }] })).toThrow(/\[shop\/broker\] ProbedDeployment: ports\[0\]\.name must contain only lowercase letters/);
    });

    test('throws for exposing a workload that listens on nothing', () => {
      expect(() => make({ ports: [], healthChecks: HealthChecks.none(), exposure: ServiceExposure.clusterIp() }))
        .toThrow(/\[shop\/broker\] ProbedDeployment: exposure needs a port, but the main container listens on none \(ports is \[\]\) \(got "ClusterIP"\); add the port the container listens on to ports, or do not expose it/);
    });

    test('throws at synth for a probe without a port on a container that listens on none', () => {
      const c = chart();
      make({ ports: [] }, c);
      expect(() => Testing.synth(c))
        .toThrow(/\[shop\/broker\] ProbedDeployment: readiness must name a port: container "app" listens on no TCP port \(got "tcpSocket"\); pass the port to the probe, give the container a TCP port, or use HealthProbe\.exec\(\.\.\.\) or HealthChecks\.none\(\)/);
    });

    test('still throws without any decision about probes', () => {
      expect(() => new ProbedDeployment(chart(), 'broker', { image: 'rabbitmq:3.13' }))
        .toThrow(/\[shop\/broker\] ProbedDeployment: liveness is required.*HealthChecks\.none\(\) when it has no such endpoint/);
    });
  });
});
