import { Testing } from 'cdk8s';
import { Errors, MicroserviceStack, Skaffold, StackDiagram } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the arguments are cast through any.
describe('Skaffold and StackDiagram from JavaScript', () => {
  test('throws for one stack where an array goes', () => {
    const stack = new MicroserviceStack(Testing.app(), 'eshop');
    expect(() => Skaffold.forStacks(stack as any)).toThrow(/^\[Skaffold\.forStacks\] Skaffold: stacks must be an array of MicroserviceStack values \(got .*\); pass an array of MicroserviceStack values$/);
  });

  test('throws the library\'s error for no stacks, with the message it always had', () => {
    let error: unknown;
    try {
      Skaffold.forStacks([]);
    } catch (e) {
      error = e;
    }
    expect(Errors.isValidationError(error)).toBe(true);
    expect((error as Error).message).toBe('[<root>] Skaffold: stacks must not be empty (got []); pass the application\'s MicroserviceStack');
  });

  test('throws for a diagram of something that is not a stack', () => {
    expect(() => StackDiagram.of(null as any))
      .toThrow(exactly('[StackDiagram.of] StackDiagram: stack must be a MicroserviceStack (got null); pass the application\'s MicroserviceStack'));
  });
});
