import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { loadGenerated, writeProject } from '../compose/support';
import { expectSchemaValid, findOne, Manifest } from '../support';
import { typeErrors } from './support';

const ROOT = join(__dirname, '..', '..');
const COMPOSE = 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => (stdout += t), stderr: t => (stderr += t), cwd, env: {} };
  return { code: await runCli(args, io), stdout, stderr };
}

/** An empty folder named `name`, as a new user makes one. */
function emptyFolder(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'init-')), name);
  mkdirSync(dir);
  return dir;
}

/** What the app's build() synthesizes, as cdk8s synth would. */
function synthesized(dir: string): Manifest[] {
  const app = new App({ outdir: join(dir, 'dist') });
  loadGenerated(readFileSync(join(dir, 'main.ts'), 'utf-8'), dir).build(app);
  return app.charts.flatMap(c => c.toJson());
}

function json(file: string): any {
  return JSON.parse(readFileSync(file, 'utf-8'));
}

describe('init without a compose file', () => {
  test('writes a starter app in the working folder: a stack with one service, named after the folder', async () => {
    const dir = emptyFolder('shop');
    const run = await cli(['init'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('wrote main.ts, package.json, tsconfig.json, cdk8s.yaml\nnext: npm install && npm run synth\n');
    expect(readdirSync(dir).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'package.json', 'tsconfig.json']);
    const manifests = synthesized(dir);
    expectSchemaValid(manifests);
    expect(findOne(manifests, 'Namespace', 'shop')).toBeDefined();
    expect(findOne(manifests, 'Deployment', 'catalog').spec.template.spec.containers[0].image).toBe('eshop/catalog-api:1.0.0');
    expect(findOne(manifests, 'HTTPRoute').spec.rules[0].matches[0].path.value).toBe('/catalog');
  });

  test('writes TypeScript that type-checks against the library, and main.ts only synthesizes when run', async () => {
    const dir = emptyFolder('shop');
    await cli(['init'], dir);
    expect(typeErrors(join(dir, 'main.ts'))).toEqual([]);
    expect(readFileSync(join(dir, 'main.ts'), 'utf-8')).toContain('if (require.main === module) {');
  });

  test('writes the same skeleton as init -f: for one name, the same package.json, tsconfig.json and cdk8s.yaml', async () => {
    const starter = emptyFolder('shop');
    await cli(['init'], starter);
    const project = writeProject({ 'docker-compose.yml': COMPOSE });
    expect((await cli(['init', '--name', 'shop'], project)).code).toBe(0);
    for (const file of ['package.json', 'tsconfig.json', 'cdk8s.yaml']) {
      expect(readFileSync(join(project, 'k8s', file), 'utf-8')).toBe(readFileSync(join(starter, file), 'utf-8'));
    }
  });

  test('pins the library\'s own version, TypeScript 6 and the cdk8s, cdk8s-plus-28 and constructs it was built with', async () => {
    const dir = emptyFolder('shop');
    await cli(['init'], dir);
    const own = json(join(ROOT, 'package.json'));
    const pkg = json(join(dir, 'package.json'));
    expect(pkg.dependencies).toEqual({
      'cdk8s': own.devDependencies.cdk8s,
      'cdk8s-plus-28': own.devDependencies['cdk8s-plus-28'],
      'constructs': own.devDependencies.constructs,
      'k8s-course-constructs': own.version,
    });
    expect(pkg.dependencies['k8s-course-constructs']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.typescript).toMatch(/^[~^]?6\./);
    expect(pkg.devDependencies.sucrase).toBe(own.devDependencies.sucrase);
    // synth transpiles only (fast, and cdk8s-cli is optional: cdk8s.yaml runs the same command); typecheck checks.
    expect(pkg.scripts).toEqual({ synth: 'node --require sucrase/register/ts main.ts', typecheck: 'tsc --noEmit' });
    expect(readFileSync(join(dir, 'cdk8s.yaml'), 'utf-8')).toBe('language: typescript\napp: node --require sucrase/register/ts main.ts\noutput: dist\n');
    expect(json(join(dir, 'tsconfig.json')).compilerOptions).toMatchObject({ module: 'node16', strict: true, noEmit: true });
  });

  test('takes the stack\'s name, namespace, platform and registry from the options', async () => {
    const dir = emptyFolder('x');
    const gke = ['--platform', 'gke', '--gateway-class', 'gke-l7-rilb', '--proxy-only-subnet', '10.129.0.0/23'];
    expect((await cli(['init', '-o', 'My Shop', '-n', 'store', ...gke, '--image-registry', 'shop.azurecr.io'], dir)).code).toBe(0);
    const app = join(dir, 'My Shop');
    expect(json(join(app, 'package.json')).name).toBe('my-shop-k8s');
    const manifests = synthesized(app);
    expect(findOne(manifests, 'Deployment', 'catalog').metadata.namespace).toBe('store');
    expect(findOne(manifests, 'Deployment', 'catalog').spec.template.spec.containers[0].image).toBe('shop.azurecr.io/eshop/catalog-api:1.0.0');
    expect(findOne(manifests, 'Gateway').spec.gatewayClassName).toBe('gke-l7-rilb');
    expect(typeErrors(join(app, 'main.ts'))).toEqual([]);
  });

  test.each([
    [['--env-file', 'x.env'], 'error: --env-file reads a compose file, and there is none: pass it with -f, or leave --env-file out for a starter app\n'],
    [['--route', 'web=/'], 'error: --route reads a compose file, and there is none: pass it with -f, or leave --route out for a starter app\n'],
    [['--name', 'My_App'], 'error: --name must be a DNS label: lowercase letters, digits and "-", starting with a letter, at most 63 (got "My_App"); such as --name shop\n'],
    [['-n', 'Shop'], 'error: -n must be a DNS label: lowercase letters, digits and "-", starting with a letter, at most 63 (got "Shop"); such as -n shop\n'],
  ])('throws for %j, and writes nothing', async (args, message) => {
    const dir = emptyFolder('shop');
    expect(await cli(['init', ...args], dir)).toEqual({ code: 1, stdout: '', stderr: message });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('throws for a platform missing its flags, naming the flag', async () => {
    const dir = emptyFolder('shop');
    const run = await cli(['init', '--platform', 'aks', '--alb-namespace', 'alb-infra', '--alb-name', 'alb'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: --platform aks needs --gateway-subnet <cidr>/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('throws for an app that is there already, naming each file, unless --force', async () => {
    const dir = emptyFolder('shop');
    await cli(['init'], dir);
    expect(await cli(['init'], dir)).toMatchObject({
      code: 1, stderr: 'error: main.ts, package.json, tsconfig.json, cdk8s.yaml already exist; pass --force to overwrite, or choose another folder with -o\n',
    });
    expect((await cli(['init', '--force'], dir)).code).toBe(0);
  });
});

describe('init -f copies the project files its main.ts reads into the app folder', () => {
  const MOUNTS = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    volumes:\n'
    + '      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./scripts/start.sh:/docker-entrypoint.d/start.sh:ro\n';

  function mountsProject(): string {
    const dir = writeProject({ 'compose.yaml': MOUNTS, 'nginx.conf': 'events {}\n', 'scripts/start.sh': '#!/bin/sh\necho start\n' });
    chmodSync(join(dir, 'scripts', 'start.sh'), 0o750);
    return dir;
  }

  test('under files/, byte for byte and with their permissions, and the app synthesizes what convert writes', async () => {
    const dir = mountsProject();
    const run = await cli(['init', '--name', 'web'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('wrote k8s/main.ts, k8s/package.json, k8s/tsconfig.json, k8s/cdk8s.yaml, k8s/files/nginx.conf, k8s/files/scripts/start.sh');
    expect(readFileSync(join(dir, 'k8s', 'files', 'nginx.conf'), 'utf-8')).toBe('events {}\n');
    expect(statSync(join(dir, 'k8s', 'files', 'scripts', 'start.sh')).mode % 0o1000).toBe(0o750);
    expect((await cli(['convert', '--name', 'web'], dir)).code).toBe(0);
    const app = new App({ outdir: join(dir, 'k8s', 'dist') });
    loadGenerated(readFileSync(join(dir, 'k8s', 'main.ts'), 'utf-8'), join(dir, 'k8s')).build(app);
    app.synth();
    expect(readFileSync(join(dir, 'k8s', 'dist', 'web.k8s.yaml'), 'utf-8')).toBe(readFileSync(join(dir, 'dist', 'web.k8s.yaml'), 'utf-8'));
  });

  test('gives a file copied again the permissions of its source, with --force', async () => {
    const dir = mountsProject();
    await cli(['init', '--name', 'web'], dir);
    chmodSync(join(dir, 'scripts', 'start.sh'), 0o755);
    expect((await cli(['init', '--name', 'web', '--force'], dir)).code).toBe(0);
    expect(statSync(join(dir, 'k8s', 'files', 'scripts', 'start.sh')).mode % 0o1000).toBe(0o755);
  });

  test('writes the same main.ts wherever it runs from', async () => {
    const dir = mountsProject();
    expect((await cli(['init', '--name', 'web', '-o', 'app'], dir)).code).toBe(0);
    const elsewhere = mkdtempSync(join(tmpdir(), 'elsewhere-'));
    expect((await cli(['init', '--name', 'web', '-f', join(dir, 'compose.yaml'), '-o', join(dir, 'app2')], elsewhere)).code).toBe(0);
    expect(readFileSync(join(dir, 'app2', 'main.ts'), 'utf-8')).toBe(readFileSync(join(dir, 'app', 'main.ts'), 'utf-8'));
    expect(readFileSync(join(dir, 'app', 'main.ts'), 'utf-8')).not.toContain(dir);
  });
});
