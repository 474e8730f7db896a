/**
 * `npm run bench` (second step): what a user waits for on `npm run synth` in an app `init` writes,
 * against the same program compiled to JavaScript, in one run.
 *
 * Two apps: the starter (`init` with no compose file) and the app of examples/compose (`init -f`).
 * Each is written to a temporary folder whose node_modules link to this repository's packages and
 * to the compiled library (lib/, as installed from npm), then run as `npm run synth` runs it
 * (`node --require sucrase/register/ts main.ts`) and as `tsc` writes it beside main.ts (`node main.js`,
 * so that the places main.ts reads relative to its folder stay the same), each in
 * a fresh process, alternately: one warm-up, then `RUNS` timed runs; the median is reported. Fails
 * when an app's synth takes more than `MAX_RATIO` times its compiled JavaScript.
 *
 *   npm run bench
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CliIo } from '../src/cli/io';
import { runCli } from '../src/cli/program';

const ROOT = join(__dirname, '..');
const RUNS = 7;
const MAX_RATIO = 2;
const LINKED = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'sucrase', 'typescript', '@types'];

interface Row {
  readonly app: string;
  readonly services: number;
  readonly synthMs: number;
  readonly compiledMs: number;
  readonly typecheckMs: number;
}

/** Writes an app with `init` into a new folder and links what it imports. */
async function initApp(args: string[]): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'app-synth-')), 'app');
  mkdirSync(dir);
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: t => (stderr += t), cwd: dir, env: {} };
  const code = await runCli(['init', ...args], io);
  if (code !== 0) throw new Error(`init ${args.join(' ')} failed: ${stderr}`);
  mkdirSync(join(dir, 'node_modules'));
  for (const name of LINKED) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  symlinkSync(ROOT, join(dir, 'node_modules', 'k8s-course-constructs'));
  return dir;
}

/** Wall time of one command in a fresh process, in milliseconds. */
function time(dir: string, command: string, args: string[]): number {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The synth of an app against its compiled JavaScript, and its type-check once, for scale. */
function measure(app: string, dir: string): Row {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const typecheckMs = time(dir, process.execPath, [tsc, '-p', '.']);
  execFileSync(process.execPath, [tsc, '-p', '.', '--noEmit', 'false'], { cwd: dir, stdio: 'inherit' });
  const synth = () => time(dir, process.execPath, ['--require', 'sucrase/register/ts', 'main.ts']);
  const compiled = () => time(dir, process.execPath, ['main.js']);
  synth();
  compiled();
  const synthRuns: number[] = [];
  const compiledRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    synthRuns.push(synth());
    compiledRuns.push(compiled());
  }
  const yaml = readFileSync(join(dir, 'dist', readdirYaml(dir)), 'utf-8');
  const services = yaml.split('\n---\n').filter(d => /^kind: Deployment$/m.test(d)).length;
  return { app, services, synthMs: median(synthRuns), compiledMs: median(compiledRuns), typecheckMs };
}

function readdirYaml(dir: string): string {
  const yaml = readdirSync(join(dir, 'dist')).find(n => n.endsWith('.k8s.yaml'));
  if (!yaml) throw new Error(`no .k8s.yaml in ${join(dir, 'dist')}`);
  return yaml;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('the apps import the compiled library: run npx projen compile first');
  const example = join(ROOT, 'examples', 'compose');
  const apps: Array<[string, string[]]> = [
    ['starter (init)', []],
    ['examples/compose (init -f)', ['-f', join(example, 'docker-compose.yml'), '-f', join(example, 'docker-compose.override.yml'), '--route', 'webapigw=/', '-o', '.']],
  ];
  const rows: Row[] = [];
  for (const [app, args] of apps) {
    const dir = await initApp(args);
    rows.push(measure(app, dir));
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
  const lines = [
    `Synth of the app init writes (npm run synth), against the same program compiled to JavaScript (median of ${RUNS}, fresh processes, Node.js ${process.versions.node.split('.')[0]}):`,
    '',
    '| app | Deployments | npm run synth ms | compiled JavaScript ms | synth / compiled | npm run typecheck ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(r => `| ${r.app} | ${r.services} | ${r.synthMs.toFixed(0)} | ${r.compiledMs.toFixed(0)} | ${(r.synthMs / r.compiledMs).toFixed(2)}x | ${r.typecheckMs.toFixed(0)} |`),
  ];
  console.log(lines.join('\n'));
  const slow = rows.filter(r => r.synthMs / r.compiledMs > MAX_RATIO);
  if (slow.length > 0) {
    console.error(`\nover ${MAX_RATIO}x of compiled JavaScript: ${slow.map(r => r.app).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
