import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing, YamlOutputType } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
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

  test('points each profile at the file cdk8s writes its stack to, so `skaffold dev -p gke` deploys the GKE stack', () => {
    // GIVEN one App with the application on two platforms, synthesized
    const outdir = mkdtempSync(join(tmpdir(), 'skaffold-'));
    const app = new App({ outdir });
    const config = Skaffold.forStacks([stack(app, Platform.LOCAL), stack(app, Platform.GKE)]).toJson();
    app.synth();
    // WHEN each profile's manifests are read from where cdk8s wrote them
    const images = (profile: any) => {
      const [file] = profile.manifests.rawYaml;
      const docs = parseAllDocuments(readFileSync(join(outdir, file.replace(/^dist\//, '')), 'utf-8')).map(d => d.toJS());
      return docs.filter(d => d.kind === 'Deployment').map(d => d.spec.template.spec.containers[0].image).sort();
    };
    // THEN the gke profile deploys the GKE stack's images, and the local profile the local ones
    const [local, gke] = config.profiles;
    expect(gke.name).toBe('gke');
    expect(images(gke)).toEqual(['eshopacr.azurecr.io/eshop/basket-api:1.0.0', 'eshopacr.azurecr.io/eshop/catalog-api:1.0.0', 'ghcr.io/duende/identity:7.0.0']);
    expect(images(local)).toEqual(['eshop/basket-api:1.0.0', 'eshop/catalog-api:1.0.0', 'ghcr.io/duende/identity:7.0.0']);
  });

  test('names a stack\'s manifest file as cdk8s does, whatever its id', () => {
    // GIVEN a stack whose id cdk8s does not use as it is
    const outdir = mkdtempSync(join(tmpdir(), 'skaffold-'));
    const app = new App({ outdir });
    const s = new MicroserviceStack(app, 'EShop', { namespace: 'eshop' });
    const manifests = Skaffold.forStack(s).toJson().manifests.rawYaml;
    // WHEN the app is synthesized THEN Skaffold reads the file cdk8s wrote
    app.synth();
    expect(manifests).toEqual([`dist/${readdirSync(outdir).find(f => f.endsWith('.k8s.yaml'))}`]);
    expect(existsSync(join(outdir, manifests[0].replace(/^dist\//, '')))).toBe(true);
  });

  test('throws for the same application id on two platforms, one App each: their files overwrite each other', () => {
    // GIVEN one App per platform, each with a stack named eshop (both write dist/eshop.k8s.yaml)
    const local = new MicroserviceStack(new App(), 'eshop', { namespace: 'eshop', platform: Platform.LOCAL });
    const gke = new MicroserviceStack(new App(), 'eshop', { namespace: 'eshop', platform: Platform.GKE });
    // THEN Skaffold refuses them, and says how to give each its own file
    expect(() => Skaffold.forStacks([local, gke])).toThrow(
      /^\[eshop\] Skaffold: stacks must each have a manifest file of their own, but eshop \(local\) is read from dist\/eshop\.k8s\.yaml too, so every profile would deploy whichever stack was synthesized last \(got "eshop"\); create the stacks in one App with different ids, such as new MicroserviceStack\(app, 'eshop-gke', \{ appName: 'eshop', \.\.\. \}\)/,
    );
  });

  test('throws for stacks of an App that writes one file for all its charts', () => {
    const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    expect(() => Skaffold.forStacks([stack(app, Platform.LOCAL), stack(app, Platform.GKE)]))
      .toThrow(/^\[eshop-gke\] Skaffold: stacks must each have a manifest file of their own, but eshop-local \(local\) is read from dist\/app\.k8s\.yaml too/);
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
