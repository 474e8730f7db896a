/**
 * The docs' TypeScript snippets as programs: each ```ts block becomes a module that imports the
 * library (`k8s-course-constructs`, mapped to src/), and all of them are type-checked together in one TypeScript program.
 *
 * The convention a snippet is read by (the docs say it once, where they first show a fragment):
 * - a snippet with its own `import` lines is a whole program, and gets nothing;
 * - any other snippet is a fragment, and gets a prelude: every name the library exports, cdk8s's
 *   `App`, `Chart`, `Duration` and `Size`, cdk8s-plus as `kplus`, and `join` from `path`;
 * - a fragment that uses `app` (an App), `chart` (a Chart), or `stack` or `shop` (a
 *   MicroserviceStack) without declaring it gets that declared, the names the docs give those
 *   everywhere. Anything else a snippet uses, it declares.
 */
import { join } from 'path';
import * as ts from 'typescript';
import { Fence, ROOT } from './markdown';

/** A snippet as the compiler sees it. */
export interface Snippet {
  readonly fence: Fence;
  /** The virtual file of the snippet. */
  readonly fileName: string;
  /** The lines added before the snippet's first line. */
  readonly preludeLines: number;
  readonly source: string;
}

/** What the compiler says about the snippets. */
export interface SnippetErrors {
  /** Each snippet's errors, by its file name, as `README.md:42: <message>`. */
  readonly bySnippet: Map<string, string[]>;
  /** Errors that belong to no snippet (options, the library, its dependencies): none is expected. */
  readonly elsewhere: string[];
}

const INDEX = join(ROOT, 'src', 'index.ts');
const GIVEN: Array<[string, string]> = [['app', 'App'], ['chart', 'Chart'], ['stack', 'MicroserviceStack'], ['shop', 'MicroserviceStack']];

/** The snippet of a fence, with its prelude. */
export function snippetOf(fence: Fence, exported: string[]): Snippet {
  const body = fence.text;
  const ownImports = /^import\s/m.test(body);
  const prelude = ownImports ? [] : [
    'import { App, Chart, Duration, Size } from \'cdk8s\';',
    'import * as kplus from \'cdk8s-plus-28\';',
    'import { join } from \'path\';',
    `import { ${exported.join(', ')} } from 'k8s-course-constructs';`,
  ];
  for (const [name, type] of GIVEN) {
    if (ownImports) break;
    const declared = new RegExp(`\\b(const|let|var|function|class)\\s+${name}\\b`).test(body);
    const used = new RegExp(`(?<![.\\w$'"\`])${name}(?![\\w$'"\`:])`).test(body);
    if (used && !declared) prelude.push(`declare const ${name}: ${type};`);
  }
  // `export {}` keeps every snippet a module of its own, whatever it imports.
  prelude.push('export {};');
  const fileName = join(ROOT, 'test', 'docs', '__snippets__', `${fence.file.replace(/[/.]/g, '-')}-${fence.line}.ts`);
  return { fence, fileName, preludeLines: prelude.length, source: `${prelude.join('\n')}\n${body}\n` };
}

/**
 * The options of test/tsconfig.json, without the rules on unused names a fragment may break, and
 * without jest's globals (a snippet is a user's program, not a test).
 */
export function compilerOptions(): ts.CompilerOptions {
  const file = join(ROOT, 'test', 'tsconfig.json');
  const config = ts.readConfigFile(file, ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, join(ROOT, 'test'));
  return {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    isolatedModules: false,
    types: ['node'],
    // The package's name is its source, as a user's program imports it.
    paths: { 'k8s-course-constructs': [INDEX] },
  };
}

/**
 * A compiler host that parses each file once, so the program that lists the library's exports and
 * the program of the snippets share the library's source files (parsing is most of the cost).
 */
function sharedHost(options: ts.CompilerOptions, virtual: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = f => virtual.has(f) || fileExists.call(host, f);
  host.readFile = f => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = virtual.get(f);
    if (text !== undefined) return ts.createSourceFile(f, text, language, true);
    let file = PARSED.get(f);
    if (!file) {
      file = getSourceFile.call(host, f, language, ...rest);
      if (file) PARSED.set(f, file);
    }
    return file;
  };
  return host;
}
const PARSED = new Map<string, ts.SourceFile>();

/** The names the library exports (values and types), as `src/index.ts` declares them. */
export function libraryExports(): string[] {
  const options = compilerOptions();
  const program = ts.createProgram([INDEX], options, sharedHost(options, new Map()));
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  return checker.getExportsOfModule(module).map(s => s.getName()).sort();
}

/** The errors of the snippets, type-checked together in one program. */
export function typeCheck(snippets: Snippet[]): SnippetErrors {
  const bySnippet = new Map(snippets.map(s => [s.fileName, s]));
  const options = compilerOptions();
  const host = sharedHost(options, new Map(snippets.map(s => [s.fileName, s.source])));
  const program = ts.createProgram([...bySnippet.keys()], options, host);
  const errors = new Map<string, string[]>(snippets.map(s => [s.fileName, []]));
  const elsewhere: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const snippet = d.file ? bySnippet.get(d.file.fileName) : undefined;
    if (!snippet) {
      const at = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : 'program';
      elsewhere.push(`${at}: ${message}`);
      continue;
    }
    const line = d.start === undefined ? -1 : d.file!.getLineAndCharacterOfPosition(d.start).line - snippet.preludeLines;
    const at = line < 0 ? `${snippet.fence.file}:${snippet.fence.line} (the prelude)` : `${snippet.fence.file}:${snippet.fence.line + 1 + line}`;
    errors.get(snippet.fileName)!.push(`${at}: ${message}`);
  }
  return { bySnippet: errors, elsewhere };
}
