import { Chart, Testing } from 'cdk8s';
import { createDisruptionBudget, wantsDisruptionBudget } from '../../src/workload/disruption-budget';

describe('PodDisruptionBudget', () => {
  test('is wanted from 2 replicas on, unless turned off', () => {
    expect(wantsDisruptionBudget(undefined, 2)).toBe(true);
    expect(wantsDisruptionBudget(undefined, 1)).toBe(false);
    expect(wantsDisruptionBudget(false, 3)).toBe(false);
  });

  test('selects the labels it is given at synth, one pod at a time', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const labels: { [key: string]: string } = { app: 'catalog' };
    createDisruptionBudget(chart, undefined, () => labels);
    labels.track = 'stable';
    const [pdb] = Testing.synth(chart);
    expect(pdb.metadata.namespace).toBe('shop');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { app: 'catalog', track: 'stable' } } });
  });
});
