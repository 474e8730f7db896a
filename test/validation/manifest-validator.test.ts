import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, ManifestFinding, ManifestValidator, ProbedDeployment, ServiceExposure } from '../../src';

/** A minimal valid app: a restricted Deployment, its Service, ConfigMap and Secret. */
function app(): any[] {
  const container = {
    name: 'app',
    image: 'eshop/catalog:1',
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/health', port: 8080 } },
    livenessProbe: { httpGet: { path: '/alive', port: 'http' } },
    env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } }],
    envFrom: [{ secretRef: { name: 'db' } }],
    securityContext: {
      runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    },
  };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, stringData: { cs: 'x' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'catalog', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'catalog' } }, template: { metadata: { labels: { app: 'catalog' } }, spec: { containers: [container] } } },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'catalog', namespace: 'shop' }, spec: { selector: { app: 'catalog' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
  ];
}

function rules(findings: ManifestFinding[]): string[] {
  return findings.map(f => `${f.rule} ${f.kind}/${f.name}`);
}

function byName(manifests: any[], kind: string, name: string): any {
  return manifests.find(m => m.kind === kind && m.metadata.name === name);
}

describe('ManifestValidator.validateManifests', () => {
  test('finds nothing wrong in a consistent app', () => {
    expect(ManifestValidator.validateManifests(app())).toEqual([]);
  });

  test('finds a Service that selects no pods', () => {
    const m = app();
    byName(m, 'Service', 'catalog').spec.selector = { app: 'catalogue' };
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual(['service-selects-pods Service/catalog']);
    expect(findings[0].message).toMatch(/selects no pods of any workload \(selector \{"app":"catalogue"\}\); fix the selector or add the workload/);
  });

  test('finds a Service target port no container exposes', () => {
    const m = app();
    byName(m, 'Service', 'catalog').spec.ports[0].targetPort = 9090;
    expect(rules(ManifestValidator.validateManifests(m))).toEqual(['service-target-port Service/catalog']);
  });

  test('finds Ingress and HTTPRoute backends and ports that do not exist', () => {
    const m = app();
    m.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [{
          http: {
            paths: [
              { path: '/a', pathType: 'Prefix', backend: { service: { name: 'catalog', port: { number: 8080 } } } },
              { path: '/b', pathType: 'Prefix', backend: { service: { name: 'basket', port: { number: 80 } } } },
            ],
          },
        }],
      },
    });
    m.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { rules: [{ backendRefs: [{ name: 'catalog', port: 80 }, { name: 'ordering', port: 80 }, { name: 'catalog', port: 81 }] }] },
    });
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual([
      'route-backend-port Ingress/web', 'route-backend Ingress/web',
      'route-backend HTTPRoute/api', 'route-backend-port HTTPRoute/api',
    ]);
    expect(findings[0].message).toMatch(/sends traffic to port 8080 of Service "catalog", which has ports 80 \(http\); use one of them/);
    expect(findings[1].message).toMatch(/sends traffic to Service "basket", which does not exist in namespace "shop"/);
  });

  test('accepts backends declared external', () => {
    const m = app();
    m.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { rules: [{ backendRefs: [{ name: 'legacy', port: 80 }] }] },
    });
    expect(ManifestValidator.validateManifests(m, { externalServices: ['shop/legacy'] })).toEqual([]);
  });

  test('finds an HPA whose target is missing or also sets replicas, and a PDB that selects nothing', () => {
    const m = app();
    m.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'a', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' }, maxReplicas: 3 } });
    m.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'b', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'catalog' }, maxReplicas: 3 } });
    byName(m, 'Deployment', 'catalog').spec.replicas = 2;
    m.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'shop' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'other' } } } });
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual(['hpa-target HorizontalPodAutoscaler/a', 'hpa-target HorizontalPodAutoscaler/b', 'pdb-selects-pods PodDisruptionBudget/p']);
    expect(findings[1].message).toMatch(/also sets replicas .*; drop replicas from the workload/);
  });

  test('finds probe ports the container does not expose, by number and by name', () => {
    const m = app();
    const c = byName(m, 'Deployment', 'catalog').spec.template.spec.containers[0];
    c.readinessProbe.httpGet.port = 9000;
    c.livenessProbe.httpGet.port = 'web';
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual(['probe-port Deployment/catalog', 'probe-port Deployment/catalog']);
    expect(findings[0].message).toMatch(/container "app" has a liveness probe on port "web", which it does not expose/);
  });

  test('finds ConfigMap, Secret, key and claim references that do not exist', () => {
    const m = app().filter(x => x.kind !== 'Secret');
    const pod = byName(m, 'Deployment', 'catalog').spec.template.spec;
    pod.containers[0].env.push({ name: 'B', valueFrom: { configMapKeyRef: { name: 'settings', key: 'missing' } } });
    pod.containers[0].env.push({ name: 'C', valueFrom: { configMapKeyRef: { name: 'flags', key: 'x', optional: true } } });
    pod.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'uploads' } }];
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual(['reference-exists Deployment/catalog', 'reference-exists Deployment/catalog', 'reference-exists Deployment/catalog']);
    expect(findings.map(f => f.message)).toEqual([
      expect.stringMatching(/env B of container "app" reads key "missing" of ConfigMap "settings", which has keys a; use one of them/),
      expect.stringMatching(/envFrom of container "app" reads Secret "db", which does not exist in namespace "shop"; define it or declare it external/),
      expect.stringMatching(/volume "data" reads PersistentVolumeClaim "uploads"/),
    ]);
    expect(ManifestValidator.validateManifests(m, { externalSecrets: ['db'], externalClaims: ['shop/uploads'] }).map(f => f.rule)).toEqual(['reference-exists']);
  });

  test('finds claims that cannot bind to their volume', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'uploads' }, spec: { storageClassName: '', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany'], claimRef: { name: 'uploads', namespace: 'shop' }, nfs: { server: '10.0.0.4', path: '/srv' } } };
    const pvc = (spec: any, name = 'uploads') => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'shop' }, spec });
    const good = { volumeName: 'uploads', storageClassName: '', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '5Gi' } } };
    expect(ManifestValidator.validateManifests([pv, pvc(good)])).toEqual([]);
    const bad = ManifestValidator.validateManifests([pv, pvc({ ...good, storageClassName: undefined, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } }, 'other')]);
    expect(bad.map(f => f.message)).toEqual([
      expect.stringMatching(/^cannot bind to PersistentVolume "uploads": the volume's claimRef\.name is "uploads", not the claim's name "other"; make the claim and the volume agree$/),
      expect.stringMatching(/the claim has no storageClassName, so the cluster's default StorageClass is written into it/),
      expect.stringMatching(/the volume does not offer the access modes ReadWriteOnce \(it has ReadWriteMany\)/),
      expect.stringMatching(/the volume's capacity 5Gi is smaller than the claim's request 10Gi/),
    ]);
    expect(rules(ManifestValidator.validateManifests([pvc({ ...good, volumeName: 'nope' })]))).toEqual(['pvc-binds PersistentVolumeClaim/uploads']);
  });

  test('finds two objects with one kind, namespace and name, and a node port used twice', () => {
    const m = app();
    const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { type: 'NodePort', selector: { app: 'catalog' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } });
    m.push(svc('web'), svc('admin'), { ...app()[0] });
    expect(rules(ManifestValidator.validateManifests(m))).toEqual(['unique-name ConfigMap/settings', 'unique-node-port Service/admin']);
  });

  test('finds pods that break restricted Pod Security, unless exempted', () => {
    const m = app();
    const c = byName(m, 'Deployment', 'catalog').spec.template.spec.containers[0];
    delete c.securityContext.capabilities;
    c.securityContext.privileged = true;
    const findings = ManifestValidator.validateManifests(m);
    expect(rules(findings)).toEqual(['pod-security Deployment/catalog']);
    expect(findings[0].message).toMatch(/breaks restricted Pod Security: container "app" is privileged; container "app" does not drop ALL capabilities; fix the security context or exempt/);
    expect(ManifestValidator.validateManifests(m, { podSecurityExempt: ['catalog'] })).toEqual([]);
    byName(m, 'Deployment', 'catalog').metadata.annotations = { 'k8s-course-constructs/pod-security': 'exempt' };
    expect(ManifestValidator.validateManifests(m)).toEqual([]);
  });

  test('treats a Rollout with a workloadRef as running the Deployment\'s pods', () => {
    const m = app();
    byName(m, 'Deployment', 'catalog').spec.template.metadata.labels = { app: 'catalog-template' };
    m.push({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'catalog', namespace: 'shop' }, spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'catalog' } } });
    byName(m, 'Service', 'catalog').spec.selector = { app: 'catalog-template' };
    expect(ManifestValidator.validateManifests(m)).toEqual([]);
  });
});

describe('ManifestValidator on charts', () => {
  test('a chart of ProbedDeployments has no findings', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const settings = new kplus.ConfigMap(chart, 'settings', { data: { a: '1' } });
    const d = new ProbedDeployment(chart, 'catalog', { image: 'eshop/catalog:1', healthChecks: HealthChecks.aspNetCore(), envFrom: [kplus.Env.fromConfigMap(settings)], exposure: ServiceExposure.nodePort(30080) });
    d.autoscale({ maxReplicas: 4 });
    expect(ManifestValidator.validateChart(chart)).toEqual([]);
  });

  test('gives each finding the construct path and fails synthesis with every finding at once', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    new ApiObject(chart, 'orphan', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orphan' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
    new ApiObject(chart, 'hpa', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'hpa' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 2 } });
    const findings = ManifestValidator.validateChart(chart);
    expect(findings.map(f => f.path)).toEqual(['shop/orphan', 'shop/hpa']);
    ManifestValidator.addToChart(chart);
    expect(() => Testing.synth(chart)).toThrow(/\[shop\/orphan\] Service shop\/orphan: selects no pods[^\n]*\(service-selects-pods\)\n.*\[shop\/hpa\] HorizontalPodAutoscaler shop\/hpa: scales Deployment "x"/s);
  });
});
