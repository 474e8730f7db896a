import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { propError, PropProblem } from '../../src/core/errors';
import { autoscaleMinReplicas, checkAutoscaleOptions, checkNotAutoscaled, createAutoscaler, minimumReplicas } from '../../src/workload/autoscaling';

describe('autoscaling rules', () => {
  test('throw for bounds and targets out of range, with the caller\'s fix for minReplicas', () => {
    expect(() => checkAutoscaleOptions('shop/catalog', 'CanaryRelease', { minReplicas: 0, maxReplicas: 3 }, 'use 2 or more for availability'))
      .toThrow('[shop/catalog] CanaryRelease: autoscale.minReplicas must be an integer of at least 1 (got 0); use 2 or more for availability');
    expect(() => checkAutoscaleOptions('shop/catalog', 'ProbedDeployment', { maxReplicas: 1 }))
      .toThrow(/autoscale.maxReplicas must be an integer not below minReplicas \(2\) \(got 1\); raise maxReplicas or lower minReplicas/);
    expect(() => checkAutoscaleOptions('shop/catalog', 'ProbedDeployment', { maxReplicas: 4, memoryUtilization: 101 }))
      .toThrow(/autoscale.memoryUtilization must be a whole percentage from 1 to 100 \(got 101\)/);
    expect(() => checkAutoscaleOptions('shop/catalog', 'ProbedDeployment', { maxReplicas: 4, cpuUtilization: 60 })).not.toThrow();
  });

  test('scale on 70% CPU by default, and on memory alone when only memory is given', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx:1' }] });
    createAutoscaler(chart, 'cpu', deployment, { maxReplicas: 3 });
    const other = new kplus.Deployment(chart, 'e', { containers: [{ image: 'nginx:1' }] });
    createAutoscaler(chart, 'memory', other, { maxReplicas: 3, memoryUtilization: 80 });
    const hpas = Testing.synth(chart).filter(m => m.kind === 'HorizontalPodAutoscaler');
    const targets = (h: any) => h.spec.metrics.map((m: any) => `${m.resource.name}:${m.resource.target.averageUtilization}`);
    expect(hpas.map(h => [h.spec.minReplicas, targets(h)])).toEqual([
      [2, ['cpu:70']],
      [2, ['memory:80']],
    ]);
    expect(autoscaleMinReplicas({ minReplicas: 3, maxReplicas: 4 })).toBe(3);
  });

  test('throw for a fixed replica count beside an autoscaler, in the caller\'s words', () => {
    const fail = (problem: PropProblem) => propError('shop/catalog', 'CanaryRelease', problem);
    expect(() => checkNotAutoscaled(2, fail, 'with autoscale')).toThrow(
      '[shop/catalog] CanaryRelease: replicas must not be set with autoscale (the autoscaler owns the replica count) (got 2); '
      + 'drop replicas and set autoscale.minReplicas instead');
    expect(() => checkNotAutoscaled(undefined, fail)).not.toThrow();
  });

  test('count the fewest pods from the autoscaler when there is one, else from replicas (2 by default)', () => {
    expect(minimumReplicas(undefined, undefined)).toBe(2);
    expect(minimumReplicas(1, undefined)).toBe(1);
    expect(minimumReplicas(undefined, { maxReplicas: 5 })).toBe(2);
    expect(minimumReplicas(undefined, { minReplicas: 3, maxReplicas: 5 })).toBe(3);
  });
});
