/**
 * The README's first steps, run as a new user runs them, against the package as npm would ship it
 * (`npm pack` of the compiled library), in an empty temporary folder. `npm run first-steps` runs
 * it after compiling; `.ci/run` calls that.
 *
 * Two substitutions, since this version is not on the registry yet: `npx k8s-course-constructs`
 * runs the tarball's bin, and `npm install` installs the tarball with the app's other dependencies.
 * Those come from the registry, or offline from npm's cache (`--prefer-offline`).
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { expectSchemaValid, findOne, Manifest } from '../support';

const ROOT = join(__dirname, '..', '..');
const NPM_FLAGS = '--prefer-offline --no-audit --no-fund --loglevel=error';

/** The commands of the README's "Start a project" block, one per line. */
function firstSteps(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf-8');
  const block = /^## Start a project\n[\s\S]*?```sh\n([\s\S]*?)```/m.exec(readme);
  if (!block) throw new Error('README.md has no "## Start a project" section with a ```sh block');
  return block[1].split('\n').map(l => l.trim()).filter(l => l !== '' && !l.startsWith('#'));
}

/** The package as npm would publish it. */
function pack(into: string): string {
  if (!existsSync(join(ROOT, 'lib', 'index.js'))) throw new Error('npm pack ships lib/: run npx projen compile first (npm run first-steps does)');
  const out = execFileSync('npm', ['pack', '--pack-destination', into, '--json', '--loglevel=error'], { cwd: ROOT, encoding: 'utf-8' });
  return join(into, JSON.parse(out)[0].filename);
}

function sh(script: string, cwd: string): string {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // jest's own, not a new user's
  const r = spawnSync('sh', ['-ec', script], { cwd, encoding: 'utf-8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script}\nexited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(m => m && m.kind);
}

describe('the README\'s first steps, against the packed package', () => {
  const work = mkdtempSync(join(tmpdir(), 'first-steps-'));
  let tarball: string;
  let app: string;

  beforeAll(() => {
    tarball = pack(work);
    const steps = firstSteps();
    expect(steps).toEqual(['mkdir shop && cd shop', 'npx k8s-course-constructs init', 'npm install', 'npm run synth']);
    const script = steps.map(line => line
      .replace(/^npx k8s-course-constructs /, `npx --yes ${NPM_FLAGS} --package=${tarball} k8s-course-constructs `)
      .replace(/^npm install$/, `npm install ${NPM_FLAGS} ${tarball}`)).join('\n');
    sh(script, work);
    app = join(work, 'shop');
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('npm run synth writes the app\'s YAML and, beside it, what the cluster must provide', () => {
    const objects = manifests(join(app, 'dist', 'shop.k8s.yaml'));
    expectSchemaValid(objects);
    expect(findOne(objects, 'Deployment', 'catalog').metadata.namespace).toBe('shop');
    expect(readFileSync(join(app, 'dist', 'shop.prerequisites.md'), 'utf-8')).toMatch(/^# Prerequisites of shop\n/);
  });

  test('the app runs on what it installed: the library from the tarball, TypeScript 6, no cdk8s-cli', () => {
    const installed = (name: string) => JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf-8')).version;
    expect(installed('k8s-course-constructs')).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf-8')).version);
    expect(installed('typescript')).toMatch(/^6\./);
    expect(existsSync(join(app, 'node_modules', 'cdk8s-cli'))).toBe(false);
  });

  test('npm run typecheck passes, and cdk8s synth\'s command writes where cdk8s-cli tells it to', () => {
    sh('npm run typecheck --silent', app);
    const command = /^app: (.+)$/m.exec(readFileSync(join(app, 'cdk8s.yaml'), 'utf-8'))![1];
    sh(`CDK8S_OUTDIR=cdk8s.out ${command}`, app);
    expect(readdirSync(join(app, 'cdk8s.out')).sort()).toEqual(['shop.k8s.yaml', 'shop.prerequisites.md']);
  });

  test('the installed bin takes --env-file as its own: Node applies none of the file, a NODE_OPTIONS line included', () => {
    writeFileSync(join(app, 'compose.yaml'), 'services:\n  web:\n    image: web:${TAG}\n    ports: ["8080:8080"]\n');
    writeFileSync(join(app, 'vars.env'), 'TAG=2.0.0\nNODE_OPTIONS=--require ./planted.js\n');
    writeFileSync(join(app, 'planted.js'), 'require("fs").writeFileSync("RAN", "")\n');
    sh('./node_modules/.bin/k8s-course-constructs convert --env-file vars.env --name web -o converted', app);
    expect(readFileSync(join(app, 'converted', 'web.k8s.yaml'), 'utf-8')).toContain('image: web:2.0.0');
    expect(existsSync(join(app, 'RAN'))).toBe(false);
  });
});
