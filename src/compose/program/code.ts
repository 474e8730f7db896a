/**
 * The one place where input text becomes TypeScript source, one function per position: a string
 * literal, a number, a comment line, a doc comment, an identifier, a property key, a member
 * access. Whatever the text holds (quotes, backslashes, line breaks, `*\/`, `${`, backticks,
 * U+2028), it comes out as data: it can end no literal and no comment, and it never names code.
 */

/** Characters that end a line in JavaScript: each would end a `//` comment. */
const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/;

/**
 * A single-quoted TypeScript string literal of `text`. The escaping is JSON.stringify's (every
 * control character, quote and backslash escaped), with the quotes swapped and U+2028/U+2029
 * escaped too, so no tool that predates ES2019 reads them as line breaks.
 */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(String(text));
  // Token by token, so an escaped backslash is never read as the start of another escape.
  const body = json.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|[\s\S])|'|[\u2028\u2029\u007f]/g, (m: string, esc: string | undefined) => {
    if (esc === undefined) return m === '\'' ? '\\\'' : unicodeEscape(m);
    if (esc === '"') return '"';
    if (esc === 'b') return '\\u0008';
    if (esc === 'f') return '\\u000c';
    return m;
  });
  return `'${body}'`;
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A literal of a plain value: a string, a finite number, a boolean, null or undefined. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'boolean' || value === null || value === undefined) return String(value);
  throw new Error(`cannot write a ${typeof value} as a literal`);
}

/** The text of a comment: `*\/` neutralised (it would end a block comment), control characters shown as escapes. */
function commentText(text: string): string {
  return String(text)
    .replace(/\*\//g, '*\\/')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, unicodeEscape);
}

/**
 * `//` comment lines for `text`, at `indent`: one per line of the text (a line break can only
 * start a new comment line, never end the comment), each wrapped at `width` with continuation
 * lines indented by two spaces.
 */
export function commentLines(text: string, indent = '', width = Infinity): string[] {
  const out: string[] = [];
  for (const line of String(text).split(LINE_TERMINATORS)) {
    let current = '';
    for (const word of commentText(line).split(' ')) {
      if (current !== '' && indent.length + 3 + current.length + 1 + word.length > width) {
        out.push(`${indent}// ${current}`);
        current = `  ${word}`;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    out.push(current === '' ? `${indent}//` : `${indent}// ${current}`);
  }
  return out;
}

/** A one-line doc comment: `/** text *\/`, with line breaks turned into spaces and `*\/` neutralised. */
export function docComment(text: string): string {
  return `/** ${commentText(String(text).split(LINE_TERMINATORS).join(' '))} */`;
}

/** Words that cannot name a variable of the generated module, or that it uses itself. */
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for '
  + 'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static '
  + 'implements interface package private protected public await async arguments eval undefined NaN Infinity globalThis '
  + 'app build require module exports __dirname __filename process console').split(' '));

/** Whether `name` is a plain ASCII identifier. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/**
 * A valid, unused variable name made from any text: letters and digits kept (camelCase across
 * the rest), a leading digit dropped, a reserved word suffixed, a taken name numbered. Adds the
 * name to `taken`.
 */
export function identifier(preferred: string, taken: Set<string>, reserved: ReadonlySet<string> = new Set()): string {
  let base = String(preferred).replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch && /[A-Za-z0-9]/.test(ch) ? ch.toUpperCase() : '')).replace(/^[^A-Za-z_]+/, '');
  if (base === '') base = 'x';
  base = (base[0].toLowerCase() + base.slice(1)).slice(0, 60);
  let name = RESERVED.has(base) || reserved.has(base) ? `${base}Svc` : base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** A name the generator chose (a variable, an import): refused unless it is a plain identifier. */
export function codeName(text: string): string {
  if (!isIdentifier(text)) throw new Error(`${JSON.stringify(text)} is not an identifier the generated code may use`);
  return text;
}

/** A property key of an object literal: bare when it is an identifier, else a string literal. */
export function propertyKey(key: string): string {
  // `__proto__: x` in a literal sets the prototype instead of a property; a computed key does not.
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return isIdentifier(key) ? key : stringLiteral(key);
}

/** `.name`, or `['name']` / `[0]` when it is no identifier. */
export function memberAccess(member: string | number): string {
  if (typeof member === 'number') {
    if (!Number.isSafeInteger(member) || member < 0) throw new Error(`cannot index with ${member}`);
    return `[${member}]`;
  }
  return isIdentifier(member) ? `.${member}` : `[${stringLiteral(member)}]`;
}
