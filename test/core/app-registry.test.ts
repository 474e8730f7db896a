import { ApiObject, Chart, Testing } from 'cdk8s';
import { AppIndex, appSingleton } from '../../src/core/app-registry';

describe('AppIndex', () => {
  test('finds the objects of the app by kind, namespace and name', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const settings = new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    expect(AppIndex.of(chart).find('ConfigMap', 'shop', 'settings')).toBe(settings);
    expect(AppIndex.of(chart).find('ConfigMap', 'admin', 'settings')).toBeUndefined();
  });

  test('finds every object of a key, so clashes can be named', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'shop' });
    const b = new Chart(app, 'b', { namespace: 'shop' });
    const first = new ApiObject(a, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    const second = new ApiObject(b, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    expect(AppIndex.of(a).findAll('ConfigMap', 'shop', 'settings')).toEqual([first, second]);
    expect(AppIndex.of(a).findAll('ConfigMap', 'shop', 'other')).toEqual([]);
  });

  test('keeps its state on a child of the app root, and rebuilds it at each synthesis', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    AppIndex.watch(chart);
    AppIndex.watch(chart);
    expect(app.node.children.filter(c => c.node.id === 'k8s-course-constructs.AppIndex')).toHaveLength(1);
    const before = AppIndex.of(chart);
    expect(AppIndex.of(chart)).toBe(before);
    new ApiObject(chart, 'late', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'late' } });
    Testing.synth(chart);
    expect(AppIndex.of(chart)).not.toBe(before);
    expect(AppIndex.of(chart).find('Secret', 'shop', 'late')).toBeDefined();
  });

  test('gives two apps two registries', () => {
    const a = Testing.chart();
    const b = Testing.chart();
    const create = jest.fn((root, id) => new Chart(root, id));
    expect(appSingleton(a, 'state', create)).toBe(appSingleton(a, 'state', create));
    expect(appSingleton(b, 'state', create)).not.toBe(appSingleton(a, 'state', create));
    expect(create).toHaveBeenCalledTimes(2);
  });
});
