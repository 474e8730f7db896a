import { Budget, interpolateString, StringPlace, VariableScope } from './interpolate';
import { DEFAULT_LIMITS, expansionBudget, InputLimits } from './limits';
import { composeError } from '../diagnostics';

/** The value of a variable defined outside the file, if any. */
type Lookup = (name: string) => string | undefined;

/** One variable of a `.env` or `env_file` file, and the line it is on. */
export interface DotEnvVariable {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/**
 * Parses a `.env` or `env_file` file: `KEY=value`, `export KEY=value`, `# comments`, single
 * quotes (literal), double quotes (escapes, may span lines), unquoted values (trimmed, ` #`
 * starts a comment). Double-quoted and unquoted values are interpolated with the variables
 * defined above them and `outer`. Errors name the file, the line and the variable, never the
 * text of the line: such files hold passwords.
 */
export function readDotEnv(text: string, file: string, outer: Lookup, limits: InputLimits = DEFAULT_LIMITS): DotEnvVariable[] {
  const vars = new Map<string, DotEnvVariable>();
  // Variables built from variables (B=${A}${A}, C=${B}${B}, ...) double at each line: bounded.
  const total = expansionBudget(limits, text.length);
  const budget: Budget = { left: total, total };
  const lines = text.split(/\r?\n/);
  const scope: VariableScope = { lookup: name => vars.get(name)?.value ?? outer(name), unset: () => undefined };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.:-]*)\s*(=?)\s*([\s\S]*)$/.exec(line);
    if (!m || (m[2] === '' && m[3] !== '')) {
      throw composeError({ file, line: i + 1, col: 1 }, { key: 'line', rule: 'must be KEY=value', fix: 'write one variable per line as NAME=value; start comments with #' });
    }
    const [, name, equals, rest] = m;
    const lineNo = i + 1;
    if (equals === '') {
      // A bare NAME takes its value from the environment, when it has one.
      const inherited = outer(name);
      if (inherited !== undefined) setVariable(vars, { name, value: inherited, line: lineNo });
      continue;
    }
    const place: StringPlace = { where: () => ({ file, line: lineNo, col: 1 }), key: name, hidden: true, budget };
    const { value, lastLine } = readValue(rest, lines, i, place, scope);
    i = lastLine;
    setVariable(vars, { name, value, line: lineNo });
  }
  return [...vars.values()];
}

/** {@link readDotEnv} as a map from name to value. */
export function parseDotEnv(text: string, file: string, outer: Lookup): Map<string, string> {
  return new Map(readDotEnv(text, file, outer).map(v => [v.name, v.value]));
}

/** A later definition wins, in the place of the earlier one (as compose reads it). */
function setVariable(vars: Map<string, DotEnvVariable>, v: DotEnvVariable): void {
  vars.set(v.name, v);
}

/** The value after `=`, which may go on over the next lines inside double quotes. */
function readValue(rest: string, lines: string[], first: number, place: StringPlace, scope: VariableScope): { value: string; lastLine: number } {
  if (rest.startsWith('\'')) {
    const end = rest.indexOf('\'', 1);
    if (end < 0) throw composeError(place.where(), { key: place.key, rule: 'has a single quote without its closing quote', fix: 'close the quote on the same line' });
    return { value: rest.slice(1, end), lastLine: first };
  }
  if (rest.startsWith('"')) {
    const parts = [rest.slice(1)];
    let i = first;
    let end = closingQuote(parts[0]);
    // Continued lines are searched one at a time: a missing quote costs one pass over the file.
    while (end < 0 && i + 1 < lines.length) {
      i++;
      parts.push(lines[i]);
      const at = closingQuote(lines[i]);
      if (at >= 0) end = parts.slice(0, -1).reduce((n, p) => n + p.length + 1, 0) + at;
    }
    if (end < 0) throw composeError(place.where(), { key: place.key, rule: 'has a double quote without its closing quote', fix: 'close the quote' });
    const body = parts.join('\n');
    const unescaped = body.slice(0, end).replace(/\\([\\"nrt$])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' } as any)[ch] ?? (ch === '$' ? '$$' : ch));
    return { value: interpolateString(unescaped, scope, place), lastLine: i };
  }
  // " #" starts a comment (found without a backtracking pattern: values can be megabytes long).
  const comment = /\s#/.exec(rest);
  const bare = (comment ? rest.slice(0, comment.index) : rest).trim();
  return { value: interpolateString(bare, scope, place), lastLine: first };
}

/** The index of the first unescaped double quote. */
function closingQuote(body: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '"') return i;
  }
  return -1;
}
