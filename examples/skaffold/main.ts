/**
 * Course pattern: the local development loop. `skaffold dev` rebuilds the images of the
 * services built from source, applies the cdk8s output and forwards localhost:8080 to the
 * gateway. Skaffold's repository is announced to be archived in early 2027; the same loop by
 * hand is `docker build`, `cdk8s synth` and `kubectl apply -f dist/`.
 *
 *   npm run examples -- skaffold
 *   cd examples/skaffold && skaffold dev -f dist/skaffold.yaml
 */
import { join } from 'path';
import { App } from 'cdk8s';
import { GatewayKind, MicroserviceStack, Platform, Prerequisites, ServiceExposure, Skaffold } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): MicroserviceStack {
  const stack = new MicroserviceStack(app, 'devloop', {
    namespace: 'devloop',
    platform: Platform.LOCAL,
    defaultImageTag: 'dev',
    // The images of the dev loop map their health endpoints in Development only (Aspire defaults).
    aspNetCoreEnvironment: 'Development',
    // An in-cluster gateway, so Skaffold can forward localhost:8080 to it; NodePort 30084 keeps
    // clear of the other examples' ports on the same kind cluster.
    gateway: { kind: GatewayKind.yarp({ exposure: ServiceExposure.nodePort(30084) }) },
  });
  stack.addService('catalog', { image: 'eshop/catalog-api', buildContext: '../../src/Catalog.API', routes: [{ path: '/catalog' }] });
  stack.addService('basket', { image: 'eshop/basket-api', buildContext: '../../src/Basket.API', dockerfile: 'Dockerfile.dev', routes: [{ path: '/basket' }], talksTo: ['catalog'] });
  return stack;
}

if (require.main === module) {
  const app = new App();
  const stack = build(app);
  app.synth();
  Skaffold.forStack(stack, { manifestsDir: 'dist' }).writeTo(join(app.outdir, 'skaffold.yaml'));
  Prerequisites.of(stack).writeBeside(app.outdir);
}
