import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { HealthChecks, ProbedDeployment, ServiceExposure } from '../../src';
import { findOne, synthValid } from '../support';

const healthChecks = HealthChecks.aspNetCore();

function chart(id = 'shop'): Chart {
  return new Chart(Testing.app(), id, { namespace: 'shop' });
}

describe('ProbedDeployment names', () => {
  test('names the Deployment and its Service after the construct id, so kubectl rollout undo deployment/catalog works as written', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks, exposure: ServiceExposure.clusterIp() });
    const manifests = synthValid(c);
    expect(findOne(manifests, 'Deployment').metadata.name).toBe('catalog');
    expect(findOne(manifests, 'Service').metadata.name).toBe('catalog');
  });

  test('takes metadata.name and serviceName when given', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', {
      image: 'eshop/catalog-api:1.0.0', healthChecks, metadata: { name: 'catalog-v2' }, serviceName: 'catalog-api', exposure: ServiceExposure.clusterIp(),
    });
    const manifests = synthValid(c);
    expect(findOne(manifests, 'Deployment').metadata.name).toBe('catalog-v2');
    expect(findOne(manifests, 'Service').metadata.name).toBe('catalog-api');
  });

  test('keeps the name cdk8s generates when the id is not a valid name', () => {
    const c = chart();
    new ProbedDeployment(c, 'Catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks });
    expect(findOne(synthValid(c), 'Deployment').metadata.name).toMatch(/^shop-catalog-c8[0-9a-f]{6}$/);
  });

  test('throws at synth for two Deployments of one name in a chart, naming both', () => {
    const c = chart();
    const group = new Construct(c, 'v2');
    new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks });
    new ProbedDeployment(group, 'catalog', { image: 'eshop/catalog-api:2.0.0', healthChecks });
    expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog\] ProbedDeployment: metadata\.name must be unique among the Deployments of namespace shop, but shop\/v2\/catalog\/Resource is named so too \(got "catalog"\); name one of them otherwise/);
  });

  test('throws at synth for two Services of one name in a chart', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks, exposure: ServiceExposure.clusterIp() });
    new ProbedDeployment(c, 'catalog-v2', { image: 'eshop/catalog-api:2.0.0', healthChecks, serviceName: 'catalog', exposure: ServiceExposure.clusterIp() });
    expect(() => Testing.synth(c)).toThrow(/\[shop\/catalog-v2\] ProbedDeployment: serviceName must be unique among the Services of namespace shop, but shop\/catalog\/Service\/Resource is named so too \(got "catalog"\)/);
  });

  test('lets charts of one app (one per cluster) use the same names', () => {
    const app = Testing.app();
    for (const id of ['aks', 'gke']) new ProbedDeployment(new Chart(app, id, { namespace: 'shop' }), 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('ProbedDeployment labels', () => {
  test('puts the recommended labels on the Deployment, its pods, its Service, PodDisruptionBudget and autoscaler', () => {
    // GIVEN
    const c = chart();
    const d = new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.4.0', healthChecks, exposure: ServiceExposure.clusterIp() });
    d.autoscale({ maxReplicas: 4 });
    // THEN
    const labels = {
      'app.kubernetes.io/name': 'catalog',
      'app.kubernetes.io/instance': 'catalog',
      'app.kubernetes.io/version': '1.4.0',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'k8s-course-constructs',
    };
    const manifests = synthValid(c);
    for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      expect(findOne(manifests, kind).metadata.labels).toEqual(labels);
    }
    expect(findOne(manifests, 'Deployment').spec.template.metadata.labels).toMatchObject(labels);
  });

  test('never puts them in a selector: a new version keeps the Deployment\'s selector', () => {
    const selector = (image: string) => {
      const c = chart();
      new ProbedDeployment(c, 'catalog', { image, healthChecks, exposure: ServiceExposure.clusterIp() });
      const manifests = synthValid(c);
      return [findOne(manifests, 'Deployment').spec.selector, findOne(manifests, 'Service').spec.selector, findOne(manifests, 'PodDisruptionBudget').spec.selector];
    };
    expect(selector('eshop/catalog-api:1.5.0')).toEqual(selector('eshop/catalog-api:1.4.0'));
    expect(JSON.stringify(selector('eshop/catalog-api:1.4.0'))).not.toContain('app.kubernetes.io');
  });

  test('keeps labels the user gives, and takes part-of from partOf', () => {
    const c = chart();
    new ProbedDeployment(c, 'catalog', {
      image: 'eshop/catalog-api:1.4.0', healthChecks, partOf: 'eshop', metadata: { labels: { 'app.kubernetes.io/name': 'catalog-api' } },
    });
    const d = findOne(synthValid(c), 'Deployment');
    expect(d.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'catalog-api', 'app.kubernetes.io/part-of': 'eshop' });
    expect(d.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'catalog-api', 'app.kubernetes.io/part-of': 'eshop' });
  });
});
