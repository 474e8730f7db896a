import { setOwn } from './yaml';
import { composeError, keyPath, Where } from '../diagnostics';

/** Variables of a conversion, and what to do when one is missing. */
export interface VariableScope {
  /** The value of a variable, or undefined when it is not set. */
  lookup(name: string): string | undefined;
  /** Called once per use of an unset variable without a default. */
  unset(name: string, where: Where, key: string): void;
}

type Locate = (segments: ReadonlyArray<string | number>) => Where;
type KeyPath = Array<string | number>;

/** How deep `${A:-${B:-...}}` may nest: deeper is no configuration, and would exhaust the stack. */
const MAX_NESTING = 32;

/** Where a string is, for messages; `hidden` for text that must not appear in them (an env file's lines). */
export interface StringPlace {
  readonly where: () => Where;
  readonly key: string;
  readonly hidden?: boolean;
  /** What the values of variables may add to a file, shared by all its strings. */
  readonly budget?: Budget;
}

/** Characters that variables may still add; `total` for the message. */
export interface Budget {
  left: number;
  readonly total: number;
}

/** Counts a variable's value against the budget: a value used a million times is no configuration. */
function spend(place: StringPlace, value: string): string {
  const budget = place.budget;
  if (budget) {
    budget.left -= value.length;
    if (budget.left < 0) {
      throw composeError(place.where(), {
        key: place.key,
        rule: `expands variables to more than ${budget.total} characters in this file`,
        fix: 'use each long variable fewer times; the values of variables are copied wherever they are used',
      });
    }
  }
  return value;
}

/**
 * Interpolates every string value of a compose document (`${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$VAR`, `$$`),
 * as compose does: values only, never keys. Returns the new tree and the key paths whose values
 * contained a variable (they may need a type cast: every interpolated value is a string).
 */
export function interpolateTree(tree: any, scope: VariableScope, locate: Locate, budget?: Budget): { value: any; interpolated: KeyPath[] } {
  const interpolated: KeyPath[] = [];
  const walk = (value: any, path: Array<string | number>): any => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const result = interpolateString(value, scope, { where: () => locate(path), key: keyPath(path), budget });
      if (result !== value || /\$\{|\$[A-Za-z_]/.test(value)) interpolated.push(path);
      return result;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === 'object') {
      const out: { [key: string]: any } = {};
      for (const [k, v] of Object.entries(value)) setOwn(out, k, walk(v, [...path, k]));
      return out;
    }
    return value;
  };
  return { value: walk(tree, []), interpolated };
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Interpolates one string; `place` names it in messages. */
export function interpolateString(text: string, scope: VariableScope, place: StringPlace, depth = 0): string {
  if (depth > MAX_NESTING) {
    throw composeError(place.where(), { key: place.key, rule: `nests variables more than ${MAX_NESTING} levels deep`, fix: 'write the value with fewer nested ${...:-...} defaults' });
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    i = dollar;
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw composeError(place.where(), { key: place.key, rule: 'has a "${" without its closing "}"', ...shown(place, text), fix: 'close the variable with "}", or write "$$" for a literal "$"' });
      out += braced(text.slice(i + 2, end), text, scope, place, depth);
      i = end + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)![0];
      out += valueOf(name, scope, place);
      i += 1 + name.length;
    } else {
      // A lone "$" (before a space, a digit, the end) is kept, as compose keeps it.
      out += '$';
      i++;
    }
  }
  return out;
}

/** `{ value }` for a message, unless the text must stay out of messages. */
function shown(place: StringPlace, value: unknown): { value?: unknown } {
  return place.hidden ? {} : { value };
}

/** The index of the "}" closing a "${" whose body starts at `from`, minding nested "${...}". */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(body: string, text: string, scope: VariableScope, place: StringPlace, depth: number): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) {
    throw composeError(place.where(), {
      key: place.key,
      rule: place.hidden ? 'has an invalid variable' : `has an invalid variable "\${${body}}"`,
      ...shown(place, text),
      fix: 'write ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message} or ${VAR:+alternative}',
    });
  }
  const [, name, op, arg = ''] = m;
  const value = scope.lookup(name);
  const nested = () => interpolateString(arg, scope, place, depth + 1);
  switch (op) {
    case undefined:
      return valueOf(name, scope, place);
    case ':-':
      return value === undefined || value === '' ? nested() : spend(place, value);
    case '-':
      return value === undefined ? nested() : spend(place, value);
    case ':?':
    case '?':
      if (value === undefined || (op === ':?' && value === '')) {
        const message = place.hidden ? '' : nested();
        throw composeError(place.where(), {
          key: place.key,
          rule: `requires the variable ${name}${op === ':?' ? ', set and not empty' : ''}${message ? `: ${message}` : ''}`,
          value: value,
          fix: `set ${name} in the .env file next to the compose file, in the environment, or with --env-file`,
        });
      }
      return spend(place, value);
    case ':+':
      return value !== undefined && value !== '' ? nested() : '';
    default:
      return value !== undefined ? nested() : '';
  }
}

function valueOf(name: string, scope: VariableScope, place: StringPlace): string {
  const value = scope.lookup(name);
  if (value === undefined) {
    scope.unset(name, place.where(), place.key);
    return '';
  }
  return spend(place, value);
}

