import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, ImagePolicy, ProbedDeployment, ProbedDeploymentProps, ServiceExposure } from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

const image = 'eshop/catalog-api:1.0.0';
const healthChecks = HealthChecks.aspNetCore();

function deployment(manifests: Manifest[]): Manifest {
  return findOne(manifests, 'Deployment');
}

function mainContainer(manifests: Manifest[]): any {
  return podSpecOf(deployment(manifests)).containers.find((c: any) => c.name === 'app');
}

describe('ProbedDeployment defaults', () => {
  test('synthesizes the course defaults', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new ProbedDeployment(c, 'catalog', { image, healthChecks });
    // THEN
    expect(toYaml(synthValid(c))).toMatchSnapshot();
  });

  test('runs 2 replicas that roll with maxSurge 25% and maxUnavailable 0', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks });
    const spec = deployment(synthValid(c)).spec;
    expect(spec.replicas).toBe(2);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.minReadySeconds).toBe(5);
    expect(podSpecOf(deployment(synthValid(c))).restartPolicy).toBe('Always');
  });

  test('passes the restricted Pod Security Standard', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', { image, healthChecks });
    d.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 9901 });
    const pod = podSpecOf(deployment(synthValid(c)));
    expect(restrictedViolations(pod)).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const container of pod.containers) {
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
    }
  });

  test('mounts a writable emptyDir at /tmp in every container, because the root filesystem is read-only', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', { image, healthChecks });
    d.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 9901 });
    const pod = podSpecOf(deployment(synthValid(c)));
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
    for (const container of pod.containers) {
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    }
  });

  test('sizes resources for a small .NET service, not 1 CPU', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks });
    expect(mainContainer(synthValid(c)).resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  test.each([
    ['eshop/catalog-api:1.0.0', 'IfNotPresent'],
    [`eshop/catalog-api@sha256:${'0123456789abcdef'.repeat(4)}`, 'IfNotPresent'],
    ['localhost:5000/catalog-api', 'Always'],
    ['eshop/catalog-api:latest', 'Always'],
  ])('pulls %s with policy %s, as Kubernetes itself would', (img, policy) => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', {
      image: img, healthChecks, imagePolicy: ImagePolicy.ALLOW_UNPINNED, sidecars: [{ name: 'proxy', image: img, portNumber: 9901 }],
    });
    for (const container of podSpecOf(deployment(synthValid(c))).containers) expect(container.imagePullPolicy).toBe(policy);
  });

  test('listens on 8080, the ASP.NET Core port since .NET 8', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks });
    expect(mainContainer(synthValid(c)).ports).toEqual([{ containerPort: 8080, name: 'http' }]);
  });

  test('adds a PodDisruptionBudget and a topology spread that select its pods', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks });
    const manifests = synthValid(c);
    const labels = deployment(manifests).spec.selector.matchLabels;
    const pdb = findOne(manifests, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: labels } });
    expect(pdb.metadata.namespace).toBe('shop');
    expect(podSpecOf(deployment(manifests)).topologySpreadConstraints).toEqual([{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels },
    }]);
  });

  test('adds no PodDisruptionBudget with one replica, but keeps the spread, so scaling never changes the pod template', () => {
    // GIVEN one and three replicas
    const template = (replicas: number) => {
      const c = chart();
      new ProbedDeployment(c, 'catalog', { image, healthChecks, replicas });
      return synthValid(c);
    };
    // WHEN
    const one = template(1);
    const three = template(3);
    // THEN
    expect(allOf(one, 'PodDisruptionBudget')).toEqual([]);
    expect(allOf(three, 'PodDisruptionBudget')).toHaveLength(1);
    expect(deployment(one).spec.template).toEqual(deployment(three).spec.template);
    expect(podSpecOf(deployment(one)).topologySpreadConstraints).toHaveLength(1);
  });

  test('turns PodDisruptionBudget and spread off when asked', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks, replicas: 3, podDisruptionBudget: false, topologySpread: false });
    const manifests = synthValid(c);
    expect(allOf(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(podSpecOf(deployment(manifests)).topologySpreadConstraints).toBeUndefined();
  });
});

describe('ProbedDeployment with every prop', () => {
  test('synthesizes every prop', () => {
    // GIVEN
    const c = chart();
    const settings = new kplus.ConfigMap(c, 'settings', { data: { Catalog__PageSize: '20' } });
    const secret = kplus.Secret.fromSecretName(c, 'db', 'catalog-db');
    // WHEN
    const d = new ProbedDeployment(c, 'catalog', {
      image,
      containerName: 'catalog',
      port: 5000,
      portName: 'web',
      env: { ASPNETCORE_ENVIRONMENT: 'Production' },
      envValueFrom: { ConnectionStrings__Db: kplus.EnvValue.fromSecretValue({ secret, key: 'cs' }) },
      envFrom: [kplus.Env.fromConfigMap(settings)],
      command: ['dotnet'],
      args: ['Catalog.API.dll'],
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
      liveness: HealthProbe.httpGet('/alive', { initialDelay: Duration.seconds(3), period: Duration.seconds(15), timeout: Duration.seconds(2), failureThreshold: 4 }),
      readiness: HealthProbe.httpGet('/health', { headers: { 'X-Probe': 'kubelet' }, successThreshold: 2 }),
      startup: HealthProbe.tcpSocket({ period: Duration.seconds(5), failureThreshold: 30 }),
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 9901 }],
      replicas: 3,
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      minReady: Duration.seconds(10),
      progressDeadline: Duration.minutes(5),
      revisionHistoryLimit: 5,
      changeCause: 'catalog 1.0.0: first release',
      podDisruptionBudget: true,
      topologySpread: true,
      writableTmp: true,
      exposure: ServiceExposure.nodePort(30080),
      serviceName: 'catalog',
      metadata: { labels: { 'app.kubernetes.io/name': 'catalog' } },
    });
    // THEN
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(d.service).toBeDefined();
    expect(deployment(manifests).metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'catalog 1.0.0: first release' });
  });
});

describe('ProbedDeployment probes', () => {
  test('renders the three kinds the course teaches with every timing knob', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', {
      image,
      liveness: HealthProbe.exec(['cat', '/tmp/healthy'], { initialDelay: Duration.seconds(5), period: Duration.seconds(5) }),
      readiness: HealthProbe.tcpSocket(),
      startup: HealthProbe.httpGet('/started', { scheme: kplus.ConnectionScheme.HTTPS, headers: { Host: 'catalog.local', Accept: 'text/plain' } }),
    });
    const main = mainContainer(synthValid(c));
    expect(main.livenessProbe).toEqual({
      exec: { command: ['cat', '/tmp/healthy'] },
      initialDelaySeconds: 5,
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(main.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(main.startupProbe.httpGet).toEqual({
      path: '/started',
      port: 8080,
      scheme: 'HTTPS',
      httpHeaders: [{ name: 'Accept', value: 'text/plain' }, { name: 'Host', value: 'catalog.local' }],
    });
  });

  test('the ASP.NET Core preset probes /alive and /health on the service port and allows a 60s start', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, port: 5000, healthChecks: HealthChecks.aspNetCore() });
    const main = mainContainer(synthValid(c));
    expect(main.livenessProbe.httpGet).toMatchObject({ path: '/alive', port: 5000 });
    expect(main.readinessProbe.httpGet).toMatchObject({ path: '/health', port: 5000 });
    expect(main.startupProbe.httpGet).toMatchObject({ path: '/alive', port: 5000 });
    expect(main.startupProbe.periodSeconds * main.startupProbe.failureThreshold).toBe(60);
  });

  test('explicit probes override the preset and the preset can drop its startup probe', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', {
      image,
      healthChecks: HealthChecks.aspNetCore({ livenessPath: '/healthz', readinessPath: '/ready', startupProbe: false }),
      readiness: HealthProbe.httpGet('/custom-ready'),
    });
    const main = mainContainer(synthValid(c));
    expect(main.livenessProbe.httpGet.path).toBe('/healthz');
    expect(main.readinessProbe.httpGet.path).toBe('/custom-ready');
    expect(main.startupProbe).toBeUndefined();
  });

  test('HealthChecks.of reuses one set of probes', () => {
    const set = HealthChecks.of({ liveness: HealthProbe.tcpSocket(), readiness: HealthProbe.httpGet('/ready') });
    const c = chart();
    new ProbedDeployment(c, 'a', { image, healthChecks: set });
    new ProbedDeployment(c, 'b', { image, healthChecks: set });
    const manifests = synthValid(c);
    for (const d of allOf(manifests, 'Deployment')) {
      expect(podSpecOf(d).containers[0].readinessProbe.httpGet.path).toBe('/ready');
    }
  });
});

describe('ProbedDeployment sidecars', () => {
  test('puts sidecars in the same pod with small resources and the same security', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image, healthChecks, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 9901 }] });
    const pod = podSpecOf(deployment(synthValid(c)));
    expect(pod.containers.map((x: any) => x.name)).toEqual(['app', 'proxy']);
    const proxy = pod.containers[1];
    expect(proxy.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    expect(proxy.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });
});

describe('ProbedDeployment autoscaling', () => {
  test('autoscale() gives an autoscaling/v2 HPA and leaves replicas unset', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', { image, healthChecks });
    d.autoscale({ minReplicas: 3, maxReplicas: 10, cpuUtilization: 60, memoryUtilization: 75 });
    const manifests = synthValid(c);
    expect(deployment(manifests).spec.replicas).toBeUndefined();
    const hpa = findOne(manifests, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 10,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment(manifests).metadata.name },
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } },
      ],
    });
    expect(allOf(manifests, 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('targets 70% CPU by default and drops the PodDisruptionBudget when the minimum is 1', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', { image, healthChecks });
    d.autoscale({ minReplicas: 1, maxReplicas: 4 });
    const manifests = synthValid(c);
    expect(findOne(manifests, 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(allOf(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(d.podDisruptionBudget).toBeUndefined();
  });
});

describe('ProbedDeployment config and secrets', () => {
  function build(value: string): Manifest[] {
    const c = chart();
    const settings = new kplus.ConfigMap(c, 'settings', { data: { Catalog__PageSize: value } });
    new ProbedDeployment(c, 'catalog', { image, healthChecks, envFrom: [kplus.Env.fromConfigMap(settings)] });
    return synthValid(c);
  }

  test('a change to a ConfigMap of the app changes the pod template, so the pods roll', () => {
    const checksum = (m: Manifest[]) => deployment(m).spec.template.metadata.annotations['k8s-course-constructs/config-checksum'];
    expect(checksum(build('20'))).toMatch(/^[0-9a-f]{16}$/);
    expect(checksum(build('20'))).toBe(checksum(build('20')));
    expect(checksum(build('50'))).not.toBe(checksum(build('20')));
  });

  test('reads single keys from a ConfigMap and a Secret, and whole Secrets', () => {
    const c = chart();
    const settings = new kplus.ConfigMap(c, 'settings', { data: { size: '20' } });
    const secret = new kplus.Secret(c, 'db', { stringData: { cs: 'Host=db' } });
    new ProbedDeployment(c, 'catalog', {
      image,
      healthChecks,
      envValueFrom: {
        Catalog__PageSize: kplus.EnvValue.fromConfigMap(settings, 'size'),
        ConnectionStrings__Db: kplus.EnvValue.fromSecretValue({ secret, key: 'cs' }),
      },
      envFrom: [kplus.Env.fromSecret(secret)],
    });
    const manifests = synthValid(c);
    const main = mainContainer(manifests);
    expect(main.env).toEqual([
      { name: 'Catalog__PageSize', valueFrom: { configMapKeyRef: { name: findOne(manifests, 'ConfigMap').metadata.name, key: 'size' } } },
      { name: 'ConnectionStrings__Db', valueFrom: { secretKeyRef: { name: findOne(manifests, 'Secret').metadata.name, key: 'cs' } } },
    ]);
    expect(main.envFrom).toEqual([{ secretRef: { name: findOne(manifests, 'Secret').metadata.name } }]);
    expect(deployment(manifests).spec.template.metadata.annotations['k8s-course-constructs/config-checksum']).toBeDefined();
  });

  test('has no checksum for ConfigMaps defined outside the app', () => {
    const c = chart();
    const external = kplus.ConfigMap.fromConfigMapName(c, 'ext', 'shared-settings');
    new ProbedDeployment(c, 'catalog', { image, healthChecks, envFrom: [kplus.Env.fromConfigMap(external)] });
    expect(deployment(synthValid(c)).spec.template.metadata.annotations).toBeUndefined();
  });
});

describe('ProbedDeployment errors', () => {
  function make(props: Partial<ProbedDeploymentProps>, c: Chart = chart()): ProbedDeployment {
    return new ProbedDeployment(c, 'catalog', { image, healthChecks, ...props } as ProbedDeploymentProps);
  }

  test('throws without a liveness probe, naming the path, the prop and the fix', () => {
    expect(() => make({ healthChecks: undefined, readiness: HealthProbe.tcpSocket() }))
      .toThrow(/^\[shop\/catalog\] ProbedDeployment: liveness is required.*\(got nothing\); pass liveness: HealthProbe\.httpGet\('\/health'\).*HealthChecks\.aspNetCore\(\)/);
  });

  test('throws without a readiness probe', () => {
    expect(() => make({ healthChecks: undefined, liveness: HealthProbe.tcpSocket() }))
      .toThrow(/\[shop\/catalog\] ProbedDeployment: readiness is required.*pass readiness:/);
  });

  test('throws without an image', () => {
    expect(() => make({ image: '' })).toThrow(/\[shop\/catalog\] ProbedDeployment: image is required.*\(got ""\); pass an image with a tag/);
  });

  test('throws when a probe calls a port the container does not listen on', () => {
    const c = chart();
    make({ liveness: HealthProbe.httpGet('/alive', { port: 9090 }) }, c);
    expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\] ProbedDeployment: liveness must probe a port of container "app" \(8080\) \(got 9090\); probe port 8080, or add port 9090 to the container/);
  });

  test('throws when two containers of one pod listen on the same port, naming both', () => {
    const c = chart();
    make({ sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 8080 }] }, c);
    expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\] ProbedDeployment: containers\.proxy\.ports must not reuse a port of another container of the pod: "app" and "proxy" both listen on 8080 \(got 8080\); containers of one pod share its network namespace/);
  });

  test('throws for a negative replica count', () => {
    expect(() => make({ replicas: -1 })).toThrow(/\[shop\/catalog\] ProbedDeployment: replicas must be an integer of 0 or more \(got -1\); use 2 or more/);
  });

  test('throws when maxSurge and maxUnavailable are both 0', () => {
    expect(() => make({ maxSurge: kplus.PercentOrAbsolute.percent(0), maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }))
      .toThrow(/\[shop\/catalog\] ProbedDeployment: maxSurge and maxUnavailable must not both be 0.*\(got "0% \/ 0"\); keep maxUnavailable 0 and set maxSurge to 1 or 25%/);
  });

  test('throws when a probe timeout is longer than its period', () => {
    expect(() => make({ readiness: HealthProbe.httpGet('/health', { period: Duration.seconds(5), timeout: Duration.seconds(10) }) }))
      .toThrow(/\[shop\/catalog\] ProbedDeployment: readiness\.timeout must not be longer than readiness\.period \(5s\) \(got "10s"\); shorten the timeout/);
  });

  test('throws for a successThreshold other than 1 on a liveness probe', () => {
    expect(() => make({ liveness: HealthProbe.tcpSocket({ successThreshold: 2 }) }))
      .toThrow(/\[shop\/catalog\] ProbedDeployment: liveness\.successThreshold must be 1 for liveness and startup probes \(got 2\); drop successThreshold/);
  });

  test('throws for a failureThreshold below 1', () => {
    expect(() => make({ readiness: HealthProbe.tcpSocket({ failureThreshold: 0 }) }))
      .toThrow(/readiness\.failureThreshold must be an integer of at least 1 \(got 0\); use 1 or more/);
  });

  test('throws for env var names Kubernetes 1.28 rejects, suggesting the .NET form', () => {
    expect(() => make({ env: { 'ConnectionStrings:Default': 'x' } }))
      .toThrow(/\[shop\/catalog\] ProbedDeployment: env must be a valid environment variable name for Kubernetes 1\.28.*\(got "ConnectionStrings:Default"\); use "ConnectionStrings__Default"/);
  });

  test('throws at synth for a bad env var name added later to a container', () => {
    const c = chart();
    const d = make({}, c);
    d.mainContainer.env.addVariable('1Password', kplus.EnvValue.fromValue('x'));
    expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\] ProbedDeployment: containers\.app\.env must be a valid environment variable name.*\(got "1Password"\); use "_1Password"/);
  });

  test('throws for an invalid port and port name', () => {
    expect(() => make({ port: 70000 })).toThrow(/\[shop\/catalog\] ProbedDeployment: port must be an integer from 1 to 65535 \(got 70000\)/);
    expect(() => make({ portName: 'HTTP_Port' })).toThrow(/\[shop\/catalog\] ProbedDeployment: portName must contain only lowercase letters.*\(got "HTTP_Port"\); use a short lowercase name/);
  });

  test('throws for an invalid Deployment name', () => {
    expect(() => make({ metadata: { name: 'Catalog_API' } })).toThrow(/\[shop\/catalog\] ProbedDeployment: metadata\.name must be a DNS-1123 subdomain.*\(got "Catalog_API"\)/);
  });

  test('throws for serviceName without an exposure', () => {
    expect(() => make({ serviceName: 'catalog' })).toThrow(/\[shop\/catalog\] ProbedDeployment: serviceName needs an exposure.*add exposure: ServiceExposure\.clusterIp\(\)/);
  });

  test('throws when exposed twice', () => {
    const d = make({ exposure: ServiceExposure.clusterIp() });
    expect(() => d.expose()).toThrow(/\[shop\/catalog\] ProbedDeployment: exposure can be set once per deployment/);
  });

  describe('autoscale', () => {
    test('throws when minReplicas is below 1', () => {
      expect(() => make({}).autoscale({ minReplicas: 0, maxReplicas: 3 }))
        .toThrow(/\[shop\/catalog\] ProbedDeployment: autoscale\.minReplicas must be an integer of at least 1 \(got 0\); use 2 or more/);
    });

    test('throws when minReplicas is above maxReplicas', () => {
      expect(() => make({}).autoscale({ minReplicas: 5, maxReplicas: 3 }))
        .toThrow(/\[shop\/catalog\] ProbedDeployment: autoscale\.maxReplicas must be an integer not below minReplicas \(5\) \(got 3\); raise maxReplicas or lower minReplicas/);
    });

    test('throws for a utilization outside 1-100', () => {
      expect(() => make({}).autoscale({ maxReplicas: 3, cpuUtilization: 0 })).toThrow(/autoscale\.cpuUtilization must be a whole percentage from 1 to 100 \(got 0\); pass a target such as 70/);
      expect(() => make({}).autoscale({ maxReplicas: 3, memoryUtilization: 150 })).toThrow(/autoscale\.memoryUtilization must be a whole percentage from 1 to 100 \(got 150\)/);
    });

    test('throws when replicas is also set', () => {
      expect(() => make({ replicas: 3 }).autoscale({ maxReplicas: 5 }))
        .toThrow(/\[shop\/catalog\] ProbedDeployment: replicas must not be set on an autoscaled deployment.*\(got 3\); drop replicas and set autoscale\.minReplicas instead/);
    });

    test('throws when called twice', () => {
      const d = make({});
      d.autoscale({ maxReplicas: 5 });
      expect(() => d.autoscale({ maxReplicas: 6 })).toThrow(/\[shop\/catalog\] ProbedDeployment: autoscale can be called once/);
    });
  });
});

test('synthesizing the same app twice gives byte-identical YAML', () => {
  const build = () => {
    const c = new Chart(new App(), 'shop');
    const settings = new kplus.ConfigMap(c, 'settings', { data: { b: '2', a: '1' } });
    const d = new ProbedDeployment(c, 'catalog', { image, healthChecks, envFrom: [kplus.Env.fromConfigMap(settings)], exposure: ServiceExposure.nodePort(30080) });
    d.autoscale({ maxReplicas: 4 });
    return toYaml(synthValid(c));
  };
  expect(build()).toBe(build());
});
