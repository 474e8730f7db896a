import { IConstruct } from 'constructs';

/**
 * What is wrong with one prop, for {@link propError}.
 */
export interface PropProblem {
  /** The prop (or prop path) at fault, as the user wrote it: `liveness`, `ports[1].name`. */
  readonly prop: string;
  /** What the prop must be: "must be between 0 and 100". */
  readonly rule: string;
  /** The value received. */
  readonly value: unknown;
  /** How to fix it, as an instruction: "pass a percentage". */
  readonly fix: string;
}

/**
 * Builds the error for a problem, with the construct's path and type: what a construct's checks
 * are given, so they can be shared and still name the construct that failed.
 */
export type Fail = (problem: PropProblem) => Error;

/**
 * Builds the one error shape of this library:
 * `[path] Type: prop rule (got value); fix`.
 *
 * Every message names the construct path, the construct type, the prop, the value received,
 * what is allowed and the fix, so a user can act on it without reading our code. A value class's
 * factory has no construct: with no scope the message starts at the type (`Type: prop rule ...`).
 */
export function propError(scope: IConstruct | string | undefined, type: string, problem: PropProblem): ValidationError {
  if (scope === undefined) return new ValidationError(undefined, type, problem);
  const path = typeof scope === 'string' ? scope : scope.node.path;
  return new ValidationError(path || '<root>', type, problem);
}

/**
 * Recognises the errors of this library.
 */
export class Errors {
  /**
   * Whether `x` is the error a construct of this library throws for a bad prop (a
   * `ValidationError`, whose message names the construct path, the prop, the value and the fix),
   * rather than a bug or an error of another library.
   */
  public static isValidationError(x: any): boolean {
    return ValidationError.isValidationError(x);
  }

  private constructor() {}
}

/**
 * The error every construct of this library throws for a bad prop: its message is
 * `[path] Type: prop rule (got value); fix`, and its fields name each part, so callers can tell
 * it from a bug (`Errors.isValidationError(e)`). It is not exported from the package: jsii
 * cannot export a subclass of `Error`.
 */
export class ValidationError extends Error {
  /** Whether `x` is a ValidationError of this library, also across copies of the package. */
  public static isValidationError(x: any): x is ValidationError {
    return x instanceof ValidationError || (x !== null && typeof x === 'object' && x[VALIDATION_ERROR_SYMBOL] === true);
  }

  /** The construct path (`shop/catalog`); undefined for a value class's factory. */
  public readonly path?: string;
  /** The construct type (`ProbedDeployment`). */
  public readonly constructType: string;
  /** The prop at fault (`liveness.timeout`). */
  public readonly prop: string;
  /** What the prop must be. */
  public readonly rule: string;
  /** How to fix it. */
  public readonly fix: string;

  public constructor(path: string | undefined, constructType: string, problem: PropProblem) {
    const message = validationMessage(constructType, problem);
    super(path === undefined ? message : `[${path}] ${message}`);
    Object.setPrototypeOf(this, ValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    this.name = 'ValidationError';
    this.path = path;
    this.constructType = constructType;
    this.prop = problem.prop;
    this.rule = problem.rule;
    this.fix = problem.fix;
  }
}

const VALIDATION_ERROR_SYMBOL = Symbol.for('k8s-course-constructs.ValidationError');

/**
 * The same message without the path, for `node.addValidation`: cdk8s puts `[path] ` in front of
 * each validation error itself.
 */
export function validationMessage(type: string, problem: PropProblem): string {
  return `${type}: ${problem.prop} ${problem.rule} (got ${show(problem.value)}); ${problem.fix}`;
}

/** The path a construct will have, for errors thrown before `super()` has run. */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** A short, stable rendering of a received value for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return String(value);
  }
}
