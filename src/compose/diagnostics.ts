import { relative, isAbsolute } from 'path';
import { show } from '../core/errors';
import { redactSecretParts, redactValue } from '../core/secrets';

/** The construct type named in every compose error and warning. */
export const SOURCE = 'fromCompose';

/** Where something is in a compose file: the file as the user named it, and a line and column. */
export interface Where {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/** What is wrong, in the library's one error shape. */
export interface ComposeProblem {
  /** The key path in the compose file: `services.catalog.ports[0]`. */
  readonly key: string;
  /** What the key must be, or what happened to it. */
  readonly rule: string;
  /** The value received. */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * An error in the compose input. Its message is one line per problem, each
 * `[file:line:col] fromCompose: key rule (got value); fix`.
 */
export class ComposeError extends Error {
  public readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ComposeError';
    this.problems = problems;
  }
}

/** `docker-compose.yml:12:5`, or the file alone when the position is not known. */
export function formatWhere(where: Where): string {
  const file = displayPath(where.file);
  if (where.line === undefined) return file;
  return `${file}:${where.line}:${where.col ?? 1}`;
}

/**
 * One problem as a line of the library's error shape. The value is redacted where it looks
 * secret (all of it when the key's name does), and the line stays one line.
 */
export function problemLine(where: Where, p: ComposeProblem): string {
  // A problem that names a value, even an absent one ("got nothing"), shows it.
  const got = Object.prototype.hasOwnProperty.call(p, 'value') ? ` (got ${show(redactValue(lastName(p.key), p.value))})` : '';
  return oneLine(redactSecretParts(`[${formatWhere(where)}] ${SOURCE}: ${p.key} ${p.rule}${got}; ${p.fix}`));
}

/** An error for one problem. */
export function composeError(where: Where, p: ComposeProblem): ComposeError {
  return new ComposeError([problemLine(where, p)]);
}

/** A warning line: `[file:line:col] fromCompose: key text`, one line, with secret-looking parts redacted. */
export function warningLine(where: Where, key: string, text: string): string {
  return oneLine(redactSecretParts(`[${formatWhere(where)}] ${SOURCE}: ${key} ${text}`));
}

/**
 * The text on one line: line breaks (`\r`, `\n`, U+2028, U+2029) and other control characters
 * written as escapes, so a message cannot forge another line (of a log, of a terminal, of a
 * comment in generated code).
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, c => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const CONTROL_ESCAPES: { [c: string]: string } = { '\n': '\\n', '\r': '\\r' };

/** Keys of the compose specification whose values name secrets (`secrets: [db_password]`) rather than hold them. */
const NAMING_KEYS = new Set(['secrets', 'secret', 'configs']);

/**
 * The last name of a key path (`services.a.environment.DB_PASSWORD` -> `DB_PASSWORD`), to judge
 * whether its value is secret; '' for the keys that only name secrets.
 */
function lastName(key: string): string {
  const quoted = /\["((?:[^"\\]|\\.)*)"\]$/.exec(key);
  const last = quoted ? quoted[1] : key.split(/[.[\]]/).filter(s => s !== '' && !/^\d+$/.test(s)).pop() ?? key;
  return NAMING_KEYS.has(last) ? '' : last;
}

/** A path as the user would write it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file.split('\\').join('/');
  const rel = relative(process.cwd(), file);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split('\\').join('/');
  return file.split('\\').join('/');
}

/** `services.catalog.ports[0]` from path segments; keys that are not identifiers are quoted. */
export function keyPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The closest candidate to `word`, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** A list for a message: the first ten names, and how many more. */
export function someOf(names: string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

/** ` (did you mean "x"?)` or nothing. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  const best = didYouMean(word, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
