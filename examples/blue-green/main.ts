/**
 * Course pattern: blue-green release and rollback. The basket service in two slots, blue
 * (2.0.0) and green (2.1.0); the Service `basket` selects the active slot and `basket-preview`
 * the other one, so the new version can be tried before the switch. Two charts (and namespaces):
 *
 * - blue-green: plain Kubernetes, the Services' selectors move;
 * - blue-green-argo-rollouts: an Argo Rollouts `Rollout` (blueGreen strategy) that previews the
 *   new version and switches on `kubectl argo rollouts promote basket`.
 *
 * A release is this program synthesized with other environment variables, then applied:
 *
 *   ACTIVE_SLOT=green npm run examples -- blue-green   # switch to green
 *   kubectl apply -f examples/blue-green/dist/blue-green.k8s.yaml
 *
 * ACTIVE_SLOT=blue switches back (the rollback). The README's "Releasing a new version" section
 * walks a whole release.
 */
import { App, Chart } from 'cdk8s';
import { BlueGreenRelease, BlueGreenSlot, BlueGreenTraffic, HealthChecks, ServiceExposure } from '../../src';

const BLUE = process.env.BASKET_BLUE_VERSION ?? '2.0.0';
const GREEN = process.env.BASKET_GREEN_VERSION ?? '2.1.0';
const ACTIVE = process.env.ACTIVE_SLOT === 'green' ? BlueGreenSlot.GREEN : BlueGreenSlot.BLUE;

/** One chart: the basket service in two slots, switched by the given traffic. */
function basket(app: App, id: string, traffic: BlueGreenTraffic): void {
  const chart = new Chart(app, id, { namespace: id });
  new BlueGreenRelease(chart, 'basket', {
    serviceName: 'basket',
    blueImage: BLUE ? `eshop/basket-api:${BLUE}` : undefined,
    greenImage: GREEN ? `eshop/basket-api:${GREEN}` : undefined,
    activeSlot: ACTIVE,
    healthChecks: HealthChecks.aspNetCore(),
    replicas: 3,
    // A local cluster without a load balancer: the active slot on <node IP>:30081.
    exposure: ServiceExposure.nodePort(id === 'blue-green' ? 30081 : 30082),
    traffic,
  });
}

/** Builds the example's charts into `app` (the example test snapshots this). */
export function build(app: App): void {
  basket(app, 'blue-green', BlueGreenTraffic.services());
  basket(app, 'blue-green-argo-rollouts', BlueGreenTraffic.argoRollouts({ autoPromotionEnabled: false }));
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
