import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import {
  ApplicationLoadBalancer, HealthChecks, MicroserviceStack, NfsVolume, Platform, Prerequisite, PrerequisiteKind, Prerequisites,
  PrerequisiteStatus, ProbedDeployment, SecretValue,
} from '../../src';

const AGC = Platform.aksApplicationGateway({ loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }), subnetCidr: '10.225.0.0/24' });

function shop(platform: Platform): MicroserviceStack {
  const s = new MicroserviceStack(Testing.app(), `eshop-${platform.name}`, {
    namespace: 'eshop',
    platform,
    imageRegistry: platform.cloud ? 'eshopacr.azurecr.io' : undefined,
    aspNetCoreEnvironment: platform.cloud ? 'Production' : 'Development',
  });
  s.addExternal('catalog-db', 'eshop-catalog.postgres.database.azure.com', { port: 5432 });
  const pics = platform.cloud ? s.addVolume('pics') : s.addVolume('pics', { server: '10.0.1.15', path: '/srv/nfs/pics', capacity: Size.gibibytes(5), groupId: 2000 });
  s.addService('catalog', {
    image: 'eshop/catalog-api:1.0.0',
    routes: [{ path: '/catalog' }],
    secrets: { ConnectionStrings__CatalogDb: SecretValue.fromSecret('catalog-db', 'connection-string'), Jwt__Key: SecretValue.fromSecret('catalog-db', 'jwt-key') },
    talksTo: ['catalog-db'],
    volumes: [{ volume: pics, path: '/app/Pics' }],
  });
  return s;
}

function item(p: Prerequisites, kind: PrerequisiteKind, name?: string): Prerequisite {
  const found = p.items.filter(i => i.kind === kind && (name === undefined || i.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, got ${found.map(i => i.name).join(', ') || 'none'}`);
  return found[0];
}

describe('Prerequisites', () => {
  test('lists the Secrets the app reads but does not create, with their keys and the kubectl command', () => {
    const secret = item(Prerequisites.of(shop(Platform.LOCAL)), PrerequisiteKind.SECRET, 'catalog-db');
    expect(secret).toMatchObject({ namespace: 'eshop', keys: ['connection-string', 'jwt-key'], usedBy: ['Deployment/catalog'] });
    expect(secret.command).toBe('kubectl create secret generic catalog-db -n eshop --from-literal=connection-string=... --from-literal=jwt-key=...');
  });

  test('local: NGINX Gateway Fabric, an NFS client on the nodes, images loaded into the cluster, a policy engine, health endpoints in Development', () => {
    const p = Prerequisites.of(shop(Platform.LOCAL));
    expect(item(p, PrerequisiteKind.GATEWAY_CLASS).name).toBe('nginx');
    expect(item(p, PrerequisiteKind.GATEWAY_CLASS).command).toContain('nginx.service.type=NodePort');
    expect(item(p, PrerequisiteKind.NFS_CLIENT).name).toBe('10.0.1.15:/srv/nfs/pics');
    expect(item(p, PrerequisiteKind.NFS_CLIENT).how).toMatch(/kind's node image installs `nfs-common`/);
    expect(item(p, PrerequisiteKind.IMAGE_REGISTRY).name).toBe('docker.io');
    expect(item(p, PrerequisiteKind.NETWORK_POLICY_ENGINE).how).toMatch(/kind 0\.24 or later enforces NetworkPolicies.*minikube start` enforces none/);
    expect(item(p, PrerequisiteKind.HEALTH_ENDPOINTS).how).toMatch(/GET \/alive on 8080, \/health on 8080 .* when ASPNETCORE_ENVIRONMENT is "Development"/);
  });

  test('AKS: the ALB controller and its ApplicationLoadBalancer, Azure Files, the registry, and no policy engine by default', () => {
    const p = Prerequisites.of(shop(AGC));
    expect(item(p, PrerequisiteKind.GATEWAY_CLASS)).toMatchObject({ name: 'azure-alb-external', command: expect.stringContaining('--enable-application-load-balancer') });
    expect(item(p, PrerequisiteKind.CUSTOM_RESOURCE).name).toBe('ApplicationLoadBalancer alb-infra/alb');
    expect(item(p, PrerequisiteKind.STORAGE_CLASS).name).toBe('azurefile-csi');
    expect(item(p, PrerequisiteKind.IMAGE_REGISTRY)).toMatchObject({ name: 'eshopacr.azurecr.io', command: expect.stringContaining('--attach-acr eshopacr') });
    expect(item(p, PrerequisiteKind.NETWORK_POLICY_ENGINE).how).toMatch(/AKS enforces no NetworkPolicy by default/);
  });

  test('GKE: GKE Gateway, the Filestore driver and its policy CRDs', () => {
    const p = Prerequisites.of(shop(Platform.GKE));
    expect(item(p, PrerequisiteKind.GATEWAY_CLASS).name).toBe('gke-l7-global-external-managed');
    expect(item(p, PrerequisiteKind.STORAGE_CLASS)).toMatchObject({ name: 'standard-rwx', command: expect.stringContaining('GcpFilestoreCsiDriver=ENABLED') });
    expect(item(p, PrerequisiteKind.CUSTOM_RESOURCE).name).toBe('healthcheckpolicies.networking.gke.io');
    expect(item(p, PrerequisiteKind.NETWORK_POLICY_ENGINE).how).toMatch(/Dataplane V2/);
  });

  test('flags a placeholder registry', () => {
    const s = new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', imageRegistry: 'eshopregistry.example.com', aspNetCoreEnvironment: 'Development' });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    expect(item(Prerequisites.of(s), PrerequisiteKind.IMAGE_REGISTRY).how).toMatch(/placeholder/);
  });

  test('writes <id>.prerequisites.md beside the manifests', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'prereq-'));
    const file = Prerequisites.of(shop(Platform.LOCAL)).writeBeside(outdir);
    expect(file).toBe(join(outdir, 'eshop-local.prerequisites.md'));
    const md = readFileSync(file, 'utf-8');
    expect(md).toMatch(/^# Prerequisites of eshop-local\n/);
    expect(md).toContain('## Secrets the app reads but does not create');
    expect(md).toContain('- [ ] `catalog-db` (namespace `eshop`)');
    expect(md).toContain('  kubectl create secret generic catalog-db -n eshop --from-literal=connection-string=... --from-literal=jwt-key=...');
    expect(md).toContain(Prerequisites.CHECK_COMMAND.split('\n')[0]);
  });

  test('lists what a plain chart needs', () => {
    const chart = new Chart(Testing.app(), 'nfs-storage', { namespace: 'course' });
    const api = new ProbedDeployment(chart, 'api', { image: 'eshop/upload-api:1.0.0', healthChecks: HealthChecks.aspNetCore() });
    new NfsVolume(chart, 'uploads', { server: '10.0.1.15', path: '/srv/nfs/uploads', capacity: Size.gibibytes(1), claimName: 'uploads' }).mount(api, '/app/uploads');
    const p = Prerequisites.ofChart(chart);
    expect(item(p, PrerequisiteKind.NFS_CLIENT).name).toBe('10.0.1.15:/srv/nfs/uploads');
    expect(p.items.map(i => i.kind)).not.toContain(PrerequisiteKind.NETWORK_POLICY_ENGINE);
  });

  test('checks the list against kubectl get output: classes, Secrets with their keys, CRDs; the rest by hand', () => {
    const p = Prerequisites.of(shop(Platform.GKE));
    const cluster = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'GatewayClass', metadata: { name: 'gke-l7-global-external-managed' } },
        { kind: 'Secret', metadata: { name: 'catalog-db', namespace: 'eshop' }, data: { 'connection-string': '' } },
        { kind: 'CustomResourceDefinition', metadata: { name: 'healthcheckpolicies.networking.gke.io' } },
      ],
    });
    const status = Object.fromEntries(p.check(cluster).map(c => [c.prerequisite.name, [c.status, c.detail]]));
    expect(status['gke-l7-global-external-managed']).toEqual([PrerequisiteStatus.PRESENT, 'GatewayClass "gke-l7-global-external-managed" found']);
    expect(status['catalog-db']).toEqual([PrerequisiteStatus.MISSING, 'Secret "catalog-db" lacks the keys jwt-key']);
    expect(status['standard-rwx']).toEqual([PrerequisiteStatus.MISSING, 'no StorageClass "standard-rwx"']);
    expect(status['healthcheckpolicies.networking.gke.io'][0]).toBe(PrerequisiteStatus.PRESENT);
    expect(status.NetworkPolicy[0]).toBe(PrerequisiteStatus.NOT_CHECKED);
    // YAML output of several documents reads the same.
    expect(p.check('kind: GatewayClass\nmetadata: {name: gke-l7-global-external-managed}\n---\nkind: StorageClass\nmetadata: {name: standard-rwx}\n')
      .filter(c => c.status === PrerequisiteStatus.PRESENT).map(c => c.prerequisite.name)).toEqual(['standard-rwx', 'gke-l7-global-external-managed']);
  });
});
