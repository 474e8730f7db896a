import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Warnings } from '../../src';

describe('Warnings', () => {
  test('keeps warnings on the construct and collects them in tree order, without printing', () => {
    // GIVEN a tree of constructs
    const warn = jest.spyOn(console, 'warn');
    const app = Testing.app();
    const chart = new Construct(app, 'chart');
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    // WHEN warnings are added out of tree order
    Warnings.of(b).add('second child');
    Warnings.of(a).add('first child');
    Warnings.of(chart).add('chart, first');
    Warnings.of(chart).add('chart, second');
    // THEN each construct's own come first, in the order added, then its children's
    expect(Warnings.collect(app)).toEqual(['chart, first', 'chart, second', 'first child', 'second child']);
    expect(Warnings.collect(b)).toEqual(['second child']);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('collects nothing from a tree without warnings', () => {
    expect(Warnings.collect(Testing.app())).toEqual([]);
  });
});
