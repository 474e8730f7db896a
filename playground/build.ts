/**
 * `npm run playground`: bundles the browser playground into playground/dist with esbuild, and
 * fails when the bundle is over its size budget (README, "Playground"). Node's built-ins that
 * the library, cdk8s and constructs touch at run time are aliased to small browser versions
 * (src/shims): fs on an in-memory disk, crypto's sha1/sha256, path, os, child_process, and the
 * `process` and `Buffer` globals.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { gzipSync } from 'zlib';
import { build, Plugin } from 'esbuild';

/** The folder `npm run playground` writes (git-ignored, not in the npm package). */
export const DIST = join(__dirname, 'dist');

/** The budget of the whole folder, every file gzipped: what a visitor may download at most. */
export const BUDGET_GZIP_BYTES = 2 * 1024 * 1024;

const SHIMS = join(__dirname, 'src', 'shims');
const ALIASES: { [module: string]: string } = {
  'fs': join(SHIMS, 'fs.ts'),
  'node:fs': join(SHIMS, 'fs.ts'),
  'crypto': join(SHIMS, 'crypto.ts'),
  'os': join(SHIMS, 'os.ts'),
  'child_process': join(SHIMS, 'child-process.ts'),
  'path': require.resolve('path-browserify'),
  'node:path': require.resolve('path-browserify'),
};

/** One file of the built folder, raw and gzipped. */
export interface BuiltFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** What a build wrote, and whether it fits the budget. */
export interface BuildReport {
  readonly outdir: string;
  readonly files: BuiltFile[];
  readonly bytes: number;
  readonly gzipBytes: number;
  /** What the page loads before the diagram is first shown (mermaid is loaded then). */
  readonly initialGzipBytes: number;
}

/** Builds the page into `outdir`; throws when it is over the budget. */
export async function buildPlayground(outdir: string = DIST, log: (line: string) => void = console.log): Promise<BuildReport> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: { main: join(__dirname, 'src', 'main.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // The library reads constructor names (Platform presets in the generated TypeScript).
    keepNames: true,
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'linked',
    alias: ALIASES,
    inject: [join(SHIMS, 'inject.ts')],
    define: { 'global': 'globalThis', 'process.env.NODE_ENV': '"production"' },
    plugins: [rawText(), stubUnused()],
    metafile: true,
    logLevel: 'warning',
  });
  cpSync(join(__dirname, 'static'), outdir, { recursive: true });
  const report = measure(outdir, initialFiles(result.metafile.outputs, outdir));
  printReport(report, log);
  if (report.gzipBytes > BUDGET_GZIP_BYTES) {
    throw new Error(`the playground is ${kib(report.gzipBytes)} gzipped, over its budget of ${kib(BUDGET_GZIP_BYTES)}: `
      + 'look for what grew with esbuild\'s metafile, or raise the budget in playground/build.ts and the README');
  }
  return report;
}

/** `import text from 'raw:./file'`: the file's text, for the examples. */
function rawText(): Plugin {
  return {
    name: 'raw-text',
    setup(b) {
      b.onResolve({ filter: /^raw:/ }, args => ({ path: resolve(args.resolveDir, args.path.slice('raw:'.length)), namespace: 'raw' }));
      b.onLoad({ filter: /.*/, namespace: 'raw' }, args => ({ contents: readFileSync(args.path, 'utf-8'), loader: 'text' }));
    },
  };
}

/**
 * Mermaid's optional engines that the stack's flowchart never uses: the ELK layout, KaTeX (math
 * in labels) and Cytoscape (architecture and mindmap diagrams). Stubbed, they take 0.7 MiB
 * gzipped out of the page; a diagram that needed one would fail with this message.
 */
function stubUnused(): Plugin {
  return {
    name: 'stub-unused',
    setup(b) {
      b.onResolve({ filter: /^(elkjs(\/.*)?|katex|cytoscape(-cose-bilkent|-fcose)?)$/ }, args => ({ path: args.path, namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, args => ({
        contents: `const stub = function () { throw new Error(${JSON.stringify(`${args.path} is not part of the playground`)}); };\n`
          + 'stub.use = () => undefined;\nexport default stub;\n',
        loader: 'js',
      }));
    },
  };
}

/** The files the page loads at once: the entry, the chunks it imports statically, and the static files. */
function initialFiles(outputs: { [file: string]: { imports: Array<{ path: string; kind: string }> } }, outdir: string): Set<string> {
  const byName = new Map(Object.entries(outputs).map(([file, out]) => [relative(outdir, resolve(file)), out]));
  const initial = new Set<string>(['index.html', 'style.css']);
  const pending = ['main.js'];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (initial.has(name)) continue;
    initial.add(name);
    for (const i of byName.get(name)?.imports ?? []) {
      if (i.kind === 'import-statement') pending.push(relative(outdir, resolve(i.path)));
    }
  }
  return initial;
}

function measure(outdir: string, initial: Set<string>): BuildReport {
  const files = listFiles(outdir).map(name => {
    const bytes = readFileSync(join(outdir, name));
    return { name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (list: BuiltFile[], key: 'bytes' | 'gzipBytes') => list.reduce((n, f) => n + f[key], 0);
  return {
    outdir,
    files,
    bytes: sum(files, 'bytes'),
    gzipBytes: sum(files, 'gzipBytes'),
    initialGzipBytes: sum(files.filter(f => initial.has(f.name)), 'gzipBytes'),
  };
}

function printReport(report: BuildReport, log: (line: string) => void): void {
  const largest = [...report.files].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5);
  log(`playground: ${report.files.length} files in ${relative(process.cwd(), report.outdir) || '.'}`);
  for (const f of largest) log(`  ${f.name.padEnd(48)} ${kib(f.bytes).padStart(10)} ${kib(f.gzipBytes).padStart(10)} gzipped`);
  log(`  total ${kib(report.bytes)}, ${kib(report.gzipBytes)} gzipped (budget ${kib(BUDGET_GZIP_BYTES)}); `
    + `the page loads ${kib(report.initialGzipBytes)} gzipped before the diagram is shown`);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).sort().flatMap(name => {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    return statSync(join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

if (require.main === module) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : DIST;
  mkdirSync(dirname(outdir), { recursive: true });
  buildPlayground(outdir).catch((e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
