import { ApiObject, Chart, Testing } from 'cdk8s';
import { nameOnly, omitNamespaceIfClusterScoped } from '../../src/core/metadata';

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

  test('gives no name key when there is no name', () => {
    expect(nameOnly(undefined)).toEqual({});
    expect(nameOnly('catalog')).toEqual({ name: 'catalog' });
  });
});
