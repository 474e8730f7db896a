import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ApplicationLoadBalancer, GatewayKind, MicroserviceStack, Platform, Skaffold } from '../../src';
import { findOne, podSpecOf, synthValid } from '../support';

/** AKS with Application Gateway for Containers, as a stack with routes and policies needs it. */
const AKS = Platform.aksApplicationGateway({
  loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }),
  subnetCidr: '10.225.0.0/24',
});

function stack(app: App = Testing.app(), platform: Platform = Platform.LOCAL, gatewayKind?: GatewayKind): MicroserviceStack {
  const s = new MicroserviceStack(app, `eshop-${platform.name}`, {
    namespace: 'eshop',
    appName: 'eshop',
    platform,
    imageRegistry: platform.cloud ? 'eshopacr.azurecr.io' : undefined,
    gateway: { kind: gatewayKind },
  });
  s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', buildContext: 'src/Catalog.API', routes: [{ path: '/catalog' }] });
  s.addService('basket', { image: 'eshop/basket-api:1.0.0', buildContext: 'src/Basket.API', dockerfile: 'Dockerfile.dev', talksTo: ['catalog'] });
  s.addService('identity', { image: 'ghcr.io/duende/identity:7.0.0' });
  return s;
}

describe('Skaffold', () => {
  test('writes a skaffold/v4beta config with defaults', () => {
    // GIVEN / WHEN
    const yaml = Skaffold.forStack(stack()).toYaml();
    // THEN
    expect(yaml).toMatchSnapshot();
    // Plain YAML: no anchors or aliases from shared objects.
    expect(yaml).not.toMatch(/[&*]a\d/);
  });

  test('builds one artifact per service with a build context, named as in the manifests', () => {
    const s = stack(Testing.app(), AKS);
    const config = Skaffold.forStack(s).toJson();
    expect(config.build.artifacts).toEqual([
      { image: 'eshopacr.azurecr.io/eshop/catalog-api', context: 'src/Catalog.API', docker: { dockerfile: 'Dockerfile' } },
      { image: 'eshopacr.azurecr.io/eshop/basket-api', context: 'src/Basket.API', docker: { dockerfile: 'Dockerfile.dev' } },
    ]);
    const m = synthValid(s);
    expect(podSpecOf(findOne(m, 'Deployment', 'catalog')).containers[0].image).toBe('eshopacr.azurecr.io/eshop/catalog-api:1.0.0');
    expect(podSpecOf(findOne(m, 'Deployment', 'basket')).containers[0].image).toBe('eshopacr.azurecr.io/eshop/basket-api:1.0.0');
  });

  test('deploys the stack\'s cdk8s output with kubectl', () => {
    const config = Skaffold.forStack(stack(), { manifestsDir: 'out/' }).toJson();
    expect(config.apiVersion).toMatch(/^skaffold\/v4beta\d+$/);
    expect(config.manifests).toEqual({ rawYaml: ['out/eshop-local.k8s.yaml'] });
    expect(config.deploy).toEqual({ kubectl: {} });
    expect(config.build.local.push).toBe(false);
  });

  test('forwards a local port to an in-cluster gateway, and to nothing else', () => {
    expect(Skaffold.forStack(stack()).toJson().portForward).toEqual([]);
    const yarp = stack(Testing.app(), Platform.LOCAL, GatewayKind.yarp());
    expect(Skaffold.forStack(yarp, { localPort: 9000 }).toJson().portForward).toEqual([
      { resourceType: 'service', resourceName: yarp.gateway.service!.name, namespace: 'eshop', port: yarp.gateway.service!.port, localPort: 9000 },
    ]);
  });

  test('has one profile per platform with that platform\'s images, pushed only to cloud clusters', () => {
    const app = new App();
    const config = Skaffold.forStacks([stack(app, Platform.LOCAL), stack(app, Platform.GKE)]).toJson();
    expect(config.manifests.rawYaml).toEqual(['dist/eshop-local.k8s.yaml']);
    expect(config.profiles.map((p: any) => [p.name, p.build.local.push, p.manifests.rawYaml[0], p.build.artifacts[0].image])).toEqual([
      ['local', false, 'dist/eshop-local.k8s.yaml', 'eshop/catalog-api'],
      ['gke', true, 'dist/eshop-gke.k8s.yaml', 'eshopacr.azurecr.io/eshop/catalog-api'],
    ]);
  });

  test('writes the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'skaffold-')), 'skaffold.yaml');
    Skaffold.forStack(stack()).writeTo(file);
    expect(parse(readFileSync(file, 'utf-8')).kind).toBe('Config');
  });

  test('throws for a local port out of range', () => {
    expect(() => Skaffold.forStack(stack(), { localPort: 70000 })).toThrow(/^\[eshop-local\] Skaffold: localPort must be an integer from 1 to 65535 \(got 70000\); use a free local port such as 8080/);
  });

  test('throws for two stacks on one platform', () => {
    const app = new App();
    const a = stack(app, AKS);
    const b = new MicroserviceStack(app, 'other', { namespace: 'other', platform: Platform.AKS });
    expect(() => Skaffold.forStacks([a, b])).toThrow(/^\[other\] Skaffold: stacks must be on different platforms \(eshop-aks is on aks too\) \(got "other"\); give each platform one stack/);
  });

  test('throws for no stacks', () => {
    expect(() => Skaffold.forStacks([])).toThrow(/Skaffold: stacks must not be empty \(got \[\]\); pass the application's MicroserviceStack/);
  });
});
