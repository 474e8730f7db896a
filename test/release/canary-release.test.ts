import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiGateway, CanaryRelease, CanaryReleaseProps, CanaryTraffic, CanaryTrafficMode, GatewayKind, HealthChecks, HealthProbe, ManifestValidator,
  PathMatch, ProbedDeployment, RouteBackend, ServiceExposure,
} from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

const image = 'eshop/catalog-api:1.4.0';
const canaryImage = 'eshop/catalog-api:1.5.0';
const healthChecks = HealthChecks.aspNetCore();
const RELEASE_LABEL = 'k8s-course-constructs/release';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

/** Makes the traffic of a release in its chart (a gateway must live in the same app). */
type TrafficFactory = (c: Chart) => CanaryTraffic;

/** Synthesizes one step of a release, as `cdk8s synth` would for that program. */
function release(props: Partial<CanaryReleaseProps> = {}, traffic?: TrafficFactory): { manifests: Manifest[]; release: CanaryRelease } {
  const c = chart();
  const r = new CanaryRelease(c, 'catalog', { serviceName: 'catalog', image, canaryImage, healthChecks, ...traffic ? { traffic: traffic(c) } : {}, ...props });
  return { manifests: synthValid(c), release: r };
}

/** A Gateway API gateway for shop.example.com and the release's route on /catalog. */
const viaGateway: TrafficFactory = (c) => CanaryTraffic.gatewayApi({
  gateway: new ApiGateway(c, 'gateway', { name: 'shop', hostnames: ['shop.example.com'] }),
  path: '/catalog',
  rewritePrefix: '/',
});

function synth(props: Partial<CanaryReleaseProps> = {}, traffic?: TrafficFactory): Manifest[] {
  return release(props, traffic).manifests;
}

function imageOf(workload: Manifest): string {
  return podSpecOf(workload).containers.find((c: any) => c.name === 'app').image;
}

/** The pods a Service selects: every workload whose pod template carries its selector's labels. */
function selectedWorkloads(manifests: Manifest[], service: Manifest): Manifest[] {
  const selector: { [k: string]: string } = service.spec.selector;
  return manifests
    .filter(m => m.kind === 'Deployment' || m.kind === 'Rollout')
    .filter(m => Object.entries(selector).every(([k, v]) => m.spec.template.metadata.labels[k] === v));
}

/** Pods a workload runs: its replicas, or its autoscaler's minimum. */
function podsOf(manifests: Manifest[], workload: Manifest): number {
  if (workload.spec.replicas !== undefined) return workload.spec.replicas;
  const hpa = allOf(manifests, 'HorizontalPodAutoscaler').find(h => h.spec.scaleTargetRef.name === workload.metadata.name);
  return hpa?.spec.minReplicas ?? 1;
}

/** Ready pods behind a Service: pods of selected workloads that have a readiness probe. */
function readyPodsBehind(manifests: Manifest[], serviceName: string): number {
  const service = findOne(manifests, 'Service', serviceName);
  return selectedWorkloads(manifests, service)
    .filter(w => podSpecOf(w).containers.every((c: any) => c.readinessProbe))
    .reduce((sum, w) => sum + podsOf(manifests, w), 0);
}

function deploymentsOf(manifests: Manifest[]): { [name: string]: any } {
  return Object.fromEntries(allOf(manifests, 'Deployment').map(d => [d.metadata.name, d.spec.selector]));
}

/** Kinds that come and go with replica counts (PDB with 2+ pods, HPA with a running canary). */
const SCALING_KINDS = ['PodDisruptionBudget', 'HorizontalPodAutoscaler'];

function objectNames(manifests: Manifest[]): string[] {
  return manifests.filter(m => !SCALING_KINDS.includes(m.kind)).map(m => `${m.kind}/${m.metadata.name}`).sort();
}

/**
 * Synthesizes every step of a plan (plus the rollback) and checks the invariants of a release:
 * the same objects and the same Deployment names and selectors at every step, and a Service that
 * selects ready pods at every step.
 */
function expectSafeAtEveryStep(props: Partial<CanaryReleaseProps>, weights: number[], traffic?: TrafficFactory): Manifest[][] {
  const all = weights.map(weight => synth({ ...props, weight }, traffic));
  const first = all[0];
  for (const manifests of all) {
    expect(objectNames(manifests)).toEqual(objectNames(first));
    expect(deploymentsOf(manifests)).toEqual(deploymentsOf(first));
    expect(readyPodsBehind(manifests, 'catalog')).toBeGreaterThan(0);
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  }
  return all;
}

describe('CanaryRelease defaults', () => {
  test('synthesizes a replica-ratio release at weight 0', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new CanaryRelease(c, 'catalog', { image, canaryImage, healthChecks });
    // THEN
    expect(toYaml(synthValid(c))).toMatchSnapshot();
  });

  test('runs every pod as the stable version and no canary pods at weight 0', () => {
    const { manifests, release: r } = release();
    expect(r.weight).toBe(0);
    expect(r.traffic.mode).toBe(CanaryTrafficMode.REPLICA_RATIO);
    expect(findOne(manifests, 'Deployment', 'catalog-stable').spec.replicas).toBe(10);
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(0);
    expect(imageOf(findOne(manifests, 'Deployment', 'catalog-canary'))).toBe(canaryImage);
  });

  test('gives both versions the same probes, port, resources and restricted security', () => {
    const manifests = synth({ weight: 50 });
    const [stable, canary] = ['catalog-stable', 'catalog-canary'].map(n => podSpecOf(findOne(manifests, 'Deployment', n)));
    const strip = (pod: any) => ({
      ...pod,
      containers: pod.containers.map((x: any) => ({ ...x, image: undefined })),
      topologySpreadConstraints: undefined,
    });
    expect(strip(stable)).toEqual(strip(canary));
    expect(restrictedViolations(stable)).toEqual([]);
    expect(restrictedViolations(canary)).toEqual([]);
  });

  test('names every object of every mode when no serviceName is given', () => {
    const modes: TrafficFactory[] = [
      () => CanaryTraffic.replicaRatio(), () => CanaryTraffic.ingress(), () => CanaryTraffic.argoRollouts(), viaGateway,
    ];
    for (const traffic of modes) {
      const manifests = synth({ serviceName: undefined, weight: traffic === viaGateway ? 10 : 0 }, traffic);
      expect(manifests.filter(m => !m.metadata.name)).toEqual([]);
    }
  });

  test('names its Service and Deployments after the release id when no serviceName is given', () => {
    const manifests = synth({ serviceName: undefined });
    expect(findOne(manifests, 'Service').metadata.name).toBe('catalog');
    expect(allOf(manifests, 'Deployment').map(d => d.metadata.name).sort()).toEqual(['catalog-canary', 'catalog-stable']);
    for (const d of allOf(manifests, 'Deployment')) {
      expect(d.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'catalog', 'app.kubernetes.io/instance': d.metadata.name });
    }
    expect(findOne(manifests, 'Service').metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'catalog', 'app.kubernetes.io/part-of': 'shop' });
  });

  test('gives its Services the workload\'s ports, each with its own number, when the workload lists ports', () => {
    const manifests = synth({ ports: [{ port: 8080 }, { port: 8081, name: 'grpc' }] });
    expect(findOne(manifests, 'Service', 'catalog').spec.ports).toEqual([
      { name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
      { name: 'grpc', port: 8081, targetPort: 8081, protocol: 'TCP' },
    ]);
  });

  test('throws for a workload that listens on nothing: clients reach a release through its Service', () => {
    expect(() => synth({ ports: [], healthChecks: HealthChecks.none() }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: ports must list a port: clients reach a release through its Service \(got \[\]\); list the port the service listens on/);
  });

  test('without a canaryImage, runs image in both Deployments and no canary pods', () => {
    const manifests = synth({ canaryImage: undefined });
    expect(imageOf(findOne(manifests, 'Deployment', 'catalog-canary'))).toBe(image);
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(0);
  });
});

describe('CanaryRelease with every prop', () => {
  test('synthesizes every prop', () => {
    // GIVEN
    const c = chart();
    const settings = new kplus.ConfigMap(c, 'settings', { data: { Catalog__PageSize: '20' } });
    // WHEN
    new CanaryRelease(c, 'catalog', {
      serviceName: 'catalog',
      image,
      canaryImage,
      traffic: CanaryTraffic.ingress({
        ingressClassName: 'nginx-public',
        host: 'shop.example.com',
        path: '/catalog',
        pathType: kplus.HttpIngressPathType.PREFIX,
        header: 'X-Canary',
        headerValue: 'yes',
      }),
      steps: [10, 50, 100],
      step: 1,
      replicas: 4,
      containerName: 'catalog',
      port: 5000,
      portName: 'web',
      env: { ASPNETCORE_ENVIRONMENT: 'Production' },
      envFrom: [kplus.Env.fromConfigMap(settings)],
      command: ['dotnet'],
      args: ['Catalog.API.dll'],
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
      containerSecurityContext: { user: 1654, group: 1654 },
      liveness: HealthProbe.httpGet('/alive'),
      readiness: HealthProbe.httpGet('/health', { successThreshold: 2 }),
      startup: HealthProbe.tcpSocket({ failureThreshold: 30 }),
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2', portNumber: 9901 }],
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      minReady: Duration.seconds(10),
      progressDeadline: Duration.minutes(5),
      revisionHistoryLimit: 5,
      podDisruptionBudget: true,
      topologySpread: true,
      writableTmp: true,
      exposure: ServiceExposure.nodePort(30080),
    });
    // THEN
    expect(toYaml(synthValid(c))).toMatchSnapshot();
  });
});

describe('CanaryRelease in replica-ratio mode', () => {
  test.each([0, 10, 100])('synthesizes weight %d', (weight) => {
    expect(toYaml(synth({ weight }))).toMatchSnapshot();
  });

  test.each([
    [0, 10, 0],
    [10, 9, 1],
    [30, 7, 3],
    [50, 5, 5],
    [90, 1, 9],
  ])('at weight %d runs %d stable and %d canary pods of 10', (weight, stable, canary) => {
    const manifests = synth({ weight });
    expect(findOne(manifests, 'Deployment', 'catalog-stable').spec.replicas).toBe(stable);
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(canary);
  });

  test('promotes at weight 100: the stable Deployment runs the canary image on every pod, the canary none', () => {
    const manifests = synth({ weight: 100 });
    const stable = findOne(manifests, 'Deployment', 'catalog-stable');
    expect(imageOf(stable)).toBe(canaryImage);
    expect(stable.spec.replicas).toBe(10);
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(0);
  });

  test('renders weight 100 exactly as the finished release (image set to the canary, no canaryImage)', () => {
    expect(toYaml(synth({ weight: 100 }))).toBe(toYaml(synth({ image: canaryImage, canaryImage: undefined, weight: 0 })));
  });

  test('selects both versions through the release label, not cdk8s\'s per-Deployment label', () => {
    const manifests = synth({ weight: 10 });
    const service = findOne(manifests, 'Service', 'catalog');
    expect(Object.keys(service.spec.selector)).toEqual([RELEASE_LABEL]);
    expect(selectedWorkloads(manifests, service).map(w => w.metadata.name).sort()).toEqual(['catalog-canary', 'catalog-stable']);
    for (const name of ['catalog-stable', 'catalog-canary']) {
      const d = findOne(manifests, 'Deployment', name);
      expect(d.spec.selector.matchLabels[RELEASE_LABEL]).toBeUndefined();
      expect(d.spec.template.metadata.labels[RELEASE_LABEL]).toBe(service.spec.selector[RELEASE_LABEL]);
    }
  });

  test('labels each version\'s pods with its track, outside the selectors', () => {
    const manifests = synth({ weight: 10 });
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.template.metadata.labels['k8s-course-constructs/track']).toBe('canary');
    expect(findOne(manifests, 'Deployment', 'catalog-stable').spec.template.metadata.labels['k8s-course-constructs/track']).toBe('stable');
  });

  test('gives a version a PodDisruptionBudget only when it runs 2 or more pods', () => {
    const pdbs = (weight: number) => allOf(synth({ weight }), 'PodDisruptionBudget').map(p => p.spec.selector.matchLabels);
    const canarySelector = (weight: number) => findOne(synth({ weight }), 'Deployment', 'catalog-canary').spec.selector.matchLabels;
    expect(pdbs(0)).not.toContainEqual(canarySelector(0));
    expect(pdbs(10)).not.toContainEqual(canarySelector(10));
    expect(pdbs(20)).toContainEqual(canarySelector(20));
    expect(pdbs(20)).toHaveLength(2);
  });

  test('shares totalReplicas out by weight', () => {
    const manifests = synth({ weight: 5, traffic: CanaryTraffic.replicaRatio({ totalReplicas: 20 }) });
    expect(findOne(manifests, 'Deployment', 'catalog-stable').spec.replicas).toBe(19);
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(1);
  });

  test('keeps names, selectors and ready pods behind the Service at every step and on rollback', () => {
    expectSafeAtEveryStep({}, [0, 10, 20, 50, 100, 0]);
  });
});

describe('CanaryRelease plan', () => {
  const steps = [5, 25, 50, 100];
  const ratio = CanaryTraffic.replicaRatio({ totalReplicas: 20 });

  test.each([[0, 5], [1, 25], [2, 50], [3, 100]])('step %d of [5, 25, 50, 100] is weight %d', (step, weight) => {
    const { release: r } = release({ steps, step, traffic: ratio });
    expect(r.weight).toBe(weight);
  });

  test('starts at the first step when no step is given', () => {
    expect(release({ steps, traffic: ratio }).release.weight).toBe(5);
  });

  test('renders a step exactly as the same weight', () => {
    expect(toYaml(synth({ steps, step: 1, traffic: ratio }))).toBe(toYaml(synth({ steps, weight: 25, traffic: ratio })));
  });

  test('rolls back with weight 0 while keeping the plan', () => {
    const manifests = synth({ steps, weight: 0, traffic: ratio });
    expect(findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas).toBe(0);
  });

  test('keeps names, selectors and ready pods at every step of the plan', () => {
    const c = (step: number) => synth({ steps, step, traffic: ratio });
    const all = steps.map((_, i) => c(i));
    for (const manifests of all) {
      expect(deploymentsOf(manifests)).toEqual(deploymentsOf(all[0]));
      expect(objectNames(manifests)).toEqual(objectNames(all[0]));
      expect(readyPodsBehind(manifests, 'catalog')).toBe(20);
    }
  });
});

describe('CanaryRelease in ingress mode', () => {
  const traffic = CanaryTraffic.ingress({ host: 'shop.example.com', path: '/catalog', header: 'X-Canary' });

  test.each([0, 10, 100])('synthesizes weight %d', (weight) => {
    expect(toYaml(synth({ weight, traffic }))).toMatchSnapshot();
  });

  test('routes the primary Ingress to the stable Service and the canary Ingress to the canary Service', () => {
    const manifests = synth({ weight: 10, traffic });
    const backend = (name: string) => findOne(manifests, 'Ingress', name).spec.rules[0].http.paths[0];
    expect(backend('catalog')).toEqual({ path: '/catalog', pathType: 'Prefix', backend: { service: { name: 'catalog', port: { number: 80 } } } });
    expect(backend('catalog-canary').backend.service.name).toBe('catalog-canary');
    expect(findOne(manifests, 'Ingress', 'catalog').spec.ingressClassName).toBe('nginx');
    expect(findOne(manifests, 'Ingress', 'catalog').metadata.annotations).toBeUndefined();
  });

  test.each([[0, '0'], [10, '10'], [50, '50'], [100, '0']])('at weight %d sets canary-weight %s', (weight, annotation) => {
    const annotations = findOne(synth({ weight, traffic }), 'Ingress', 'catalog-canary').metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/canary']).toBe('true');
    expect(annotations['nginx.ingress.kubernetes.io/canary-weight']).toBe(annotation);
  });

  test('sends the asked share to the new version at every step (the stable Deployment runs it at 100)', () => {
    for (const weight of [0, 10, 25, 50, 75, 100]) {
      const manifests = synth({ weight, traffic });
      const canaryWeight = Number(findOne(manifests, 'Ingress', 'catalog-canary').metadata.annotations['nginx.ingress.kubernetes.io/canary-weight']);
      const stableRunsNew = imageOf(findOne(manifests, 'Deployment', 'catalog-stable')) === canaryImage;
      expect(canaryWeight + (stableRunsNew ? 100 - canaryWeight : 0)).toBe(weight);
    }
  });

  test('takes the IngressClass, hostnames and TLS Secret from an ingress-nginx ApiGateway', () => {
    const manifests = synth({ weight: 10 }, (c) => {
      const gateway = new ApiGateway(c, 'gateway', {
        kind: GatewayKind.aksApplicationRouting(), hostnames: ['shop.example.com', 'www.example.com'], tlsSecretName: 'shop-tls',
      });
      // The gateway's own routes stay as they are, next to the release's Ingresses.
      const basket = new ProbedDeployment(c, 'basket', { image: 'eshop/basket-api:1.0.0', healthChecks, exposure: ServiceExposure.clusterIp(), serviceName: 'basket' });
      gateway.addRoute('basket', { path: '/basket', backends: [RouteBackend.fromDeployment(basket)] });
      return CanaryTraffic.ingress({ gateway, path: '/catalog' });
    });
    for (const name of ['catalog', 'catalog-canary']) {
      const spec = findOne(manifests, 'Ingress', name).spec;
      expect(spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
      expect(spec.rules.map((r: any) => r.host)).toEqual(['shop.example.com', 'www.example.com']);
      expect(spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.example.com'], secretName: 'shop-tls' }]);
    }
  });

  test('gives the canary Service the same ports, inside the cluster only', () => {
    const manifests = synth({ weight: 10, traffic, exposure: ServiceExposure.nodePort(undefined, { ports: [{ port: 80, nodePort: 30080 }] }) });
    expect(findOne(manifests, 'Service', 'catalog').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
    const canary = findOne(manifests, 'Service', 'catalog-canary').spec;
    expect(canary.type).toBe('ClusterIP');
    expect(canary.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]);
  });

  test('routes by header only while a canary runs', () => {
    const header = (weight: number) => findOne(synth({ weight, traffic }), 'Ingress', 'catalog-canary').metadata.annotations['nginx.ingress.kubernetes.io/canary-by-header'];
    expect(header(10)).toBe('X-Canary');
    expect(header(0)).toBeUndefined();
    expect(header(100)).toBeUndefined();
  });

  test('keeps the stable version at full size and runs the canary\'s share of it, at least one pod', () => {
    const pods = (weight: number) => {
      const manifests = synth({ weight, traffic, replicas: 4 });
      return [findOne(manifests, 'Deployment', 'catalog-stable').spec.replicas, findOne(manifests, 'Deployment', 'catalog-canary').spec.replicas];
    };
    expect(pods(0)).toEqual([4, 0]);
    expect(pods(5)).toEqual([4, 1]);
    expect(pods(50)).toEqual([4, 2]);
    expect(pods(100)).toEqual([4, 0]);
  });

  test('keeps names, selectors and ready pods behind the Service at every step and on rollback', () => {
    expectSafeAtEveryStep({ traffic }, [0, 5, 10, 33, 50, 100, 0]);
  });

  test('autoscales each version: the canary gets its share of the bounds while it runs, and no autoscaler at 0', () => {
    const autoscale = { minReplicas: 4, maxReplicas: 20 };
    const at10 = synth({ weight: 10, traffic, autoscale });
    const hpa = (manifests: Manifest[], target: string) => allOf(manifests, 'HorizontalPodAutoscaler').find(h => h.spec.scaleTargetRef.name === target);
    expect(hpa(at10, 'catalog-stable')!.spec).toMatchObject({ minReplicas: 4, maxReplicas: 20 });
    expect(hpa(at10, 'catalog-canary')!.spec).toMatchObject({ minReplicas: 1, maxReplicas: 2 });
    expect(findOne(at10, 'Deployment', 'catalog-canary').spec.replicas).toBeUndefined();
    const at0 = synth({ weight: 0, traffic, autoscale });
    expect(hpa(at0, 'catalog-canary')).toBeUndefined();
    // A canary autoscaler left in the cluster from an earlier step does nothing: Kubernetes
    // disables autoscaling of a Deployment scaled to 0.
    expect(findOne(at0, 'Deployment', 'catalog-canary').spec.replicas).toBe(0);
    expect(readyPodsBehind(at0, 'catalog')).toBe(4);
  });
});

describe('CanaryRelease in Gateway API mode', () => {
  const route = (manifests: Manifest[]) => findOne(manifests, 'HTTPRoute', 'shop').spec.rules[0];

  test.each([0, 10, 100])('synthesizes weight %d', (weight) => {
    expect(toYaml(synth({ weight }, viaGateway))).toMatchSnapshot();
  });

  test('adds a rule with the stable and canary Services as weighted backends to the gateway\'s HTTPRoute', () => {
    const manifests = synth({ weight: 10 }, viaGateway);
    expect(route(manifests)).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/catalog' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
      backendRefs: [{ name: 'catalog', port: 80, weight: 90 }, { name: 'catalog-canary', port: 80, weight: 10 }],
    });
    expect(findOne(manifests, 'HTTPRoute', 'shop').spec.parentRefs).toEqual([{ name: 'shop' }]);
  });

  test('weights the backends to sum to 100 with the asked share on the new version at every step', () => {
    for (const weight of [0, 1, 10, 25, 50, 99, 100]) {
      const manifests = synth({ weight }, viaGateway);
      const [stable, canary] = route(manifests).backendRefs.map((b: any) => b.weight);
      expect(stable + canary).toBe(100);
      const stableRunsNew = imageOf(findOne(manifests, 'Deployment', 'catalog-stable')) === canaryImage;
      expect(canary + (stableRunsNew ? stable : 0)).toBe(weight);
    }
  });

  test('runs the canary\'s share of the stable replicas while it takes traffic', () => {
    const pods = (weight: number) => findOne(synth({ weight, replicas: 6 }, viaGateway), 'Deployment', 'catalog-canary').spec.replicas;
    expect([0, 10, 50, 100].map(pods)).toEqual([0, 1, 3, 0]);
  });

  test('keeps names, selectors and ready pods behind the Service at every step and on rollback', () => {
    expectSafeAtEveryStep({}, [0, 10, 25, 50, 100, 0], viaGateway);
  });

  test('takes the route\'s match and hostnames from the options', () => {
    const manifests = synth({ weight: 10 }, (c) => CanaryTraffic.gatewayApi({
      gateway: new ApiGateway(c, 'gateway', { name: 'shop' }),
      path: '/catalog/v2',
      pathMatch: PathMatch.EXACT,
      hostnames: ['api.example.com'],
    }));
    const httpRoute = findOne(manifests, 'HTTPRoute', /^shop/);
    expect(httpRoute.spec.hostnames).toEqual(['api.example.com']);
    expect(httpRoute.spec.rules[0].matches).toEqual([{ path: { type: 'Exact', value: '/catalog/v2' } }]);
  });
});

describe('CanaryRelease in Argo Rollouts mode', () => {
  const traffic = CanaryTraffic.argoRollouts();

  test('synthesizes a Rollout that walks the plan', () => {
    expect(toYaml(synth({ traffic, steps: [10, 50, 100], replicas: 10 }))).toMatchSnapshot();
  });

  test('synthesizes the rollback (weight 0)', () => {
    expect(toYaml(synth({ traffic, weight: 0 }))).toMatchSnapshot();
  });

  test('writes no Deployment: the Rollout runs the stable version\'s pod template with the new image', () => {
    const manifests = synth({ traffic });
    expect(allOf(manifests, 'Deployment')).toEqual([]);
    const rollout = findOne(manifests, 'Rollout', 'catalog');
    expect(imageOf(rollout)).toBe(canaryImage);
    expect(restrictedViolations(podSpecOf(rollout))).toEqual([]);
    const main = podSpecOf(rollout).containers[0];
    expect(main.readinessProbe.httpGet.path).toBe('/health');
    expect(main.livenessProbe.httpGet.path).toBe('/alive');
    expect(rollout.spec.selector.matchLabels).toEqual(
      Object.fromEntries(Object.entries(rollout.spec.template.metadata.labels).filter(([k]) => k.startsWith('cdk8s.io/'))),
    );
  });

  test('turns the plan into setWeight and pause steps, with stable and canary Services', () => {
    const rollout = findOne(synth({ traffic, steps: [25, 50, 100], replicas: 4 }), 'Rollout', 'catalog');
    expect(rollout.spec.strategy.canary).toMatchObject({
      stableService: 'catalog',
      canaryService: 'catalog-canary',
      steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }, { setWeight: 100 }],
      stableMetadata: { labels: { 'k8s-course-constructs/track': 'stable' } },
      canaryMetadata: { labels: { 'k8s-course-constructs/track': 'canary' } },
      maxSurge: '25%',
      maxUnavailable: 0,
    });
    expect(rollout.spec.replicas).toBe(4);
  });

  test('pauses for a fixed time between steps when asked', () => {
    const rollout = findOne(synth({ traffic: CanaryTraffic.argoRollouts({ pause: Duration.minutes(10) }) }), 'Rollout', 'catalog');
    expect(rollout.spec.strategy.canary.steps).toEqual([{ setWeight: 50 }, { pause: { duration: '600s' } }, { setWeight: 100 }]);
  });

  test('rolls back by running the stable image again, with the same Rollout, selector and Services', () => {
    const [rolledBack, released] = [synth({ traffic, weight: 0 }), synth({ traffic })];
    expect(imageOf(findOne(rolledBack, 'Rollout', 'catalog'))).toBe(image);
    expect(objectNames(rolledBack)).toEqual(objectNames(released));
    expect(findOne(rolledBack, 'Rollout', 'catalog').spec.selector).toEqual(findOne(released, 'Rollout', 'catalog').spec.selector);
    expect(findOne(rolledBack, 'Rollout', 'catalog').spec.strategy).toEqual(findOne(released, 'Rollout', 'catalog').spec.strategy);
  });

  test('points both Services at the Rollout\'s pods, and covers them with a PodDisruptionBudget', () => {
    const manifests = synth({ traffic });
    expect(readyPodsBehind(manifests, 'catalog')).toBe(2);
    expect(readyPodsBehind(manifests, 'catalog-canary')).toBe(2);
    const pdb = findOne(manifests, 'PodDisruptionBudget');
    expect(selectedWorkloads(manifests, { spec: { selector: pdb.spec.selector.matchLabels } } as any).map(w => w.kind)).toEqual(['Rollout']);
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });

  test('autoscales the Rollout, which then has no replicas', () => {
    const manifests = synth({ traffic, autoscale: { minReplicas: 4, maxReplicas: 12 } });
    const rollout = findOne(manifests, 'Rollout', 'catalog');
    expect(rollout.spec.replicas).toBeUndefined();
    expect(findOne(manifests, 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'catalog' },
      minReplicas: 4,
      maxReplicas: 12,
    });
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });
});

describe('CanaryRelease errors', () => {
  const make = (props: Partial<CanaryReleaseProps>) => () => new CanaryRelease(chart(), 'catalog', { image, canaryImage, healthChecks, ...props });

  test.each([-1, 101, 12.5])('throws for weight %d', (weight) => {
    expect(make({ weight })).toThrow(/^\[shop\/catalog\] CanaryRelease: weight must be an integer from 0 to 100 \(got -?[\d.]+\); pass a percentage: 0 rolls back, 100 promotes$/);
  });

  test('throws for a step outside the plan', () => {
    expect(make({ steps: [10, 50, 100], step: 3 }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: step must be an index of steps, from 0 to 2 \(got 3\); pick a step of the plan \[10, 50, 100\], or pass weight: 0 to roll back$/);
    expect(make({ steps: [10, 50, 100], step: -1 })).toThrow(/step must be an index of steps, from 0 to 2 \(got -1\)/);
  });

  test('throws for a step without a plan', () => {
    expect(make({ step: 1 })).toThrow(/^\[shop\/catalog\] CanaryRelease: step needs a plan in steps \(got 1\); pass steps, such as \[5, 25, 50, 100\], or a weight instead$/);
  });

  test('throws for both weight and step', () => {
    expect(make({ steps: [10, 100], step: 0, weight: 10 })).toThrow(/^\[shop\/catalog\] CanaryRelease: weight and step are exclusive .*\(got 10\); drop step to set the weight directly/);
  });

  test('throws for steps that do not increase', () => {
    expect(make({ steps: [10, 50, 25, 100] }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: steps must increase from one step to the next \(steps\[1\] is 50, steps\[2\] is 25\) \(got \[10,50,25,100\]\); list the canary weights in order/);
  });

  test('throws for steps that do not end at 100', () => {
    expect(make({ steps: [10, 50] })).toThrow(/^\[shop\/catalog\] CanaryRelease: steps must end at 100 \(the promotion\) \(got \[10,50\]\); append 100: \[10, 50, 100\]$/);
  });

  test('throws for a step outside 0..100 and for an empty plan', () => {
    expect(make({ steps: [10, 150] })).toThrow(/steps\[1\] must be an integer from 0 to 100 \(got 150\)/);
    expect(make({ steps: [] })).toThrow(/steps must list at least one weight \(got \[\]\)/);
  });

  test('throws when stable and canary have the same image, because such a canary tests nothing', () => {
    expect(make({ canaryImage: image, weight: 10 }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: canaryImage must differ from image: a canary of the same version tests nothing \(got "eshop\/catalog-api:1\.4\.0"\); set canaryImage to the new version; after a promotion, set image to it and drop canaryImage$/);
  });

  test('throws for traffic to a canary without a canaryImage', () => {
    expect(make({ canaryImage: undefined, weight: 10 })).toThrow(/^\[shop\/catalog\] CanaryRelease: canaryImage is required to send traffic to a canary \(weight 10\) \(got nothing\); pass canaryImage/);
  });

  test('throws for a weight the replica total cannot run in whole pods, naming the nearest weights and a total', () => {
    expect(make({ weight: 15 }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: weight must be a share of the pods that traffic\.totalReplicas 10 can run in whole pods \(15% of 10 is 1\.5 pods\) \(got 15\); use weight 10 or 20, or traffic\.totalReplicas 20$/);
  });

  test('throws for a plan step the replica total cannot run, naming a total for the whole plan', () => {
    expect(make({ steps: [5, 25, 50, 100], step: 2 }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: steps\[0\] must be a share of the pods that traffic\.totalReplicas 10 can run in whole pods \(5% of 10 is 0\.5 pods\) \(got 5\); use weight 0 or 10, or traffic\.totalReplicas 20$/);
  });

  test('throws for replicas in replica-ratio mode', () => {
    expect(make({ replicas: 4 })).toThrow(/^\[shop\/catalog\] CanaryRelease: replicas is not used in replica-ratio mode.*\(got 4\); pass CanaryTraffic\.replicaRatio\(\{ totalReplicas: 4 \}\) instead$/);
  });

  test('throws for autoscaling in replica-ratio mode', () => {
    expect(make({ autoscale: { maxReplicas: 10 } })).toThrow(/^\[shop\/catalog\] CanaryRelease: autoscale is not possible in replica-ratio mode.*; use CanaryTraffic\.gatewayApi/);
  });

  test('throws for an Argo Rollouts option given to a plain mode (options from JavaScript or a JSON plan)', () => {
    const plan = JSON.parse('{ "totalReplicas": 10, "pause": 600 }');
    expect(make({ traffic: CanaryTraffic.replicaRatio(plan) }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: traffic\.pause is an option of CanaryTraffic\.argoRollouts\(\), not of CanaryTraffic\.replicaRatio\(\) \(got 600\); move pause to CanaryTraffic\.argoRollouts\(\), or drop it$/);
    const ingress = JSON.parse('{ "host": "shop.example.com", "steps": [10, 100] }');
    expect(make({ traffic: CanaryTraffic.ingress(ingress) })).toThrow(/traffic\.steps is an option of CanaryReleaseProps, not of CanaryTraffic\.ingress\(\)/);
  });

  test('throws for Gateway API mode without a gateway', () => {
    const plan = JSON.parse('{ "path": "/catalog" }');
    expect(make({ traffic: CanaryTraffic.gatewayApi(plan) }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: traffic\.gateway is required in Gateway API mode: the weighted route belongs to a gateway \(got nothing\); pass CanaryTraffic\.gatewayApi\(\{ gateway, path \}\) with an ApiGateway/);
  });

  test('throws for Gateway API mode on a gateway that cannot weight backends', () => {
    const c = chart();
    const gateway = new ApiGateway(c, 'gateway', { kind: GatewayKind.ingressNginx() });
    expect(() => new CanaryRelease(c, 'catalog', { image, canaryImage, healthChecks, traffic: CanaryTraffic.gatewayApi({ gateway, path: '/catalog' }) }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: traffic\.gateway must be a Gateway API gateway .*\(got "shop\/gateway \(INGRESS\)"\); use CanaryTraffic\.ingress\(\{ gateway \}\) for ingress-nginx canary annotations$/);
  });

  test('throws for ingress mode on a gateway that does not read ingress-nginx annotations', () => {
    const c = chart();
    const gateway = new ApiGateway(c, 'gateway', { kind: GatewayKind.gkeIngress() });
    expect(() => new CanaryRelease(c, 'catalog', { image, canaryImage, healthChecks, traffic: CanaryTraffic.ingress({ gateway }) }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: traffic\.gateway must be an Ingress gateway for ingress-nginx .*\(got "shop\/gateway \(INGRESS gce\)"\); use GatewayKind\.ingressNginx\(\)/);
  });

  test('throws for a step or a weight in between in Argo Rollouts mode, where the controller walks the plan', () => {
    const traffic = CanaryTraffic.argoRollouts();
    expect(make({ traffic, steps: [50, 100], step: 1 }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: step is not used in Argo Rollouts mode, where the controller walks the steps \(got 1\); drop step; move on with `kubectl argo rollouts promote`/);
    expect(make({ traffic, weight: 50 })).toThrow(/weight must be 0 \(roll back\) or 100 in Argo Rollouts mode.*\(got 50\); put the weight in steps, or drop weight/);
  });

  test('throws for Argo Rollouts steps that the replicas cannot run, because without a traffic router the weight is a share of the pods', () => {
    expect(make({ traffic: CanaryTraffic.argoRollouts(), steps: [10, 100] }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: steps\[0\] must be a share of the pods that replicas 2 can run in whole pods \(10% of 2 is 0\.2 pods\): Argo Rollouts without a traffic router splits traffic by pods \(got 10\); use weight 0 or 50, or replicas 10$/);
  });

  test('throws for replicas together with autoscale', () => {
    expect(make({ traffic: CanaryTraffic.ingress(), replicas: 2, autoscale: { maxReplicas: 4 } }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: replicas must not be set with autoscale .*\(got 2\); drop replicas and set autoscale\.minReplicas instead$/);
  });

  test('throws for a serviceName that leaves no room for the canary Service', () => {
    expect(make({ traffic: CanaryTraffic.ingress(), serviceName: 'a'.repeat(60) }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: serviceName must leave room for the "-canary" Service: .* \(got "a{60}"\); shorten serviceName to at most 56 characters$/);
  });

  test('throws for an ingress host that is not a DNS name', () => {
    expect(make({ traffic: CanaryTraffic.ingress({ host: '10.0.0.1' }) })).toThrow(/^\[shop\/catalog\] CanaryRelease: traffic\.host must be a DNS name, not an IP address \(got "10\.0\.0\.1"\)/);
  });
});
