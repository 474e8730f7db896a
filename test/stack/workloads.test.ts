import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, MicroserviceStack, MicroserviceStackProps, SecretValue, ServiceExposure } from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

function stack(props: MicroserviceStackProps = {}): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', ...props });
}

function container(manifests: Manifest[], kind: string, name: string, containerName?: string): any {
  const pod = podSpecOf(findOne(manifests, kind, name));
  return containerName ? pod.containers.find((c: any) => c.name === containerName) : pod.containers[0];
}

describe('MicroserviceStack workloads: what a container is', () => {
  test('runs the command, arguments, working directory and resources it is given', () => {
    // GIVEN
    const s = stack();
    s.addService('ordering', {
      image: 'eshop/ordering-api:1.0.0',
      command: ['dotnet'],
      args: ['Ordering.API.dll', '--urls', 'http://+:8080'],
      workingDir: '/app',
      resources: { cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(1000) } },
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['legacy.example.com'] }],
      terminationGracePeriod: Duration.seconds(60),
    });
    // THEN
    const m = synthValid(s);
    expect(container(m, 'Deployment', 'ordering')).toMatchObject({
      command: ['dotnet'],
      args: ['Ordering.API.dll', '--urls', 'http://+:8080'],
      workingDir: '/app',
      imagePullPolicy: 'Always',
      resources: { requests: { cpu: '200m' }, limits: { cpu: '1000m' } },
    });
    const pod = podSpecOf(findOne(m, 'Deployment', 'ordering'));
    expect(pod.hostAliases).toEqual([{ ip: '10.0.0.10', hostnames: ['legacy.example.com'] }]);
    expect(pod.terminationGracePeriodSeconds).toBe(60);
  });

  test('makes every port of a service a port of its Service with the same number and protocol, UDP and SCTP included', () => {
    const s = stack();
    s.addService('coredns', {
      image: 'coredns/coredns:1.11.3',
      ports: [{ port: 53, protocol: kplus.Protocol.UDP }, { port: 53 }, { port: 9153, name: 'metrics' }, { port: 3868, protocol: kplus.Protocol.SCTP }],
      healthChecks: HealthChecks.of({ readiness: HealthProbe.tcpSocket() }),
    });
    const m = synthValid(s);
    expect(findOne(m, 'Service', 'coredns').spec.ports).toEqual([
      { name: 'udp-53', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'tcp-53', port: 53, targetPort: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      { name: 'sctp-3868', port: 3868, targetPort: 3868, protocol: 'SCTP' },
    ]);
    expect(container(m, 'Deployment', 'coredns').readinessProbe.tcpSocket).toEqual({ port: 53 });
    expect(findOne(m, 'NetworkPolicy', 'allow-coredns').spec.ingress).toEqual([]);
  });

  test('routes the gateway to the main port of a service with several', () => {
    const s = stack();
    s.addService('api', { image: 'eshop/api:1.0.0', ports: [{ port: 8080 }, { port: 8081, name: 'grpc' }], routes: [{ path: '/api' }] });
    expect(findOne(synthValid(s), 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 8080 }]);
  });

  test('gives a service that listens on nothing no Service, no probe and no port in its policies', () => {
    const s = stack();
    const worker = s.addService('worker', { image: 'eshop/worker:1.0.0', ports: [], healthChecks: HealthChecks.none() });
    const m = synthValid(s);
    expect(allOf(m, 'Service')).toEqual([]);
    expect(container(m, 'Deployment', 'worker').readinessProbe).toBeUndefined();
    expect(worker.service).toBeUndefined();
    expect(worker.port).toBeUndefined();
  });

  test('runs sidecars in the service\'s pod, with their own environment, and exposes their ports on the Service', () => {
    // GIVEN a Dapr-style sidecar that shares the pod's network
    const s = stack();
    s.addService('ordering', {
      image: 'eshop/ordering-api:1.0.0',
      sidecars: [{
        name: 'daprd',
        image: 'daprio/daprd:1.14.0',
        args: ['./daprd', '--app-id', 'ordering'],
        ports: [{ port: 3500, name: 'dapr-http' }],
        env: { DAPR_LOG_LEVEL: 'info' },
        secrets: { DAPR_API_TOKEN: SecretValue.fromSecret('dapr', 'token') },
        healthChecks: HealthChecks.of({ readiness: HealthProbe.httpGet('/v1.0/healthz') }),
      }],
    });
    // THEN
    const m = synthValid(s);
    const daprd = container(m, 'Deployment', 'ordering', 'daprd');
    expect(daprd).toMatchObject({
      args: ['./daprd', '--app-id', 'ordering'],
      ports: [{ containerPort: 3500, name: 'dapr-http' }],
      env: [{ name: 'DAPR_LOG_LEVEL', value: 'info' }, { name: 'DAPR_API_TOKEN', valueFrom: { secretKeyRef: { name: 'dapr', key: 'token' } } }],
      readinessProbe: { httpGet: { path: '/v1.0/healthz', port: 3500 } },
      resources: { requests: { cpu: '50m', memory: '64Mi' } },
    });
    expect(findOne(m, 'Service', 'ordering').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'dapr-http', port: 3500, targetPort: 3500, protocol: 'TCP' },
    ]);
    expect(restrictedViolations(podSpecOf(findOne(m, 'Deployment', 'ordering')))).toEqual([]);
  });

  test('runs the sidecars in both tracks of a canary', () => {
    const s = stack();
    s.addService('catalog', {
      image: 'eshop/catalog-api:1.0.0',
      replicas: 4,
      canary: { canaryImage: 'eshop/catalog-api:1.1.0', weight: 25 },
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', ports: [{ port: 9901 }] }],
    });
    const m = synthValid(s);
    for (const d of allOf(m, 'Deployment')) expect(podSpecOf(d).containers.map((c: any) => c.name)).toEqual(['app', 'proxy']);
  });

  describe('errors', () => {
    test('throws for port and ports together', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', port: 8080, ports: [{ port: 8080 }] }))
        .toThrow(/^\[shop\/catalog\] MicroserviceStack: addService\("catalog"\)\.port cannot be set with ports \(got 8080\); list every port, the main one first, in ports/);
    });

    test('throws for routes, an exposure or a release on a service that listens on nothing', () => {
      const base = { image: 'eshop/worker:1.0.0', ports: [], healthChecks: HealthChecks.none() };
      expect(() => stack().addService('worker', { ...base, routes: [{ path: '/worker' }] }))
        .toThrow(/\[shop\/worker\] MicroserviceStack: addService\("worker"\)\.routes needs a port: the service listens on none \(ports is \[\]\) \(got "routes"\); list the port it listens on in ports, or drop it/);
      expect(() => stack().addService('worker', { ...base, exposure: ServiceExposure.nodePort() })).toThrow(/addService\("worker"\)\.exposure needs a port/);
      expect(() => stack().addService('worker', { ...base, canary: {} })).toThrow(/addService\("worker"\)\.canary needs a port/);
    });

    test('throws for two sidecars of one name, or one named like the main container', () => {
      const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.31.2' };
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', sidecars: [sidecar, sidecar] }))
        .toThrow(/\[shop\/catalog\] MicroserviceStack: addService\("catalog"\)\.sidecars\[1\]\.name must be unique in the pod \(got "proxy"\); give each container its own name/);
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', sidecars: [{ ...sidecar, name: 'app' }] }))
        .toThrow(/addService\("catalog"\)\.sidecars\[0\]\.name must be unique in the pod \(got "app"\)/);
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', sidecars: [{ ...sidecar, name: 'Proxy' }] }))
        .toThrow(/addService\("catalog"\)\.sidecars\[0\]\.name must be a DNS-1123 label/);
    });

    test('throws for a sidecar image the stack refuses, naming the sidecar', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy' }] }))
        .toThrow(/\[shop\/catalog\] MicroserviceStack: addService\("catalog"\)\.sidecars\[0\]\.image must have a tag or digest \(got "envoyproxy\/envoy"\)/);
    });

    test('throws for config keys that cannot be environment variables', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', config: { 'Logging:LogLevel:Default': 'Warning' } }))
        .toThrow(/\[shop\/catalog\] MicroserviceStack: addService\("catalog"\)\.config must be a valid environment variable name.*\(got "Logging:LogLevel:Default"\); use "Logging__LogLevel__Default": the keys become environment variables/);
    });

    test('throws at synth for a call to a part that listens on no port', () => {
      const s = stack();
      s.addService('worker', { image: 'eshop/worker:1.0.0', ports: [], healthChecks: HealthChecks.none() });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', talksTo: ['worker'] });
      expect(() => Testing.synth(s)).toThrow(/\[shop\] MicroserviceStack: addService\("catalog"\)\.talksTo must name a part that listens on a port, but addService\("worker"\) listens on none \(got "worker"\); drop it, or give it the ports it listens on/);
    });
  });
});

describe('MicroserviceStack.addJob', () => {
  test('runs a task to completion with the stack\'s labels, security and a NetworkPolicy', () => {
    // GIVEN a migration that talks to the database
    const s = stack();
    s.addBackingService('orders-db', { image: 'postgres:16', port: 5432 });
    const job = s.addJob('migrate', { image: 'eshop/ordering-migrations:1.0.0', args: ['--apply'], talksTo: ['orders-db'], backoffLimit: 0 });
    // THEN
    const m = synthValid(s);
    expect(toYaml(m.filter(x => x.kind === 'Job'))).toMatchSnapshot();
    const spec = findOne(m, 'Job', 'migrate').spec;
    expect(spec).toMatchObject({ backoffLimit: 0, template: { spec: { restartPolicy: 'Never' } } });
    expect(spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/version': '1.0.0' });
    expect(restrictedViolations(spec.template.spec)).toEqual([]);
    expect(container(m, 'Job', 'migrate').env).toEqual([{ name: 'Services__orders-db__Url', value: 'tcp://orders-db.shop.svc.cluster.local:5432' }]);
    expect(findOne(m, 'NetworkPolicy', 'allow-migrate').spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders-db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
    expect(findOne(m, 'NetworkPolicy', 'allow-orders-db').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'migrate' } } }]);
    expect(allOf(m, 'Service').map(x => x.metadata.name)).not.toContain('migrate');
    expect(s.jobs).toEqual([job]);
    expect(s.model().jobs).toEqual([{ name: 'migrate', image: 'eshop/ordering-migrations:1.0.0', talksTo: ['orders-db'], buildContext: undefined, dockerfile: undefined }]);
  });

  test('takes restartPolicy, deadlines, ports and a build context', () => {
    const s = stack();
    const job = s.addJob('seed', {
      image: 'eshop/seed:1.0.0',
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
      activeDeadline: Duration.minutes(10),
      ttlAfterFinished: Duration.hours(1),
      ports: [{ port: 9090 }],
      buildContext: 'src/Seed',
    });
    const m = synthValid(s);
    expect(findOne(m, 'Job', 'seed').spec).toMatchObject({ activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, template: { spec: { restartPolicy: 'OnFailure' } } });
    expect(findOne(m, 'Service', 'seed').spec.ports).toEqual([{ name: 'tcp-9090', port: 9090, targetPort: 9090 }]);
    expect([job.buildContext, job.dockerfile, job.port]).toEqual(['src/Seed', 'Dockerfile', 9090]);
  });

  test('throws for restartPolicy ALWAYS', () => {
    expect(() => stack().addJob('migrate', { image: 'eshop/migrate:1.0.0', restartPolicy: kplus.RestartPolicy.ALWAYS }))
      .toThrow(/^\[shop\/migrate\] MicroserviceStack: addJob\("migrate"\)\.restartPolicy must be NEVER or ON_FAILURE: a Job's pods run to completion \(got "Always"\); use kplus\.RestartPolicy\.NEVER or ON_FAILURE/);
  });

  test('throws for a negative backoffLimit', () => {
    expect(() => stack().addJob('migrate', { image: 'eshop/migrate:1.0.0', backoffLimit: -1 }))
      .toThrow(/\[shop\/migrate\] MicroserviceStack: addJob\("migrate"\)\.backoffLimit must be an integer of 0 or more \(got -1\); use 0 to run once/);
  });

  test('throws for a name another part of the stack has', () => {
    const s = stack();
    s.addService('migrate', { image: 'eshop/migrate:1.0.0' });
    expect(() => s.addJob('migrate', { image: 'eshop/migrate:1.0.0' })).toThrow(/\[shop\] MicroserviceStack: addJob\.name must be unique in the stack \(got "migrate"\)/);
  });
});

describe('MicroserviceStack backing services', () => {
  test('give their StatefulSet a headless governing Service for stable pod names, beside the Service clients call', () => {
    // GIVEN
    const s = stack();
    const redis = s.addBackingService('redis', { image: 'redis:7.4', port: 6379, dataPath: '/data' });
    // THEN
    const m = synthValid(s);
    const headless = findOne(m, 'Service', 'redis-headless').spec;
    expect(headless).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ name: 'tcp', port: 6379, targetPort: 6379 }] });
    expect(findOne(m, 'StatefulSet', 'redis').spec.serviceName).toBe('redis-headless');
    expect(findOne(m, 'Service', 'redis').spec.clusterIP).toBeUndefined();
    expect(findOne(m, 'Service', 'redis').spec.selector).toEqual(headless.selector);
    expect(redis.headlessService.name).toBe('redis-headless');
  });

  test('take the same container options as microservices: command, env, config, ports, probes and sidecars', () => {
    const s = stack();
    s.addBackingService('kafka', {
      image: 'apache/kafka:3.8.0',
      ports: [{ port: 9092 }, { port: 9093, name: 'controller' }],
      env: { KAFKA_NODE_ID: '1' },
      config: { KAFKA_PROCESS_ROLES: 'broker,controller' },
      runAsUser: 1000,
      writablePaths: ['/tmp', '/opt/kafka/config'],
      healthChecks: HealthChecks.of({ readiness: HealthProbe.tcpSocket(), liveness: HealthProbe.tcpSocket({ period: Duration.seconds(30) }) }),
      sidecars: [{ name: 'exporter', image: 'danielqsj/kafka-exporter:v1.8.0', ports: [{ port: 9308 }] }],
    });
    const m = synthValid(s);
    const main = container(m, 'StatefulSet', 'kafka', 'main');
    expect(main.readinessProbe.tcpSocket).toEqual({ port: 9092 });
    expect(main.livenessProbe.periodSeconds).toBe(30);
    expect(main.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    expect(main.envFrom).toEqual([{ configMapRef: { name: 'kafka-config' } }]);
    expect(main.volumeMounts.map((v: any) => v.mountPath)).toEqual(['/tmp', '/opt/kafka/config']);
    expect(findOne(m, 'Service', 'kafka').spec.ports.map((p: any) => p.port)).toEqual([9092, 9093, 9308]);
    expect(container(m, 'StatefulSet', 'kafka', 'exporter').securityContext.runAsUser).toBe(1654);
  });

  test('run a backing service that listens on nothing with a headless Service only', () => {
    const s = stack();
    s.addBackingService('indexer', { image: 'eshop/indexer:1.0.0', ports: [] });
    const m = synthValid(s);
    expect(allOf(m, 'Service').map(x => x.metadata.name)).toEqual(['indexer-headless']);
    expect(findOne(m, 'Service', 'indexer-headless').spec).toEqual({ clusterIP: 'None', selector: expect.any(Object), publishNotReadyAddresses: true });
    expect(container(m, 'StatefulSet', 'indexer').readinessProbe).toBeUndefined();
  });

  test('keep their literal secrets in one Secret, with a warning', () => {
    const s = stack();
    s.addBackingService('orders-db', { image: 'postgres:16', port: 5432, secrets: { POSTGRES_PASSWORD: SecretValue.literal('dev') } });
    const m = synthValid(s);
    expect(findOne(m, 'Secret', 'orders-db-secrets').stringData).toEqual({ POSTGRES_PASSWORD: 'dev' });
    expect(s.warnings).toEqual([expect.stringMatching(/secrets POSTGRES_PASSWORD of "orders-db" are literal values/)]);
  });

  test('throw for neither port nor ports, and for both', () => {
    expect(() => stack().addBackingService('redis', { image: 'redis:7.4' }))
      .toThrow(/^\[shop\/redis\] MicroserviceStack: addBackingService\("redis"\)\.port is required \(or ports\) \(got nothing\); pass the port clients connect to, or ports: \[\] for none/);
    expect(() => stack().addBackingService('redis', { image: 'redis:7.4', port: 6379, ports: [{ port: 6379 }] }))
      .toThrow(/addBackingService\("redis"\)\.port cannot be set with ports \(got 6379\)/);
  });

  test('throw for healthChecks beside cdk8s-plus probes', () => {
    expect(() => stack().addBackingService('redis', { image: 'redis:7.4', port: 6379, healthChecks: HealthChecks.none(), readiness: kplus.Probe.fromTcpSocket() }))
      .toThrow(/\[shop\/redis\] MicroserviceStack: addBackingService\("redis"\)\.healthChecks cannot be set with readiness or liveness \(got "both"\); put every probe in healthChecks/);
  });
});
