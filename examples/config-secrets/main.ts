/**
 * Course pattern: configuration and secrets. A ConfigMap loaded whole as environment variables,
 * single keys from a ConfigMap and from a Secret, and an existing Secret referenced by name.
 * Changing the ConfigMap's data changes the pod template's checksum annotation, so `kubectl
 * apply` rolls the pods (Kubernetes does not do that by itself).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, Prerequisites, ProbedDeployment, ServiceExposure } from '../../src';

/** Builds the example's charts into `app`. */
export function build(app: App): Chart {
  const chart = new Chart(app, 'config-secrets', { namespace: 'config-secrets' });

  const settings = new kplus.ConfigMap(chart, 'catalog-settings', {
    metadata: { name: 'catalog-settings' },
    data: {
      'ASPNETCORE_ENVIRONMENT': 'Production',
      'Logging__LogLevel__Default': 'Information',
      'Catalog__PicBaseUrl': 'http://webapp/pics',
      'page-size': '20',
    },
  });
  // Created outside this app (kubectl create secret, or a secret manager): referenced by name.
  const db = kplus.Secret.fromSecretName(chart, 'catalog-db', 'catalog-db');

  new ProbedDeployment(chart, 'catalog', {
    image: 'eshop/catalog-api:1.0.0',
    healthChecks: HealthChecks.aspNetCore(),
    envFrom: [kplus.Env.fromConfigMap(settings)],
    envValueFrom: {
      ConnectionStrings__CatalogDb: kplus.EnvValue.fromSecretValue({ secret: db, key: 'connection-string' }),
      Catalog__PageSize: kplus.EnvValue.fromConfigMap(settings, 'page-size'),
    },
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'catalog',
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  const chart = build(app);
  app.synth();
  // What the chart needs from the cluster, beside its YAML.
  Prerequisites.ofChart(chart).writeBeside(app.outdir);
}
