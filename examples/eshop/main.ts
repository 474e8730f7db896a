/**
 * The course's reference architecture as one MicroserviceStack: an API gateway in front of the
 * web front end and the catalog, basket, ordering and identity services, a RabbitMQ broker and a
 * Redis cache, product pictures on an NFS share, and the catalog released as a canary. One chart
 * (and namespace) per platform (local, AKS, GKE), each in its own output file with the list of
 * what it needs from the cluster beside it:
 *
 *   npm run examples -- eshop
 *   cat examples/eshop/dist/eshop-local.prerequisites.md   # create the Secrets it names, ...
 *   kubectl apply -f examples/eshop/dist/eshop-local.k8s.yaml
 *
 * Running it also writes the stack's diagram (dist/eshop.md) and a skaffold.yaml (dist/).
 *
 * Values to replace with your own: the registry (a placeholder), the databases' hosts, the AKS
 * load balancer and its subnet. The course's NFS server is 10.0.1.15: kind's node image has the
 * NFS client (nfs-common); the prerequisites file says how to check a node reaches the server.
 */
import { join } from 'path';
import { App, Size } from 'cdk8s';
import { ApplicationLoadBalancer, MicroserviceStack, Platform, Prerequisites, SecretValue, Skaffold, StackDiagram } from '../../src';

/** The canary's share of catalog traffic: 0 rolls back, 100 promotes. */
const CATALOG_CANARY_WEIGHT = Number(process.env.CATALOG_CANARY_WEIGHT ?? 10);

/** The eShop application on one platform. */
export function eshop(app: App, platform: Platform): MicroserviceStack {
  const shop = new MicroserviceStack(app, `eshop-${platform.name}`, {
    namespace: `eshop-${platform.name}`,
    appName: 'eshop',
    platform,
    gateway: { hostnames: ['shop.example.com'] },
    imageRegistry: platform.cloud ? 'eshopregistry.example.com' : undefined,
    // The eShop images use the Aspire service defaults: locally they run as Development, where
    // /alive and /health are mapped; the cloud images map them in Production too.
    aspNetCoreEnvironment: platform.cloud ? 'Production' : 'Development',
  });

  // Stateful dependencies for the course; production would use managed services (addExternal).
  shop.addBackingService('rabbitmq', { image: 'rabbitmq:3.13-management', port: 5672, dataPath: '/var/lib/rabbitmq' });
  shop.addBackingService('redis', { image: 'redis:7.4', port: 6379, dataPath: '/data' });
  // Each database is a managed PostgreSQL server; its connection string is in a Secret.
  shop.addExternal('catalog-db', 'eshop-catalog.postgres.database.azure.com', { port: 5432 });
  shop.addExternal('identity-db', 'eshop-identity.postgres.database.azure.com', { port: 5432 });
  shop.addExternal('ordering-db', 'eshop-ordering.postgres.database.azure.com', { port: 5432 });
  const pics = platform.cloud
    ? shop.addVolume('catalog-pics')
    : shop.addVolume('catalog-pics', { server: '10.0.1.15', path: '/srv/nfs/catalog-pics', capacity: Size.gibibytes(5), groupId: 2000 });

  shop.addService('identity', {
    image: 'eshop/identity-api:1.0.0',
    buildContext: 'src/Identity.API',
    routes: [{ path: '/identity', rewritePrefix: '/' }],
    secrets: { ConnectionStrings__IdentityDb: SecretValue.fromSecret('identity-db', 'connection-string') },
    talksTo: ['identity-db'],
  });
  shop.addService('catalog', {
    image: 'eshop/catalog-api:1.4.0',
    buildContext: 'src/Catalog.API',
    replicas: 3,
    routes: [{ path: '/catalog', rewritePrefix: '/' }],
    canary: { canaryImage: 'eshop/catalog-api:1.5.0', weight: CATALOG_CANARY_WEIGHT },
    // The gateway listens on HTTP (add tlsSecretName to the gateway for HTTPS, then use https here).
    config: { Catalog__PicBaseUrl: 'http://shop.example.com/catalog/pics' },
    secrets: { ConnectionStrings__CatalogDb: SecretValue.fromSecret('catalog-db', 'connection-string') },
    volumes: [{ volume: pics, path: '/app/Pics', readOnly: true }],
    talksTo: ['catalog-db', 'rabbitmq'],
  });
  shop.addService('basket', {
    image: 'eshop/basket-api:1.2.0',
    buildContext: 'src/Basket.API',
    autoscale: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 70 },
    routes: [{ path: '/basket', rewritePrefix: '/' }],
    talksTo: ['redis', 'rabbitmq', 'identity'],
  });
  shop.addService('ordering', {
    image: 'eshop/ordering-api:1.1.0',
    buildContext: 'src/Ordering.API',
    routes: [{ path: '/ordering', rewritePrefix: '/' }],
    config: { Ordering__GracePeriodMinutes: '1' },
    secrets: { ConnectionStrings__OrderingDb: SecretValue.fromSecret('ordering-db', 'connection-string') },
    talksTo: ['ordering-db', 'rabbitmq', 'identity'],
  });
  shop.addService('webapp', {
    image: 'eshop/webapp:1.3.0',
    buildContext: 'src/WebApp',
    routes: [{ path: '/' }],
    talksTo: ['catalog', 'basket', 'ordering', 'identity'],
  });
  return shop;
}

/** Builds the example's charts into `app`: the application on each platform. */
export function build(app: App): MicroserviceStack[] {
  const aks = Platform.aksApplicationGateway({
    loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }),
    subnetCidr: '10.225.0.0/24',
  });
  return [Platform.LOCAL, aks, Platform.GKE].map(p => eshop(app, p));
}

if (require.main === module) {
  const app = new App();
  const stacks = build(app);
  app.synth();
  StackDiagram.of(stacks[0]).writeTo(join(app.outdir, 'eshop.md'));
  // skaffold dev -f dist/skaffold.yaml [-p aks|gke]
  Skaffold.forStacks(stacks, { manifestsDir: 'dist' }).writeTo(join(app.outdir, 'skaffold.yaml'));
  for (const stack of stacks) Prerequisites.of(stack).writeBeside(app.outdir);
}
