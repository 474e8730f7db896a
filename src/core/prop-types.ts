/**
 * Run-time checks of the types and shapes of props. TypeScript checks them at compile time;
 * JavaScript and the jsii languages do not, and a wrong type used to come out as a TypeError deep
 * in cdk8s-plus or as invalid YAML (a command string split into characters). These checks give
 * those users the library's own error instead: path, prop, value received, and a fix that names
 * the type expected.
 *
 * A construct lists a {@link TypeCheck} per prop ({@link PropTypes}, which tsc keeps complete) and
 * calls {@link checkConstruct} first thing in its constructor; methods and factories call
 * {@link checkProps}. The checks are about types only:
 * a value of the right type that breaks a Kubernetes rule is left to the construct's own checks,
 * whose messages say more.
 */
import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { childPath, Fail, propError, PropProblem } from './errors';
import { looksSecretName, REDACTED, redactValue } from './secrets';

/** Checks the type of one value, and throws `fail(...)` when it is wrong. `undefined` passes unless the check is {@link required}. */
export interface TypeCheck {
  (value: unknown, prop: string, fail: Fail): void;
  /** How to give a value of the right type, for messages about a missing value. */
  readonly fix: string;
}

/** A check for every prop of T: a prop added to T without a check is a compile error. */
export type PropTypes<T> = { readonly [K in keyof Required<T>]-?: TypeCheck };

/** Checks for the props of another library's struct that we read or pass on. */
export type SomePropTypes<T> = { readonly [K in keyof T]?: TypeCheck };

/** Options of the number checks. */
export interface NumberRange {
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** The smallest value allowed. */
  readonly min?: number;
  /** The largest value allowed. */
  readonly max?: number;
  /** A valid value, for the fix. */
  readonly example?: number;
}

/** A class (its constructor may be private), for {@link checkInstance}. */
export interface ClassType {
  readonly prototype: object;
  readonly name: string;
}

/** Whether a value is an object with named fields (not null, not an array). */
export function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required string. */
export function checkString(value: unknown, prop: string, fail: Fail, example: string): asserts value is string {
  if (value === undefined) throw fail({ prop, rule: 'is required', value, fix: stringFix(example) });
  checkOptionalString(value, prop, fail, example);
}

/** A string, or nothing. */
export function checkOptionalString(value: unknown, prop: string, fail: Fail, example: string): void {
  if (value !== undefined && typeof value !== 'string') throw fail({ prop, rule: 'must be a string', value, fix: stringFix(example) });
}

/** A number (or nothing), within a range when one is given. NaN is left to the construct's own range checks. */
export function checkNumber(value: unknown, prop: string, fail: Fail, range: NumberRange = {}): void {
  if (value === undefined) return;
  const rule = numberRule(range);
  const fix = `pass ${range.integer ? 'an integer' : 'a number'}, such as ${range.example ?? range.min ?? 1}`;
  if (typeof value !== 'number') throw fail({ prop, rule, value, fix });
  // NaN fails a range (every comparison is false); without one it is left to the construct's own checks.
  const outside = (range.integer && !Number.isInteger(value)) || (range.min !== undefined && !(value >= range.min))
    || (range.max !== undefined && !(value <= range.max));
  if (outside) throw fail({ prop, rule, value, fix });
}

/** An integer (or nothing), within a range when one is given. */
export function checkInteger(value: unknown, prop: string, fail: Fail, range: NumberRange = {}): void {
  checkNumber(value, prop, fail, { ...range, integer: true });
}

/** true or false, or nothing. */
export function checkBoolean(value: unknown, prop: string, fail: Fail): void {
  if (value !== undefined && typeof value !== 'boolean') throw fail({ prop, rule: 'must be true or false', value, fix: 'pass true or false' });
}

/** A member of a string enum (or nothing), with the enum's name for the fix (`kplus.Protocol`). */
export function checkEnum(value: unknown, prop: string, fail: Fail, enumObject: object, name: string): void {
  if (value === undefined) return;
  if (!(Object.values(enumObject) as unknown[]).includes(value)) {
    throw fail({ prop, rule: `must be ${article(name)} ${name}`, value, fix: `pass ${enumFix(enumObject, name)}` });
  }
}

/** An array of strings (or nothing): never a single string, which JavaScript would spread into characters. */
export function checkStringArray(value: unknown, prop: string, fail: Fail, options: { example: string; nonEmpty?: boolean }): void {
  if (value === undefined) return;
  const fix = `pass an array of strings, such as ${options.example}`;
  if (!Array.isArray(value)) throw fail({ prop, rule: 'must be an array of strings', value, fix });
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw fail({ prop: `${prop}[${i}]`, rule: 'must be a string', value: item, fix });
  });
  if (options.nonEmpty && value.length === 0) throw fail({ prop, rule: 'must not be empty', value, fix });
}

/** An array (or nothing) whose items pass `item`. */
export function checkArray(value: unknown, prop: string, fail: Fail, item: TypeCheck, options: { noun: string; nonEmpty?: boolean }): void {
  if (value === undefined) return;
  const fix = `pass an array of ${options.noun}`;
  if (!Array.isArray(value)) throw fail({ prop, rule: `must be an array of ${options.noun}`, value, fix });
  value.forEach((v, i) => required(item)(v, `${prop}[${i}]`, fail));
  if (options.nonEmpty && value.length === 0) throw fail({ prop, rule: 'must not be empty', value, fix: `${fix}, at least one` });
}

/**
 * An object of string values (environment variables, configuration, labels), or nothing. Values
 * under names that look secret are not printed.
 */
export function checkStringMap(value: unknown, prop: string, fail: Fail, options: { example: string; objectFix?: string }): void {
  checkMap(value, prop, fail, stringValue(options.objectFix), { noun: 'strings', example: options.example });
}

/** An object (or nothing) whose values pass `item`; values are redacted in messages as secrets are. */
export function checkMap(
  value: unknown, prop: string, fail: Fail, item: TypeCheck, options: { noun: string; example: string; secret?: boolean },
): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    throw fail({ prop, rule: `must be an object of ${options.noun}`, value: hidden(value, options.secret), fix: `pass an object, such as ${options.example}` });
  }
  for (const [key, v] of Object.entries(value)) {
    const secret = options.secret || looksSecretName(key);
    const redacting: Fail = problem => fail({
      ...problem,
      value: options.secret ? hidden(problem.value, true) : shown(key, problem.value),
      // A fix may quote the value ("5" for 5): not a secret's.
      fix: secret && isScalar(v) ? problem.fix.split(JSON.stringify(String(v))).join(JSON.stringify(REDACTED)) : problem.fix,
    });
    required(item)(v, `${prop}.${key}`, redacting);
  }
}

/**
 * An instance of `type` (or nothing): a class of cdk8s or cdk8s-plus, or a value class of this
 * library named by its class name (so that the tables of a folder need not import the classes that
 * use them). Another copy of the same library passes by the class name.
 */
export function checkInstance(value: unknown, prop: string, fail: Fail, type: ClassType | string, options: { name: string; fix: string }): void {
  if (value === undefined || isInstance(value, type)) return;
  throw fail({ prop, rule: `must be ${article(options.name)} ${options.name}`, value, fix: options.fix });
}

/** An object with fields (or nothing), each field checked by `types`. */
export function checkObject<T>(value: unknown, prop: string, fail: Fail, types: SomePropTypes<T>, example: string): void {
  if (value === undefined) return;
  if (!isRecord(value)) throw fail({ prop, rule: 'must be an object', value, fix: `pass an object, such as ${example}` });
  checkFields(value, types, prop, fail);
}

/** An object that implements an interface: `members` must be there. */
export function checkInterface(value: unknown, prop: string, fail: Fail, options: { name: string; members: string[]; fix: string }): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || options.members.some(m => !(m in value))) {
    throw fail({ prop, rule: `must be ${article(options.name)} ${options.name}`, value, fix: options.fix });
  }
}

/** Checks each field of `value` that `types` has a check for, at `prefix.field`. */
export function checkFields<T>(value: { [key: string]: unknown }, types: SomePropTypes<T> | PropTypes<T>, prefix: string, fail: Fail): void {
  for (const [key, check] of Object.entries(types) as Array<[string, TypeCheck | undefined]>) {
    if (check) check(value[key], prefix ? `${prefix}.${key}` : key, fail);
  }
}

/** The types of a props (or options) object, whether it must be given, and a valid one for fixes. */
export interface PropsSpec<T> {
  /** A check per prop. */
  readonly types: PropTypes<T>;
  /** Whether the object must be given (a prop of it is required). */
  readonly required: boolean;
  /** A valid object, for the fix: `{ image: "eshop/catalog-api:1.0.0" }`. */
  readonly example: string;
}

/**
 * Checks a props or options object: an object (or nothing, when not required), then each prop.
 *
 * @param prop what the object is called in messages (`options`, `addService("web")`)
 * @param prefix what each prop is reported under (`addService("web")` gives `addService("web").image`);
 * by default a prop is reported on its own (`image`)
 */
export function checkProps<T>(props: unknown, spec: PropsSpec<T>, fail: Fail, prop = 'options', prefix = ''): void {
  if (props === undefined && !spec.required) return;
  if (!isRecord(props)) {
    const rule = props === undefined ? 'is required' : 'must be an object';
    throw fail({ prop, rule, value: props, fix: `pass an object, such as ${spec.example}` });
  }
  checkFields(props, spec.types, prefix, fail);
}

/**
 * Checks a construct's scope, id and props before anything reads them, with the path the construct
 * will have; throws the first problem. Props are reported by their own names (`image`), as the
 * construct's other checks report them.
 */
export function checkConstruct<T>(scope: unknown, id: unknown, type: string, props: unknown, spec: PropsSpec<T>): void {
  checkScopeAndId(scope, id, type);
  const where = childPath(scope as Construct, id as string);
  checkProps(props, spec, (problem: PropProblem) => propError(where, type, problem), 'props');
}

/** Checks the arguments of a factory or method, each by its name (`path`, `options`), with `fail`. */
export function checkArguments(fail: Fail, args: { readonly [name: string]: readonly [unknown, TypeCheck] }): void {
  for (const [name, [value, check]] of Object.entries(args)) check(value, name, fail);
}

/** The errors of a value class's factory: the factory is the path (`[HealthProbe.exec] HealthProbe: ...`). */
export function factoryFail(factory: string, type: string): Fail {
  return (problem: PropProblem) => propError(factory, type, problem);
}

/**
 * A construct's scope must be a construct and its id a string, or constructs fails with a TypeError.
 *
 * @param idName what the id is called in the signature (`name` for the stack's members)
 */
export function checkScopeAndId(scope: unknown, id: unknown, type: string, idName = 'id'): void {
  if (!Construct.isConstruct(scope)) {
    throw propError(undefined, type, { prop: 'scope', rule: 'must be a construct', value: describe(scope), fix: `pass the Chart (or a construct in it) to create the ${type} in` });
  }
  if (typeof id !== 'string') {
    throw propError(scope, type, { prop: idName, rule: 'must be a string', value: id, fix: 'pass the construct id, such as "catalog"' });
  }
}

// ---------------------------------------------------------------------------------------------
// The same checks as values, for PropTypes tables.

/** Builds the {@link TypeCheck}s of a PropTypes table. */
export const types = {
  /** A string. */
  string: (example: string): TypeCheck => typeCheck(stringFix(example), (v, p, f) => checkOptionalString(v, p, f, example)),
  /** A string that holds a secret: messages never print it. */
  secretString: (fix: string): TypeCheck => typeCheck(fix, (v, p, f) => {
    if (v !== undefined && typeof v !== 'string') throw hiding(f)({ prop: p, rule: 'must be a string', value: v, fix });
  }),
  /** A number, within a range when given. */
  number: (range: NumberRange = {}): TypeCheck => typeCheck(`pass a number, such as ${range.example ?? range.min ?? 1}`, (v, p, f) => checkNumber(v, p, f, range)),
  /** An integer, within a range when given. */
  integer: (range: NumberRange = {}): TypeCheck => typeCheck(`pass an integer, such as ${range.example ?? range.min ?? 1}`, (v, p, f) => checkInteger(v, p, f, range)),
  /** true or false. */
  boolean: (): TypeCheck => typeCheck('pass true or false', checkBoolean),
  /** A member of a string enum. */
  enum: (enumObject: object, name: string): TypeCheck => typeCheck(`pass ${enumFix(enumObject, name)}`, (v, p, f) => checkEnum(v, p, f, enumObject, name)),
  /** An array of strings; `nonEmpty` when an empty one means nothing. */
  strings: (example: string, nonEmpty = false): TypeCheck =>
    typeCheck(`pass an array of strings, such as ${example}`, (v, p, f) => checkStringArray(v, p, f, { example, nonEmpty })),
  /** An array whose items pass `item`. */
  arrayOf: (item: TypeCheck, noun: string): TypeCheck => typeCheck(`pass an array of ${noun}`, (v, p, f) => checkArray(v, p, f, item, { noun })),
  /** An object of strings (environment variables, configuration, labels). */
  stringMap: (example: string, objectFix?: string): TypeCheck =>
    typeCheck(`pass an object, such as ${example}`, (v, p, f) => checkStringMap(v, p, f, { example, objectFix })),
  /** An object whose values pass `item`; `secret` hides every value in messages. */
  mapOf: (item: TypeCheck, noun: string, example: string, secret = false): TypeCheck =>
    typeCheck(`pass an object, such as ${example}`, (v, p, f) => checkMap(v, p, f, item, { noun, example, secret })),
  /** An instance of a class of another library, made as `fix` says. */
  instance: (type: ClassType, name: string, fix: string): TypeCheck => typeCheck(fix, (v, p, f) => checkInstance(v, p, f, type, { name, fix })),
  /** An instance of a value class of this library, by its class name, made by its factories as `fix` says. */
  valueClass: (name: string, fix: string): TypeCheck => typeCheck(fix, (v, p, f) => checkInstance(v, p, f, name, { name, fix })),
  /** An object that implements an interface. */
  implementing: (name: string, members: string[], fix: string): TypeCheck =>
    typeCheck(fix, (v, p, f) => checkInterface(v, p, f, { name, members, fix })),
  /** An object whose fields pass `fields`. */
  object: <T>(fields: SomePropTypes<T>, example: string): TypeCheck =>
    typeCheck(`pass an object, such as ${example}`, (v, p, f) => checkObject(v, p, f, fields, example)),
  /** A cdk8s Duration. */
  duration: (example = 'Duration.seconds(30)'): TypeCheck => types.instance(Duration, 'Duration', `pass a Duration, such as ${example}`),
  /** A cdk8s Size. */
  size: (example = 'Size.gibibytes(10)'): TypeCheck => types.instance(Size, 'Size', `pass a Size, such as ${example}`),
  /** An options object: its props are reported on their own (`port`), or under `prefix` (`mount.readOnly`). */
  props: <T>(spec: PropsSpec<T>, prefix = ''): TypeCheck =>
    typeCheck(`pass an object, such as ${spec.example}`, (v, p, f) => checkProps(v, spec, f, p, prefix)),
  /**
   * A prop whose own check (`by`) already says what a value of any type must be; only null is
   * refused here, which a default (`??`) would silently replace. `fix` says how to give one.
   */
  checkedBy: (_by: string, fix: string): TypeCheck => typeCheck(fix, (v, p, f) => {
    if (v === null) throw f({ prop: p, rule: 'must not be null', value: v, fix });
  }),
};

/** `inner`, and the value must be given. */
export function required(inner: TypeCheck): TypeCheck {
  return typeCheck(inner.fix, (value, prop, fail) => {
    if (value === undefined) throw fail({ prop, rule: 'is required', value, fix: inner.fix });
    inner(value, prop, fail);
  });
}

function typeCheck(fix: string, fn: (value: unknown, prop: string, fail: Fail) => void): TypeCheck {
  return Object.assign((value: unknown, prop: string, fail: Fail) => fn(value, prop, fail), { fix });
}

function stringValue(objectFix: string | undefined): TypeCheck {
  return typeCheck('pass the value as a string', (value, prop, fail) => {
    if (typeof value === 'string') return;
    const scalar = typeof value === 'number' || typeof value === 'boolean';
    const fix = scalar ? `pass the value as a string: "${String(value)}"` : objectFix ?? 'pass the value as a string';
    throw fail({ prop, rule: 'must be a string', value, fix });
  });
}

function article(name: string): string {
  return /^[AEIOU]/i.test(name) ? 'an' : 'a';
}

function numberRule(range: NumberRange): string {
  const noun = range.integer ? 'an integer' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `must be ${noun} from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `must be ${noun} of at least ${range.min}`;
  if (range.max !== undefined) return `must be ${noun} of at most ${range.max}`;
  return `must be ${noun}`;
}

function stringFix(example: string): string {
  return `pass a string, such as ${JSON.stringify(example)}`;
}

function enumFix(enumObject: object, name: string): string {
  const [first, ...rest] = Object.keys(enumObject).filter(k => !/^\d+$/.test(k));
  if (rest.length === 0) return `${name}.${first}`;
  return `${name}.${[first, ...rest.slice(0, -1)].join(', ')} or ${rest[rest.length - 1]}`;
}

function isInstance(value: unknown, type: ClassType | string): boolean {
  if (typeof type !== 'string' && value instanceof (type as unknown as new () => object)) return true;
  if (typeof value !== 'object' || value === null) return false;
  // By name along the prototype chain: a class of this folder, or another copy of the same package.
  const name = typeof type === 'string' ? type : type.name;
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === name) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (!isRecord(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A map value as messages show it: hidden under a name that looks secret, otherwise redacted of secret parts. */
function shown(key: string, value: unknown): unknown {
  if (looksSecretName(key) && isScalar(value)) return REDACTED;
  return redactValue(key, value);
}

function hiding(fail: Fail): Fail {
  return problem => fail({ ...problem, value: hidden(problem.value, true) });
}

function hidden(value: unknown, secret: boolean | undefined): unknown {
  return secret && isScalar(value) ? REDACTED : value;
}

function isScalar(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'object' && typeof value !== 'function';
}

/** A scope as a message shows it: what it is, not its whole tree. */
function describe(scope: unknown): unknown {
  return typeof scope === 'object' && scope !== null ? `a ${scope.constructor?.name ?? 'object'}` : scope;
}
