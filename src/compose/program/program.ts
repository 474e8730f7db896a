import { relative } from 'path';
import { codeName, commentLines, docComment, identifier, literal, memberAccess, propertyKey, stringLiteral } from './code';
import { ComposeError, composeError, Where } from '../diagnostics';
import { IComposeFileSystem } from '../load/file-system';
import { NodeFileSystem } from '../load/node-file-system';

/**
 * A small program of construct calls, built once from a compose project and then either run
 * (`fromCompose`, `convert`) or printed as TypeScript (`init`). Both come from the same
 * statements, so the generated app builds exactly what the conversion builds.
 */
export class Expr {
  /** An imported name: `HealthProbe`, `kplus`. */
  public static sym(name: string): Expr {
    return new Expr('sym', name);
  }

  /** A local variable. */
  public static v(name: string): Expr {
    return new Expr('var', name);
  }

  /** The text of a file, read when the program runs. */
  public static file(path: string): Expr {
    return new Expr('file', path);
  }

  /**
   * The path of a project file: where it is when the program runs (`realPath`), and, in the
   * printed program, where the app keeps its copy (`appPath`, relative to the app's folder, read
   * from `__dirname` so it does not matter where the app runs from).
   */
  public static path(realPath: string, appPath: string): Expr {
    return new Expr('path', realPath, [Expr.of(appPath)]);
  }

  /** A value the program passes through as is; `code` is how to write it, when it can be written. */
  public static opaque(value: unknown, code?: Expr): Expr {
    return new Expr('opaque', value, code ? [code] : []);
  }

  /** Any plain value (strings, numbers, booleans, arrays, objects, nested Exprs). Undefined object members are left out. */
  public static of(value: unknown): Expr {
    if (value instanceof Expr) return value;
    if (Array.isArray(value)) return new Expr('arr', undefined, value.map(v => Expr.of(v)));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      return new Expr('obj', entries.map(([k]) => k), entries.map(([, v]) => Expr.of(v)));
    }
    return new Expr('lit', value);
  }

  private constructor(
    public readonly kind: 'sym' | 'var' | 'lit' | 'arr' | 'obj' | 'get' | 'call' | 'new' | 'file' | 'path' | 'opaque',
    public readonly value: any,
    public readonly children: Expr[] = [],
  ) {}

  /** `this.name`, or `this[index]`. */
  public get(name: string | number): Expr {
    return new Expr('get', name, [this]);
  }

  /** `this(...args)`. */
  public call(...args: unknown[]): Expr {
    return new Expr('call', undefined, [this, ...args.map(a => Expr.of(a))]);
  }

  /** `this.name(...args)`. */
  public method(name: string, ...args: unknown[]): Expr {
    return this.get(name).call(...args);
  }

  /** `new this(...args)`. */
  public construct(...args: unknown[]): Expr {
    return new Expr('new', undefined, [this, ...args.map(a => Expr.of(a))]);
  }
}

/** Where in the compose files a statement comes from: its errors name it. */
export interface Origin {
  readonly where: Where;
  /** `services.web`. */
  readonly key: string;
}

interface Statement {
  readonly name?: string;
  readonly expr?: Expr;
  /** Runs only when the program runs; prints nothing. */
  readonly hook?: (vars: { [name: string]: any }) => void;
  readonly comments: string[];
  readonly origin?: Origin;
}

/** Where each imported name comes from; `*` is a namespace import. */
const MODULES: { [name: string]: [string, boolean] } = {
  App: ['cdk8s', false],
  ApiObject: ['cdk8s', false],
  Duration: ['cdk8s', false],
  JsonPatch: ['cdk8s', false],
  Size: ['cdk8s', false],
  kplus: ['cdk8s-plus-28', true],
  HealthChecks: ['k8s-course-constructs', false],
  HealthProbe: ['k8s-course-constructs', false],
  ImagePolicy: ['k8s-course-constructs', false],
  MicroserviceStack: ['k8s-course-constructs', false],
  NetworkPolicyMode: ['k8s-course-constructs', false],
  Platform: ['k8s-course-constructs', false],
  PodSecurityLevel: ['k8s-course-constructs', false],
  SecretValue: ['k8s-course-constructs', false],
  ServiceExposure: ['k8s-course-constructs', false],
  ServiceMount: ['k8s-course-constructs', false],
  readFileSync: ['fs', false],
  join: ['path', false],
};

/** Values by name: the imported symbols, the variables of a running program. */
type Names = { [name: string]: any };

/** Names the generated module imports: no variable may take them. */
const IMPORTED = new Set(Object.keys(MODULES));

/** The statements of a program, in order. */
export class Program {
  private readonly statements: Statement[] = [];
  private readonly names = new Set<string>();
  private pending: string[] = [];
  private origin?: Origin;

  /** The place in the compose files the next statements come from, until another is given. */
  public from(origin: Origin | undefined): void {
    this.origin = origin;
  }

  /** A comment line before the next statement. */
  public comment(text: string): void {
    this.pending.push(text);
  }

  /** `expr;` */
  public add(expr: Expr): void {
    this.statements.push({ expr, comments: this.take(), origin: this.origin });
  }

  /** Something to do when the program runs, with no code of its own (the code says it in comments). */
  public hook(fn: (vars: { [name: string]: any }) => void): void {
    this.statements.push({ hook: fn, comments: [] });
  }

  /** `const <name> = expr;` with a name made unique and valid; returns the variable. */
  public declare(preferred: string, expr: Expr): Expr {
    return this.define(this.reserve(preferred), expr);
  }

  /** A unique, valid variable name, to be defined later with {@link define}. */
  public reserve(preferred: string): Expr {
    return Expr.v(this.uniqueName(preferred));
  }

  /** `const <variable> = expr;` for a reserved variable. */
  public define(variable: Expr, expr: Expr): Expr {
    this.statements.push({ name: variable.value, expr, comments: this.take(), origin: this.origin });
    return variable;
  }

  /**
   * Runs the statements. `symbols` are the imported names, `locals` the variables defined
   * outside; files (`Expr.file`) are read through `files`.
   */
  public run(symbols: Names, locals: Names, files: IComposeFileSystem = new NodeFileSystem()): Names {
    const vars = { ...locals };
    for (const s of this.statements) {
      if (s.hook) {
        s.hook(vars);
        continue;
      }
      const value = evaluateAt(s, { symbols, vars, files });
      if (s.name) vars[s.name] = value;
    }
    return vars;
  }

  /**
   * The statements as the body of a TypeScript module. `outDir` is where the module will live
   * (file reads are written relative to it).
   */
  public toTypeScript(options: { header: string[]; outDir: string; build: { scope: string; returns: string; doc: string } }): string {
    const used = new Set<string>();
    const refs = new Map<string, number>();
    const collect = (e: Expr) => {
      if (e.kind === 'sym') used.add(e.value);
      if (e.kind === 'var') refs.set(e.value, (refs.get(e.value) ?? 0) + 1);
      if (e.kind === 'file') {
        used.add('readFileSync');
        used.add('join');
      }
      if (e.kind === 'path') {
        used.add('join');
        return;
      }
      if (e.kind === 'opaque') {
        if (e.children.length === 0) throw new Error(`cannot write ${JSON.stringify(e.value)} as code`);
        e.children.forEach(collect);
        return;
      }
      e.children.forEach(collect);
    };
    const statements = this.statements.filter(s => s.expr !== undefined);
    statements.forEach(s => collect(s.expr!));
    used.add('App');
    used.add('MicroserviceStack');

    const printer = new Printer(options.outDir);
    const body: string[] = [];
    for (const [i, s] of statements.entries()) {
      if (i > 0 && s.comments.length > 0) body.push('');
      for (const c of s.comments) for (const line of commentLines(c, '  ', WIDTH)) body.push(line);
      const keepName = s.name !== undefined && ((refs.get(s.name) ?? 0) > 0 || s.name === options.build.returns);
      const lead = keepName ? `const ${codeName(s.name!)} = ` : '';
      body.push(`  ${lead}${printer.print(s.expr!, 2, lead.length)};`);
    }

    const lines: string[] = [];
    for (const h of options.header) for (const line of commentLines(h)) lines.push(line);
    for (const line of importLines(used)) lines.push(line);
    lines.push('', docComment(options.build.doc));
    lines.push(`export function build(${codeName(options.build.scope)}: App): MicroserviceStack {`);
    // A loop, not push(...body): thousands of services make more lines than a call takes arguments.
    for (const line of body) lines.push(line);
    lines.push(`  return ${codeName(options.build.returns)};`, '}', '');
    lines.push('if (require.main === module) {', '  const app = new App();', '  build(app);', '  app.synth();', '}', '');
    return lines.join('\n');
  }

  private take(): string[] {
    const c = this.pending;
    this.pending = [];
    return c;
  }

  private uniqueName(preferred: string): string {
    return identifier(preferred, this.names, IMPORTED);
  }
}

function importLines(used: Set<string>): string[] {
  const byModule = new Map<string, string[]>();
  for (const name of used) {
    const entry = MODULES[name];
    if (!entry) throw new Error(`no module known for ${name}`);
    byModule.set(entry[0], [...byModule.get(entry[0]) ?? [], name]);
  }
  // Node built-ins first, then packages, each alphabetically (eslint import/order).
  const order = (m: string) => `${['fs', 'path'].includes(m) ? 0 : 1}${m}`;
  return [...byModule.keys()].sort((a, b) => order(a).localeCompare(order(b))).map(m => {
    const names = byModule.get(m)!.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    return MODULES[names[0]][1] ? `import * as ${names[0]} from '${m}';` : `import { ${names.join(', ')} } from '${m}';`;
  });
}

/** What a running program sees: the imported names, its variables, and where files are read. */
interface Scope {
  readonly symbols: { [name: string]: any };
  readonly vars: { [name: string]: any };
  readonly files: IComposeFileSystem;
}

/**
 * Runs one statement. Anything it throws but a compose error names the compose file, line and
 * key the statement comes from, so an internal error is never a bare stack trace.
 */
function evaluateAt(s: Statement, scope: Scope): any {
  try {
    return evaluate(s.expr!, scope);
  } catch (e) {
    if (e instanceof ComposeError || !s.origin) throw e;
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw composeError(s.origin.where, {
      key: s.origin.key,
      rule: `could not be converted: ${message}`,
      fix: 'report it with this message; meanwhile, change or remove the keys of this service one by one to find the one at fault',
    });
  }
}

function evaluate(e: Expr, scope: Scope): any {
  const ev = (x: Expr) => evaluate(x, scope);
  switch (e.kind) {
    case 'sym':
      if (!(e.value in scope.symbols)) throw new Error(`unknown symbol ${e.value}`);
      return scope.symbols[e.value];
    case 'var':
      if (!(e.value in scope.vars)) throw new Error(`unknown variable ${e.value}`);
      return scope.vars[e.value];
    case 'lit':
    case 'opaque':
      return e.value;
    case 'file':
      return scope.files.readText(e.value);
    case 'path':
      return e.value;
    case 'arr':
      return e.children.map(ev);
    case 'obj':
      return Object.fromEntries((e.value as string[]).map((k, i) => [k, ev(e.children[i])]));
    case 'get':
      return ev(e.children[0])[e.value];
    case 'new': {
      const [ctor, ...args] = e.children;
      const C = ev(ctor);
      return new C(...args.map(ev));
    }
    case 'call': {
      const [callee, ...args] = e.children;
      if (callee.kind === 'get') {
        const target = ev(callee.children[0]);
        return target[callee.value](...args.map(ev));
      }
      return ev(callee)(...args.map(ev));
    }
  }
}

const WIDTH = 110;

class Printer {
  constructor(private readonly outDir: string) {}

  /** `e` at an indent, on one line when it fits after `lead` characters, else broken up. */
  public print(e: Expr, indent: number, lead = 0): string {
    const flat = this.flat(e);
    if (indent + lead + flat.length <= WIDTH - 1 && !flat.includes('\n')) return flat;
    return this.broken(e, indent, lead);
  }

  private broken(e: Expr, indent: number, lead: number): string {
    const pad = ' '.repeat(indent + 2);
    const close = ' '.repeat(indent);
    switch (e.kind) {
      case 'obj':
        if (e.children.length === 0) return '{}';
        return `{\n${(e.value as string[]).map((k, i) => `${pad}${propertyKey(k)}: ${this.print(e.children[i], indent + 2, propertyKey(k).length + 2)},`).join('\n')}\n${close}}`;
      case 'arr':
        if (e.children.length === 0) return '[]';
        return `[\n${e.children.map(c => `${pad}${this.print(c, indent + 2)},`).join('\n')}\n${close}]`;
      case 'call':
      case 'new': {
        const [callee, ...args] = e.children;
        const head = `${e.kind === 'new' ? 'new ' : ''}${this.flat(callee)}(`;
        const last = args[args.length - 1];
        const firsts = args.slice(0, -1).map(a => this.flat(a));
        // Hug a trailing object or array: f('a', {\n  ...\n})
        if (last && (last.kind === 'obj' || last.kind === 'arr')) {
          const prefix = `${head}${firsts.map(f => `${f}, `).join('')}`;
          if (indent + lead + prefix.length < WIDTH - 10) return `${prefix}${this.broken(last, indent, lead + prefix.length)})`;
        }
        return `${head}\n${args.map(a => `${pad}${this.print(a, indent + 2)},`).join('\n')}\n${close})`;
      }
      case 'get':
        return `${this.print(e.children[0], indent, lead)}${memberAccess(e.value)}`;
      default:
        return this.flat(e);
    }
  }

  private flat(e: Expr): string {
    switch (e.kind) {
      case 'sym':
      case 'var':
        return codeName(e.value);
      case 'lit':
        return literal(e.value);
      case 'opaque':
        return this.flat(e.children[0]);
      case 'file':
        return `readFileSync(join(__dirname, ${stringLiteral(relative(this.outDir, e.value).split('\\').join('/'))}), 'utf-8')`;
      case 'path':
        return `join(__dirname, ${this.flat(e.children[0])})`;
      case 'arr':
        return `[${e.children.map(c => this.flat(c)).join(', ')}]`;
      case 'obj':
        if (e.children.length === 0) return '{}';
        return `{ ${(e.value as string[]).map((k, i) => `${propertyKey(k)}: ${this.flat(e.children[i])}`).join(', ')} }`;
      case 'get':
        return `${this.flat(e.children[0])}${memberAccess(e.value)}`;
      case 'call':
        return `${this.flat(e.children[0])}(${e.children.slice(1).map(c => this.flat(c)).join(', ')})`;
      case 'new':
        return `new ${this.flat(e.children[0])}(${e.children.slice(1).map(c => this.flat(c)).join(', ')})`;
    }
  }
}
