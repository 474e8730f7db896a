import { Chart, Duration, Testing } from 'cdk8s';
import { Errors, ImagePolicy } from '../../src';
import { PropProblem, ValidationError } from '../../src/core/errors';
import {
  checkArguments, checkConstruct, checkEnum, checkInstance, checkInteger, checkNumber, checkOptionalString, checkProps, checkString,
  checkStringArray, checkStringMap, factoryFail, PropsSpec, required, types as t,
} from '../../src/core/prop-types';
import { exactly } from '../support';

/** Checks fail through this: the message starts at the type, as a value class's factory does. */
const fail = (problem: PropProblem) => new ValidationError(undefined, 'Thing', problem);
const run = (check: () => void) => check;

interface Opts {
  readonly name: string;
  readonly port?: number;
  readonly tags?: string[];
}

const OPTS: PropsSpec<Opts> = {
  types: { name: required(t.string('web')), port: t.number({ example: 8080 }), tags: t.strings('["a"]') },
  required: true,
  example: '{ name: "web" }',
};

describe('the checks of one value', () => {
  test('throws for a string that is missing or of another type', () => {
    expect(run(() => checkString(undefined, 'image', fail, 'nginx:1.27'))).toThrow(exactly('Thing: image is required (got nothing); pass a string, such as "nginx:1.27"'));
    expect(run(() => checkOptionalString(123, 'image', fail, 'nginx:1.27'))).toThrow(exactly('Thing: image must be a string (got 123); pass a string, such as "nginx:1.27"'));
    expect(() => checkOptionalString(undefined, 'image', fail, 'nginx:1.27')).not.toThrow();
  });

  test('throws for a number of another type or outside its range', () => {
    expect(run(() => checkNumber('8080', 'port', fail, { example: 8080 }))).toThrow(exactly('Thing: port must be a number (got "8080"); pass a number, such as 8080'));
    expect(run(() => checkInteger(1.5, 'replicas', fail, { min: 1, max: 10 }))).toThrow(exactly('Thing: replicas must be an integer from 1 to 10 (got 1.5); pass an integer, such as 1'));
    expect(run(() => checkInteger(0, 'replicas', fail, { min: 1 }))).toThrow(/replicas must be an integer of at least 1 \(got 0\)/);
    // NaN is a number: without a range it is left to the construct's own checks.
    expect(() => checkNumber(NaN, 'port', fail)).not.toThrow();
  });

  test('throws for a value outside a string enum, naming its members', () => {
    expect(run(() => checkEnum('strict', 'imagePolicy', fail, ImagePolicy, 'ImagePolicy')))
      .toThrow(exactly('Thing: imagePolicy must be an ImagePolicy (got "strict"); pass ImagePolicy.REQUIRE_PINNED or ALLOW_UNPINNED'));
  });

  test('throws for a string where an array of strings goes: JavaScript would spread it into characters', () => {
    const check = () => checkStringArray('sh -c x', 'command', fail, { example: '["sh", "-c", "x"]' });
    expect(check).toThrow(exactly('Thing: command must be an array of strings (got "sh -c x"); pass an array of strings, such as ["sh", "-c", "x"]'));
  });

  test('throws for an item that is not a string, and for an empty command that must have one', () => {
    expect(run(() => checkStringArray(['sh', 5], 'command', fail, { example: '["sh"]' }))).toThrow(/^Thing: command\[1\] must be a string \(got 5\); pass an array of strings/);
    expect(run(() => checkStringArray([], 'command', fail, { example: '["sh"]', nonEmpty: true }))).toThrow(/^Thing: command must not be empty \(got \[\]\)/);
  });

  test('throws for a map value that is not a string, with the value as a string as the fix', () => {
    expect(run(() => checkStringMap({ A: 5 }, 'config', fail, { example: '{ A: "1" }' }))).toThrow(exactly('Thing: config.A must be a string (got 5); pass the value as a string: "5"'));
    expect(run(() => checkStringMap({ A: undefined }, 'config', fail, { example: '{ A: "1" }' }))).toThrow(/^Thing: config\.A is required \(got nothing\)/);
    expect(run(() => checkStringMap(['A=1'], 'config', fail, { example: '{ A: "1" }' }))).toThrow(/^Thing: config must be an object of strings \(got \["A=1"\]\)/);
  });

  test('throws without printing a value under a name that looks secret, in the value or the fix', () => {
    const check = () => checkStringMap({ DB_PASSWORD: 123456 }, 'env', fail, { example: '{}' });
    expect(check).toThrow(exactly('Thing: env.DB_PASSWORD must be a string (got "<redacted>"); pass the value as a string: "<redacted>"'));
  });

  test('throws for a plain object or a string where a class instance goes', () => {
    const check = (v: unknown) => () => checkInstance(v, 'timeout', fail, Duration, { name: 'Duration', fix: 'pass Duration.seconds(30)' });
    expect(check(30)).toThrow(exactly('Thing: timeout must be a Duration (got 30); pass Duration.seconds(30)'));
    expect(check({ amount: 30, unit: 'seconds' })).toThrow(/timeout must be a Duration/);
    expect(check(Duration.seconds(30))).not.toThrow();
  });

  test('accepts an instance of another copy of a class by its name, and a subclass', () => {
    // GIVEN a class of the same name from another copy of the package
    class Duration2 {}
    Object.defineProperty(Duration2, 'name', { value: 'Duration' });
    class Sub extends Duration2 {}
    // THEN both pass, as jsii and npm dedupe may give either
    expect(() => checkInstance(new Sub(), 'timeout', fail, Duration, { name: 'Duration', fix: '' })).not.toThrow();
    expect(() => checkInstance(new Sub(), 'probe', fail, 'Duration', { name: 'Duration', fix: '' })).not.toThrow();
  });
});

describe('the checks of an options object', () => {
  test('throws for options that are null, or missing when required', () => {
    expect(run(() => checkProps(null, OPTS, fail))).toThrow(exactly('Thing: options must be an object (got null); pass an object, such as { name: "web" }'));
    expect(run(() => checkProps(undefined, OPTS, fail))).toThrow(exactly('Thing: options is required (got nothing); pass an object, such as { name: "web" }'));
  });

  test('throws for the first prop of the wrong type, under the prefix given', () => {
    expect(run(() => checkProps({ name: 'web', tags: 'a' }, OPTS, fail, 'addThing.options', 'addThing("web")')))
      .toThrow(exactly('Thing: addThing("web").tags must be an array of strings (got "a"); pass an array of strings, such as ["a"]'));
  });

  test('checks the arguments of a factory with the factory as the path', () => {
    const check = () => checkArguments(factoryFail('Thing.of', 'Thing'), { name: [5, required(t.string('web'))] });
    expect(check).toThrow(exactly('[Thing.of] Thing: name must be a string (got 5); pass a string, such as "web"'));
  });
});

describe('the checks of a construct', () => {
  test('throws for a scope that is not a construct, before constructs fails on it', () => {
    expect(() => checkConstruct(null, 'web', 'Thing', { name: 'web' }, OPTS))
      .toThrow(exactly('Thing: scope must be a construct (got null); pass the Chart (or a construct in it) to create the Thing in'));
  });

  test('throws for an id that is not a string, with the scope\'s path', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => checkConstruct(chart, 7, 'Thing', { name: 'web' }, OPTS)).toThrow(exactly('[shop] Thing: id must be a string (got 7); pass the construct id, such as "catalog"'));
  });

  test('throws for props of the wrong type with the path the construct will have', () => {
    const chart = new Chart(Testing.app(), 'shop');
    expect(() => checkConstruct(chart, 'web', 'Thing', { name: 5 }, OPTS)).toThrow(exactly('[shop/web] Thing: name must be a string (got 5); pass a string, such as "web"'));
  });

  test('the error is the library\'s own', () => {
    let error: unknown;
    try {
      checkConstruct(new Chart(Testing.app(), 'shop'), 'web', 'Thing', null, OPTS);
    } catch (e) {
      error = e;
    }
    expect(Errors.isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ path: 'shop/web', constructType: 'Thing', prop: 'props', rule: 'must be an object' });
  });
});
