import { composeError, keyPath, Where } from '../diagnostics';

/** Variables of a conversion, and what to do when one is missing. */
export interface VariableScope {
  /** The value of a variable, or undefined when it is not set. */
  lookup(name: string): string | undefined;
  /** Called once per use of an unset variable without a default. */
  unset(name: string, where: Where, key: string): void;
}

type Locate = (segments: ReadonlyArray<string | number>) => Where;

/**
 * Interpolates every string value of a compose document (`${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$VAR`, `$$`),
 * as compose does: values only, never keys. Returns the new tree and the key paths whose values
 * contained a variable (they may need a type cast: every interpolated value is a string).
 */
export function interpolateTree(tree: any, scope: VariableScope, locate: Locate): { value: any; interpolated: Array<Array<string | number>> } {
  const interpolated: Array<Array<string | number>> = [];
  const walk = (value: any, path: Array<string | number>): any => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const result = interpolateString(value, scope, () => locate(path), keyPath(path));
      if (result !== value || /\$\{|\$[A-Za-z_]/.test(value)) interpolated.push(path);
      return result;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === 'object') {
      const out: { [key: string]: any } = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return value;
  };
  return { value: walk(tree, []), interpolated };
}

/** Interpolates one string. `key` names it in messages. */
export function interpolateString(text: string, scope: VariableScope, where: () => Where, key: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        throw composeError(where(), { key, rule: 'has a "${" without its closing "}"', value: text, fix: 'close the variable with "}", or write "$$" for a literal "$"' });
      }
      out += braced(text.slice(i + 2, end), text, scope, where, key);
      i = end + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))![0];
      out += valueOf(name, scope, where, key);
      i += 1 + name.length;
    } else {
      // A lone "$" (before a space, a digit, the end) is kept, as compose keeps it.
      out += '$';
      i++;
    }
  }
  return out;
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

function braced(body: string, text: string, scope: VariableScope, where: () => Where, key: string): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) {
    throw composeError(where(), {
      key,
      rule: `has an invalid variable "\${${body}}"`,
      value: text,
      fix: 'write ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message} or ${VAR:+alternative}',
    });
  }
  const [, name, op, arg = ''] = m;
  const value = scope.lookup(name);
  const nested = () => interpolateString(arg, scope, where, key);
  switch (op) {
    case undefined:
      return valueOf(name, scope, where, key);
    case ':-':
      return value === undefined || value === '' ? nested() : value;
    case '-':
      return value === undefined ? nested() : value;
    case ':?':
    case '?':
      if (value === undefined || (op === ':?' && value === '')) {
        const message = nested();
        throw composeError(where(), {
          key,
          rule: `requires the variable ${name}${op === ':?' ? ', set and not empty' : ''}${message ? `: ${message}` : ''}`,
          value: value,
          fix: `set ${name} in the .env file next to the compose file, in the environment, or with --env-file`,
        });
      }
      return value;
    case ':+':
      return value !== undefined && value !== '' ? nested() : '';
    default:
      return value !== undefined ? nested() : '';
  }
}

function valueOf(name: string, scope: VariableScope, where: () => Where, key: string): string {
  const value = scope.lookup(name);
  if (value === undefined) {
    scope.unset(name, where(), key);
    return '';
  }
  return value;
}

/**
 * Parses a `.env` or `env_file` file: `KEY=value`, `export KEY=value`, `# comments`, single
 * quotes (literal), double quotes (escapes, may span lines), unquoted values (trimmed, ` #`
 * starts a comment). Double-quoted and unquoted values are interpolated with the variables
 * defined above them and `outer`.
 */
export function parseDotEnv(text: string, file: string, outer: (name: string) => string | undefined): Map<string, string> {
  const vars = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  const scope: VariableScope = {
    lookup: name => vars.get(name) ?? outer(name),
    unset: () => undefined,
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.:-]*)\s*(=?)\s*([\s\S]*)$/.exec(line);
    if (!m || (m[2] === '' && m[3] !== '')) {
      throw composeError({ file, line: i + 1, col: 1 }, { key: 'line', rule: 'must be KEY=value', value: lines[i], fix: 'write one variable per line as NAME=value; start comments with #' });
    }
    const [, name, equals, rest] = m;
    if (equals === '') {
      // A bare NAME takes its value from the environment, when it has one.
      const inherited = outer(name);
      if (inherited !== undefined) vars.set(name, inherited);
      continue;
    }
    const lineNo = i + 1;
    const where = () => ({ file, line: lineNo, col: 1 });
    let value: string;
    if (rest.startsWith('\'')) {
      const end = rest.indexOf('\'', 1);
      if (end < 0) throw composeError(where(), { key: name, rule: 'has a single quote without its closing quote', value: rest, fix: 'close the quote on the same line' });
      value = rest.slice(1, end);
    } else if (rest.startsWith('"')) {
      let body = rest.slice(1);
      let end = closingQuote(body);
      while (end < 0 && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i]}`;
        end = closingQuote(body);
      }
      if (end < 0) throw composeError(where(), { key: name, rule: 'has a double quote without its closing quote', value: rest, fix: 'close the quote' });
      const unescaped = body.slice(0, end).replace(/\\([\\"nrt$])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' } as any)[ch] ?? (ch === '$' ? '$$' : ch));
      value = interpolateString(unescaped, scope, where, name);
    } else {
      value = interpolateString(rest.replace(/\s+#.*$/, '').trim(), scope, where, name);
    }
    vars.set(name, value);
  }
  return vars;
}

function closingQuote(body: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '"') return i;
  }
  return -1;
}
