import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { findKnownImage, KnownImage, userByName } from './known-images';
import { parseDuration } from '../load/forms';
import { HealthTest, ModelHealthcheck } from '../model';

/** Reads a text file, or gives undefined when it cannot (outside the project, missing). */
export type ReadText = (path: string) => string | undefined;

/** A `USER` line, and the numbers it stands for when they are known. */
export interface DockerfileUser {
  readonly text: string;
  readonly uid?: number;
  readonly gid?: number;
  /** How the number was found: `numeric`, `base image`, `useradd`, `APP_UID`. */
  readonly how?: string;
  /** The line (1-based) of the USER instruction. */
  readonly line: number;
}

/** What the final stage of a Dockerfile (or `build.target`) says about the container it builds. */
export interface DockerfileFacts {
  readonly path: string;
  /** The stage read: `build.target`, else the last. */
  readonly stage?: string;
  /** The external image the stage is built on, ARG defaults and build args substituted. Its ports are in `base`. */
  readonly baseImage?: string;
  /** What the image table knows about that base image. */
  readonly base?: KnownImage;
  /** The last USER of the stage or the stages it builds on; undefined: the base image's user. */
  readonly user?: DockerfileUser;
  /** The EXPOSE lines of the stage and the stages it builds on. */
  readonly expose: Array<{ readonly port: number; readonly protocol: string }>;
  readonly healthcheck?: ModelHealthcheck;
  readonly workdir?: string;
  /** What could not be read (a target the file does not have, a variable without value). */
  readonly problems: string[];
}

/** Which stage to read, and the build args that override ARG defaults. */
export interface DockerfileOptions {
  readonly target?: string;
  readonly args?: { [name: string]: string };
}

interface Stage {
  readonly name?: string;
  readonly from: string;
  readonly instructions: Instruction[];
}

interface StageFacts {
  baseImage?: string;
  base?: KnownImage;
  user?: DockerfileUser;
  expose: Array<{ port: number; protocol: string }>;
  healthcheck?: ModelHealthcheck;
  workdir?: string;
  vars: Map<string, string>;
  users: Map<string, { uid: number; gid: number }>;
}

/**
 * Reads the Dockerfile at `path` through `readText` (the caller's boundary-checked reader) and
 * gives the facts of its final stage, or of `target`: USER (numeric; `app`, `$APP_UID` and
 * `${APP_UID}` on .NET 8+ images are 1654; names the base image defines; users the file creates
 * with useradd/adduser -u), EXPOSE, HEALTHCHECK, WORKDIR and the base image. Undefined when the
 * file cannot be read.
 */
export function readDockerfile(readText: ReadText, path: string, options: DockerfileOptions = {}): DockerfileFacts | undefined {
  const text = readText(path);
  if (text === undefined) return undefined;
  const doc = DockerfileParser.parse(text);
  const problems: string[] = [];
  const globals = new Map<string, string>();
  for (const a of doc.getInitialARGs()) {
    const p = a.getProperty();
    if (p) globals.set(p.getName(), options.args?.[p.getName()] ?? p.getValue() ?? '');
  }
  const stages = splitStages(doc.getInstructions(), globals);
  if (stages.length === 0) return { path, expose: [], problems: ['has no FROM instruction'] };
  let index = stages.length - 1;
  if (options.target !== undefined) {
    const found = stages.findIndex(s => s.name?.toLowerCase() === options.target!.toLowerCase());
    if (found < 0) problems.push(`has no stage named "${options.target}"; the last stage is read`);
    else index = found;
  }
  const facts = factsOf(stages, index, options.args ?? {}, problems, new Set());
  return {
    path,
    stage: stages[index].name,
    baseImage: facts.baseImage,
    base: facts.base,
    user: facts.user,
    expose: facts.expose,
    healthcheck: facts.healthcheck,
    workdir: facts.workdir,
    problems,
  };
}

function splitStages(instructions: Instruction[], globals: Map<string, string>): Stage[] {
  const stages: Stage[] = [];
  let current: { name?: string; from: string; instructions: Instruction[] } | undefined;
  for (const i of instructions) {
    if (i.getKeyword() === 'FROM') {
      const args = i.getArguments().map(a => a.getValue()).filter(a => !a.startsWith('--'));
      const as = args.findIndex(a => a.toLowerCase() === 'as');
      current = { from: substitute(args[0] ?? '', globals), name: as >= 0 ? args[as + 1] : undefined, instructions: [] };
      stages.push(current);
    } else if (current) {
      current.instructions.push(i);
    }
  }
  return stages;
}

/** `$X` and `${X}` (with `:-default`) replaced from `vars`; unknown variables become empty, as the builder does. */
function substitute(text: string, vars: Map<string, string>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced, def, bare) => {
    const name = braced ?? bare;
    const v = vars.get(name);
    return v !== undefined && v !== '' ? v : def ?? '';
  });
}

function factsOf(stages: Stage[], index: number, args: { [name: string]: string }, problems: string[], seen: Set<number>): StageFacts {
  const stage = stages[index];
  seen.add(index);
  const parent = stages.findIndex((s, i) => i < index && s.name !== undefined && s.name.toLowerCase() === stage.from.toLowerCase());
  const facts: StageFacts = parent >= 0 && !seen.has(parent)
    ? cloneFacts(factsOf(stages, parent, args, problems, seen))
    : baseFacts(stage.from);
  for (const i of stage.instructions) apply(facts, i, args, problems);
  return facts;
}

function cloneFacts(f: StageFacts): StageFacts {
  return { ...f, expose: [...f.expose], vars: new Map(f.vars), users: new Map(f.users) };
}

function baseFacts(image: string): StageFacts {
  const base = image === 'scratch' || image === '' ? undefined : findKnownImage(image);
  const vars = new Map<string, string>();
  // .NET 8+ images define APP_UID (the `app` user).
  const app = base?.userNames?.app;
  if (app) vars.set('APP_UID', String(app.uid));
  return { baseImage: image || undefined, base, expose: [], vars, users: new Map() };
}

function apply(f: StageFacts, i: Instruction, args: { [name: string]: string }, problems: string[]): void {
  const keyword = i.getKeyword();
  const line = i.getRange().start.line + 1;
  const values = i.getArguments().map(a => a.getValue());
  switch (keyword) {
    case 'ARG':
      for (const v of values) {
        const [name, def] = v.split(/=(.*)/s);
        f.vars.set(name, args[name] ?? (def !== undefined ? substitute(unquote(def), f.vars) : f.vars.get(name) ?? ''));
      }
      break;
    case 'ENV':
      for (const p of (i as any).getProperties?.() ?? []) f.vars.set(p.getName(), substitute(p.getValue() ?? '', f.vars));
      break;
    case 'USER':
      f.user = resolveUser(substitute(values.join(' '), f.vars), values.join(' '), line, f);
      break;
    case 'EXPOSE':
      for (const v of values) exposeOf(substitute(v, f.vars), f, problems, line);
      break;
    case 'WORKDIR': {
      const dir = substitute(values.join(' '), f.vars);
      f.workdir = dir.startsWith('/') || f.workdir === undefined ? dir : `${f.workdir.replace(/\/$/, '')}/${dir}`;
      break;
    }
    case 'HEALTHCHECK':
      f.healthcheck = healthcheckOf(i, problems, line);
      break;
    case 'RUN':
      createdUsers(values.join(' '), f.users);
      break;
    default:
  }
}

function unquote(v: string): string {
  return /^(["']).*\1$/s.test(v) ? v.slice(1, -1) : v;
}

function exposeOf(text: string, f: StageFacts, problems: string[], line: number): void {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text);
  if (!m) {
    problems.push(`line ${line}: EXPOSE ${text} is not a port`);
    return;
  }
  const end = m[2] === undefined ? Number(m[1]) : Number(m[2]);
  for (let p = Number(m[1]); p <= end && p - Number(m[1]) < 1000; p++) {
    const protocol = (m[3] ?? 'tcp').toLowerCase();
    if (!f.expose.some(e => e.port === p && e.protocol === protocol)) f.expose.push({ port: p, protocol });
  }
}

/** `useradd -u 1001 name`, `adduser -u 1001 name`, `adduser --uid 1001 ... name`, with `-g`/`-G` groups left as the uid. */
function createdUsers(command: string, users: Map<string, { uid: number; gid: number }>): void {
  for (const part of command.split(/&&|;|\|\|/)) {
    const words = part.trim().split(/\s+/);
    const tool = words.findIndex(w => w === 'useradd' || w === 'adduser');
    if (tool < 0) continue;
    let uid: number | undefined;
    let name: string | undefined;
    for (let k = tool + 1; k < words.length; k++) {
      const w = words[k];
      const inline = /^--uid=(\d+)$/.exec(w);
      if (inline) uid = Number(inline[1]);
      else if ((w === '-u' || w === '--uid') && /^\d+$/.test(words[k + 1] ?? '')) uid = Number(words[++k]);
      else if (/^-/.test(w) && ['-g', '-G', '--gid', '--ingroup', '-h', '--home', '-s', '--shell', '-c', '--gecos', '-d', '--home-dir'].includes(w)) k++;
      else if (!w.startsWith('-')) name = w;
    }
    if (uid !== undefined && name !== undefined) users.set(name, { uid, gid: uid });
  }
}

function resolveUser(text: string, written: string, line: number, f: StageFacts): DockerfileUser {
  const [u, g] = text.split(':');
  const number = (name: string | undefined, kind: 'uid' | 'gid'): { n?: number; how?: string } => {
    if (name === undefined || name === '') return {};
    if (/^\d+$/.test(name)) return { n: Number(name), how: 'numeric' };
    const created = f.users.get(name);
    if (created) return { n: created[kind], how: 'useradd' };
    const known = userByName(f.base, name);
    if (known) return { n: known[kind], how: 'base image' };
    return {};
  };
  const user = number(u, 'uid');
  const group = g === undefined ? (user.n !== undefined ? number(u, 'gid') : {}) : number(g, 'gid');
  const how = /APP_UID/.test(written) && user.n !== undefined ? 'APP_UID' : user.how;
  return { text: written, uid: user.n, gid: group.n ?? (g === undefined ? user.n : undefined), how, line };
}

function healthcheckOf(i: Instruction, problems: string[], line: number): ModelHealthcheck | undefined {
  const flags = new Map<string, string>(((i as any).getFlags?.() ?? []).map((fl: any) => [fl.getName(), fl.getValue() ?? '']));
  const raw = (i.getRawArgumentsContent() ?? '').replace(/^(\s*--[a-z-]+=\S+)*\s*/i, '');
  const [keyword, ...rest] = raw.split(/\s+(.*)/s);
  let test: HealthTest;
  if (keyword.toUpperCase() === 'NONE') {
    test = { form: 'NONE', argv: [] };
  } else if (rest[0]?.trim().startsWith('[')) {
    try {
      test = { form: 'CMD', argv: (JSON.parse(rest[0]) as unknown[]).map(String) };
    } catch {
      test = { form: 'CMD-SHELL', argv: [rest[0].trim()] };
    }
  } else {
    test = { form: 'CMD-SHELL', argv: [(rest[0] ?? '').trim()] };
  }
  const seconds = (name: string): number | undefined => {
    const v = flags.get(name);
    if (v === undefined) return undefined;
    const s = parseDuration(v);
    if (typeof s === 'string') {
      problems.push(`line ${line}: HEALTHCHECK --${name}=${v} ${s}`);
      return undefined;
    }
    return s;
  };
  const retries = flags.has('retries') ? Number(flags.get('retries')) : undefined;
  return {
    test,
    intervalSeconds: seconds('interval'),
    timeoutSeconds: seconds('timeout'),
    retries: retries !== undefined && Number.isFinite(retries) ? retries : undefined,
    startPeriodSeconds: seconds('start-period'),
    startIntervalSeconds: seconds('start-interval'),
    disabled: test.form === 'NONE',
    otherKeys: [],
  };
}
