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
 * Builds the one error shape of this library:
 * `[path] Type: prop rule (got value); fix`.
 *
 * Every message names the construct path, the construct type, the prop, the value received,
 * what is allowed and the fix, so a user can act on it without reading our code.
 */
export function propError(scope: IConstruct | string, type: string, problem: PropProblem): Error {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  return new Error(`[${path || '<root>'}] ${validationMessage(type, problem)}`);
}

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
