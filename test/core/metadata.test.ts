import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { checkChartNamespace, labelObjectsUnder, labelValue, nameOnly, omitNamespaceIfClusterScoped, recommendedLabels } from '../../src/core/metadata';

describe('object metadata', () => {
  test('leaves the chart\'s namespace out of cluster-scoped objects only', () => {
    // GIVEN a chart with a namespace, a cluster-scoped and a namespaced object
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const volume = new ApiObject(chart, 'pv', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'uploads' } });
    const config = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });

    // WHEN
    omitNamespaceIfClusterScoped(volume);
    omitNamespaceIfClusterScoped(config);

    // THEN
    const [pv, cm] = Testing.synth(chart);
    expect(pv.metadata.namespace).toBeUndefined();
    expect(cm.metadata.namespace).toBe('shop');
  });

  test('accepts a chart namespace Kubernetes accepts, or none', () => {
    // GIVEN charts with valid namespaces (a DNS-1123 label may start with a digit) and without one
    for (const namespace of ['shop', '1shop', 'a'.repeat(63), undefined]) {
      const construct = new ApiObject(new Chart(Testing.app(), 'shop', { namespace }), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
      // THEN nothing is wrong
      expect(() => checkChartNamespace(construct)).not.toThrow();
    }
  });

  test('throws for a chart namespace Kubernetes refuses, naming the chart and its type, with a valid name', () => {
    // GIVEN a chart of the user's own class, nested in another construct, with a namespace too long and with capitals
    class ShopChart extends Chart {}
    const shop = new ShopChart(Testing.app(), 'shop', { namespace: `Shop-${'x'.repeat(60)}` });
    const construct = new ApiObject(shop, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    // THEN the error names the chart, its class, the prop and a name that fits
    expect(() => checkChartNamespace(construct))
      .toThrow(new RegExp(`^\\[shop\\] ShopChart: namespace must be at most 63 characters \\(it has 65\\) \\(got "Shop-x+"\\); use "shop-${'x'.repeat(58)}"$`));
  });

  test('gives no name key when there is no name', () => {
    expect(nameOnly(undefined)).toEqual({});
    expect(nameOnly('catalog')).toEqual({ name: 'catalog' });
  });
});

describe('recommended labels', () => {
  test('writes the ones that have a value, each a valid label value, and always managed-by', () => {
    expect(recommendedLabels({ name: 'catalog', instance: 'catalog-stable', version: '1.4.0', partOf: 'eShop on Containers' })).toEqual({
      'app.kubernetes.io/name': 'catalog',
      'app.kubernetes.io/instance': 'catalog-stable',
      'app.kubernetes.io/version': '1.4.0',
      'app.kubernetes.io/part-of': 'eShop-on-Containers',
      'app.kubernetes.io/managed-by': 'k8s-course-constructs',
    });
    expect(recommendedLabels({})).toEqual({ 'app.kubernetes.io/managed-by': 'k8s-course-constructs' });
  });

  test('makes any string a label value', () => {
    expect(labelValue('-a/b c.')).toBe('a-b-c');
    expect(labelValue('x'.repeat(70))).toHaveLength(63);
    expect(labelValue('---')).toBe('');
  });

  test('labels the objects under a construct without overwriting labels they have, skipping what labels itself', () => {
    const chart = new Chart(Testing.app(), 'shop');
    const own = new kplus.ConfigMap(chart, 'own', { metadata: { labels: { 'app.kubernetes.io/name': 'mine' } } });
    const other = new kplus.ConfigMap(chart, 'other');
    const skipped = new kplus.Secret(chart, 'skipped');
    labelObjectsUnder(chart, { 'app.kubernetes.io/name': 'shop' }, c => c === skipped);
    expect(own.metadata.getLabel('app.kubernetes.io/name')).toBe('mine');
    expect(other.metadata.getLabel('app.kubernetes.io/name')).toBe('shop');
    expect(skipped.metadata.getLabel('app.kubernetes.io/name')).toBeUndefined();
  });
});
