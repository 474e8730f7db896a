/**
 * Course pattern: canary release and rollback. One release of the catalog service (1.4.0 stable,
 * 1.5.0 the canary) with the plan 25% -> 50% -> 100%, in each traffic mode, one chart (and
 * namespace) per mode:
 *
 * - replica-ratio: plain Kubernetes, no controller: one Service selects both Deployments and the
 *   weight is the canary's share of 4 pods;
 * - gateway-api: an HTTPRoute with weighted backends on a Gateway API gateway;
 * - ingress: an ingress-nginx canary Ingress (`canary-weight`, `canary-by-header: X-Canary`), class
 *   `nginx`; the AKS application routing add-on reads only its own class: pass
 *   `ingressClassName: 'webapprouting.kubernetes.azure.com'` there;
 * - argo-rollouts: an Argo Rollouts `Rollout` that walks the plan itself.
 *
 * Each step is this program synthesized with other environment variables, then applied:
 *
 *   CANARY_STEP=1 npm run examples -- canary           # step 1 of the plan: 50%
 *   kubectl apply -f examples/canary/dist/canary-replica-ratio.k8s.yaml
 *
 * CANARY_WEIGHT=0 rolls back; the last step (100) promotes, and then moving the canary version to
 * CATALOG_VERSION with CATALOG_CANARY_VERSION='' renders the same objects. The README's
 * "Releasing a new version" section walks a whole release.
 */
import { App, Chart } from 'cdk8s';
import { ApiGateway, CanaryRelease, CanaryTraffic, HealthChecks } from '../../src';

const STABLE = process.env.CATALOG_VERSION ?? '1.4.0';
/** The version under test; empty between releases. */
const CANARY = process.env.CATALOG_CANARY_VERSION ?? '1.5.0';
/** The step of the plan (an index); the Argo Rollouts controller walks the plan by itself. */
const STEP = optionalNumber(process.env.CANARY_STEP);
/** A weight instead of a step: 0 rolls back. */
const WEIGHT = optionalNumber(process.env.CANARY_WEIGHT);

/** The plan: 4 pods express every step in replica-ratio mode and in Argo Rollouts mode. */
const STEPS = [25, 50, 100];

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}

/** One chart: the catalog released with the given traffic. */
function catalog(app: App, id: string, traffic: (chart: Chart) => CanaryTraffic, argo = false): void {
  const chart = new Chart(app, id, { namespace: id });
  new CanaryRelease(chart, 'catalog', {
    serviceName: 'catalog',
    image: `eshop/catalog-api:${STABLE}`,
    canaryImage: CANARY ? `eshop/catalog-api:${CANARY}` : undefined,
    healthChecks: HealthChecks.aspNetCore(),
    traffic: traffic(chart),
    steps: STEPS,
    // Argo Rollouts takes only the rollback (weight 0): the controller sets the weights in between.
    step: argo || WEIGHT !== undefined ? undefined : STEP,
    weight: argo && WEIGHT !== 0 ? undefined : WEIGHT,
    replicas: id === 'canary-replica-ratio' ? undefined : 4,
  });
}

/** Builds the example's charts into `app` (the example test snapshots this). */
export function build(app: App): void {
  catalog(app, 'canary-replica-ratio', () => CanaryTraffic.replicaRatio({ totalReplicas: 4 }));
  catalog(app, 'canary-gateway-api', (chart) => CanaryTraffic.gatewayApi({
    gateway: new ApiGateway(chart, 'gateway', { name: 'shop', hostnames: ['shop.example.com'] }),
    path: '/catalog-service',
    rewritePrefix: '/',
  }));
  catalog(app, 'canary-ingress', () => CanaryTraffic.ingress({ host: 'catalog.shop.example.com', header: 'X-Canary' }));
  catalog(app, 'canary-argo-rollouts', () => CanaryTraffic.argoRollouts(), true);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
