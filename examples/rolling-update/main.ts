/**
 * Course pattern: rolling update and rollback.
 *
 * Change `image` and `changeCause`, synth and `kubectl apply`: Kubernetes replaces pods one
 * surge at a time and never goes below the desired count (maxUnavailable 0). `kubectl rollout
 * history deploy/<name>` lists the change causes; `kubectl rollout undo deploy/<name>` goes back
 * (10 revisions are kept).
 */
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';

/** The version being rolled out; change it (and the cause) to roll. */
const VERSION = process.env.ORDERING_VERSION ?? '1.1.0';

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  const chart = new Chart(app, 'rolling-update', { namespace: 'rolling-update' });
  new ProbedDeployment(chart, 'ordering', {
    image: `eshop/ordering-api:${VERSION}`,
    changeCause: `ordering ${VERSION}: pay with saved cards`,
    healthChecks: HealthChecks.aspNetCore(),
    replicas: 4,
    maxSurge: kplus.PercentOrAbsolute.absolute(1),
    maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    minReady: Duration.seconds(10),
    progressDeadline: Duration.minutes(5),
    revisionHistoryLimit: 10,
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'ordering',
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
