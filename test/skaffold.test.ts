import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { MicroserviceStack, Platform, Skaffold } from '../src';
import { findOne, podSpecOf, synthValid } from './support';

function stack(): MicroserviceStack {
  const s = new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop', imageRegistry: 'eshopacr.azurecr.io' });
  s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', buildContext: 'src/Catalog.API' });
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
    const s = stack();
    const config = Skaffold.forStack(s).toJson();
    expect(config.build.artifacts).toEqual([
      { image: 'eshopacr.azurecr.io/eshop/catalog-api', context: 'src/Catalog.API', docker: { dockerfile: 'Dockerfile' } },
      { image: 'eshopacr.azurecr.io/eshop/basket-api', context: 'src/Basket.API', docker: { dockerfile: 'Dockerfile.dev' } },
    ]);
    const m = synthValid(s);
    for (const a of config.build.artifacts) {
      const name = a.image.split('/').pop().replace('-api', '');
      expect(podSpecOf(findOne(m, 'Deployment', name)).containers[0].image).toBe(`${a.image}:1.0.0`);
    }
  });

  test('deploys the cdk8s output with kubectl and forwards a local port', () => {
    const config = Skaffold.forStack(stack(), { manifestsDir: 'out/', localPort: 9000 }).toJson();
    expect(config.apiVersion).toMatch(/^skaffold\/v4beta\d+$/);
    expect(config.manifests).toEqual({ rawYaml: ['out/*.k8s.yaml'] });
    expect(config.deploy).toEqual({ kubectl: {} });
    expect(config.portForward).toEqual([{ resourceType: 'service', resourceName: 'catalog', namespace: 'eshop', port: 80, localPort: 9000 }]);
  });

  test('has one profile per platform, pushing images only to cloud clusters', () => {
    const config = Skaffold.forStack(stack(), { platforms: [Platform.LOCAL, Platform.GKE] }).toJson();
    expect(config.profiles.map((p: any) => [p.name, p.build.local.push, p.manifests.rawYaml[0]])).toEqual([
      ['local', false, 'dist/local/*.k8s.yaml'],
      ['gke', true, 'dist/gke/*.k8s.yaml'],
    ]);
  });

  test('writes the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'skaffold-')), 'skaffold.yaml');
    Skaffold.forStack(stack()).writeTo(file);
    expect(parse(readFileSync(file, 'utf-8')).kind).toBe('Config');
  });

  test('throws for a local port out of range', () => {
    expect(() => Skaffold.forStack(stack(), { localPort: 70000 })).toThrow(/^\[eshop\] Skaffold: localPort must be an integer from 1 to 65535 \(got 70000\); use a free local port such as 8080/);
  });
});
