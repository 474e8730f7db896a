/**
 * The library's warnings and errors as the page lists them. Every message is one line in the
 * library's shape, `[where] Source: key text`, where `where` is `file:line:col` for the compose
 * files (`[docker-compose.yml:24:9] fromCompose: services.webapigw.volumes[0] ...`) or a construct
 * path for the stack's own (`[eshop/catalog-api] MicroserviceStack: ...`).
 */

/** One warning or error, split into the parts the page shows and links. */
export interface Message {
  readonly severity: 'warning' | 'error';
  /** The whole line, as the command line prints it after `warning: ` or `error: `. */
  readonly text: string;
  /** The file it is in, when it names one of the project's files. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  /** The construct path, for the stack's own messages. */
  readonly path?: string;
  /** Who says it: `fromCompose`, `MicroserviceStack`, ... */
  readonly source?: string;
  /** The compose key it is about (`services.webapigw.volumes[0]`). */
  readonly key?: string;
  /** The rest of the message. */
  readonly detail: string;
}

const SHAPE = /^\[([^\]]*)\] ([A-Za-z][\w.-]*): (.*)$/;
const POSITION = /^(.*?):(\d+)(?::(\d+))?$/;

/** Messages from the library's lines; `files` are the project's file names, to tell a file from a construct path. */
export function parseMessages(lines: string[], severity: Message['severity'], files: string[]): Message[] {
  return lines.map(l => l.trim()).filter(l => l !== '' && !/^Validation failed with the following errors:$/.test(l)).map(text => {
    const m = SHAPE.exec(text);
    if (!m) return { severity, text, detail: text };
    const [, where, source, rest] = m;
    const position = POSITION.exec(where);
    const place = position ? position[1] : where;
    const inFile = files.includes(place);
    const { key, detail } = source === 'fromCompose' ? splitKey(rest) : { key: undefined, detail: rest };
    return {
      severity,
      text,
      source,
      key,
      detail,
      ...inFile ? { file: place } : { path: where },
      ...inFile && position ? { line: Number(position[2]), col: position[3] ? Number(position[3]) : undefined } : {},
    };
  });
}

/** The lines of an error: one per problem (a ComposeError's, or cdk8s' validation list). */
export function errorLines(error: unknown): string[] {
  const problems = (error as { problems?: unknown }).problems;
  if (Array.isArray(problems)) return problems.map(String);
  return (error instanceof Error ? error.message : String(error)).split('\n');
}

/** The key path at the start of a fromCompose message (quoted keys may hold spaces), and the rest. */
function splitKey(rest: string): { key?: string; detail: string } {
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ' ' && !quoted) return i === 0 ? { detail: rest } : { key: rest.slice(0, i), detail: rest.slice(i + 1) };
  }
  return { key: rest, detail: '' };
}
