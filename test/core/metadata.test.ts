import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { labelObjectsUnder, labelValue, recommendedLabels } from '../../src/core/metadata';

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
