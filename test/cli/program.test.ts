import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { App } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { typeErrors } from './support';
import { ComposeImport, Platform, PublishedPortExposure } from '../../src';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { FIXTURES, loadGenerated, writeProject } from '../compose/support';
import { expectSchemaValid, findOne, Manifest } from '../support';

const ROOT = join(__dirname, '..', '..');
const FORMS = join(FIXTURES, 'forms');
const EXAMPLE = join(ROOT, 'examples', 'compose');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the tool in this process, in `cwd`, with an environment of its own. */
async function cli(args: string[], cwd: string = ROOT, env: { [name: string]: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => (stdout += t), stderr: t => (stderr += t), cwd, env };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cli-'));
}

function manifestsOf(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(m => m && m.kind);
}

describe('k8s-course-constructs', () => {
  test.each(['convert', 'init', 'lint', 'diagram', 'skaffold', 'check'])('has --help for %s', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: k8s-course-constructs ${command} `));
    expect(run.stdout).toMatch(/-h, --help +display help for command/);
  });

  test('lists its commands, and fails with usage on an unknown one', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/Commands:\n {2}convert \[options\][\s\S]*init[\s\S]*lint[\s\S]*diagram[\s\S]*skaffold[\s\S]*check/);
    const run = await cli(['convrt']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: unknown command 'convrt'[\s\S]*\(add --help for usage\)/);
  });

  describe('convert', () => {
    describe('--network-policy and --restricted', () => {
      // An app whose worker image nothing proves can run restricted (no Dockerfile, no user:, not a known image).
      const compose = 'services:\n  api:\n    image: shop/api:1.0\n    user: "1654:1654"\n    read_only: true\n    expose: ["8080"]\n'
        + '  worker:\n    image: shop/worker:1.0\n    depends_on: [api]\n';
      const policies = (dir: string) => manifestsOf(join(dir, 'dist', 'app.k8s.yaml')).filter(m => m.kind === 'NetworkPolicy');

      test('draw compose\'s networks by default, the call graph with graph, and nothing with none', async () => {
        const dir = writeProject({ 'docker-compose.yml': compose });
        expect((await cli(['convert', '--name', 'app'], dir)).code).toBe(0);
        const networks = policies(dir);
        expect(networks.some(p => (p.spec.policyTypes ?? []).includes('Egress'))).toBe(false);
        expect((await cli(['convert', '--name', 'app', '--network-policy', 'graph', '--force'], dir)).code).toBe(0);
        const graph = policies(dir);
        // The call graph denies egress by default and opens it to DNS and the calls it found.
        expect(graph.some(p => p.metadata.name === 'allow-dns')).toBe(true);
        expect(graph).not.toEqual(networks);
        expect((await cli(['convert', '--name', 'app', '--network-policy', 'none', '--force'], dir)).code).toBe(0);
        expect(policies(dir)).toEqual([]);
      });

      test('refuse a mode it does not know, naming the choices', async () => {
        const run = await cli(['convert', '--network-policy', 'open'], writeProject({ 'docker-compose.yml': compose }));
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/--network-policy.*open.*networks, graph, none/);
      });

      test('--restricted fails, naming the workload and what to add, where the files do not prove restricted works', async () => {
        const dir = writeProject({ 'docker-compose.yml': compose });
        const run = await cli(['convert', '--name', 'app', '--restricted'], dir);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/worker/);
        expect(run.stderr).not.toMatch(/\bapi\b.*restricted/);
        expect(existsSync(join(dir, 'dist'))).toBe(false);
        // Without the flag the same app converts, the worker at baseline with a warning.
        const relaxed = await cli(['convert', '--name', 'app'], dir);
        expect(relaxed.code).toBe(0);
        expect(relaxed.stderr).toMatch(/services\.worker runs with baseline Pod Security/);
      });
    });

    test('writes the Kubernetes YAML and prints every warning, those of the synth included', async () => {
      const out = tempDir();
      const run = await cli(['convert', '-f', join(FORMS, 'docker-compose.yml'), '-f', join(FORMS, 'docker-compose.override.yml'), '-o', out]);
      expect(run.code).toBe(0);
      const file = join(out, 'shop.k8s.yaml');
      const said = /^wrote (.*) \((\d+) objects\) from test\/compose\/fixtures\/forms\/docker-compose\.yml, test\/compose\/fixtures\/forms\/docker-compose\.override\.yml, with (\d+) warnings$/.exec(run.stdout.split('\n')[0])!;
      expect(said[1]).toBe(file);
      expect(run.stderr.split('\n').filter(l => l !== '')).toHaveLength(Number(said[3]));
      expect(run.stderr).toMatch(/^warning: \[test\/compose\/fixtures\/forms\/docker-compose\.yml:\d+:\d+\] fromCompose: /);
      const manifests = manifestsOf(file);
      expectSchemaValid(manifests);
      expect(findOne(manifests, 'Namespace').metadata.name).toBe('shop');
      expect(manifests).toHaveLength(Number(said[2]));
    });

    test('finds compose.yaml and its override in the working folder, and reads variables from the environment', async () => {
      const dir = writeProject({
        'compose.yaml': 'services:\n  web:\n    image: web:${TAG}\n    ports: ["8080:8080"]\n    healthcheck: {test: [CMD, curl, -f, "http://localhost:8080/health"], interval: 5s, timeout: 2s}\n',
        'compose.override.yaml': 'services:\n  web:\n    environment: {Mode: dev}\n',
      });
      const aks = ['--platform', 'aks', '--alb-namespace', 'alb-infra', '--alb-name', 'alb', '--gateway-subnet', '10.225.0.0/24'];
      const run = await cli(['convert', ...aks, '--published-ports', 'node-port', '--name', 'web-app', '-n', 'web'], dir, { TAG: '3.1.0' });
      expect(run.code).toBe(0);
      const manifests = manifestsOf(join(dir, 'dist', 'web-app.k8s.yaml'));
      expect(findOne(manifests, 'Deployment', 'web').spec.template.spec.containers[0].image).toBe('web:3.1.0');
      expect(findOne(manifests, 'Service', 'web').spec.type).toBe('NodePort');
      expect(findOne(manifests, 'ConfigMap', 'web-config').data).toEqual({ Mode: 'dev' });
      expect(findOne(manifests, 'Namespace').metadata.name).toBe('web');
    });

    test('exits with 1 and the error, without a stack trace, for bad input', async () => {
      const dir = writeProject({ 'docker-compose.yml': 'services:\n  web:\n    image: web:${TAG:?set TAG}\n' });
      const run = await cli(['convert', '-f', 'docker-compose.yml'], dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: \[.*docker-compose\.yml:3:5\] fromCompose: services\.web\.image/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
    });

    test('prints every error line of a file that fails the specification', async () => {
      const dir = writeProject({ 'docker-compose.yml': 'services:\n  web:\n    imag: web:1\n    portz: []\n' });
      const run = await cli(['convert'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr.split('\n').filter(l => l.startsWith('error: '))).toHaveLength(2);
    });

    test.each([
      [['--platform', 'azure'], /error: option '--platform <platform>' argument 'azure' is invalid\. Allowed choices are local, local-envoy, aks, aks-app-routing, gke\./],
      [['--route', 'webapigw'], /error: --route must be <service>=<value> \(got "webapigw"\); write it as --route webapigw=\//],
      [['--unknown'], /error: unknown option '--unknown'/],
    ])('exits with 1 for the options %j', async (args, message) => {
      const run = await cli(['convert', '-f', join(FORMS, 'docker-compose.yml'), ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
    });

    test('says where it looked when there is no compose file', async () => {
      const dir = tempDir();
      const run = await cli(['convert'], dir);
      expect(run).toMatchObject({ code: 1, stderr: `error: no compose file given and none found in ${dir} (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml); pass -f docker-compose.yml\n` });
    });
  });

  describe('init', () => {
    test('writes a cdk8s app: main.ts, cdk8s.yaml, a package.json with TypeScript 6 and the library\'s peers, and a tsconfig.json', async () => {
      const out = join(tempDir(), 'app');
      const run = await cli(['init', '-f', join(EXAMPLE, 'docker-compose.yml'), '-o', out]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`next: cd ${out} && npm install && npm run synth`);
      expect(readFileSync(join(out, 'cdk8s.yaml'), 'utf-8')).toBe('language: typescript\napp: node --require sucrase/register/ts main.ts\noutput: dist\n');
      const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf-8'));
      expect(pkg.devDependencies.typescript).toMatch(/^~6\./);
      expect(pkg.dependencies).toMatchObject({ 'cdk8s': expect.stringMatching(/^2\./), 'cdk8s-plus-28': expect.stringMatching(/^2\./), 'constructs': expect.stringMatching(/^10\./) });
      expect(pkg.dependencies['k8s-course-constructs']).toBeDefined();
      expect(pkg.scripts.synth).toBe('node --require sucrase/register/ts main.ts');
      expect(JSON.parse(readFileSync(join(out, 'tsconfig.json'), 'utf-8')).compilerOptions).toMatchObject({ module: 'node16', strict: true });
    });

    test('refuses to overwrite an app unless told to', async () => {
      const out = tempDir();
      writeFileSync(join(out, 'main.ts'), '// mine\n');
      const run = await cli(['init', '-f', join(EXAMPLE, 'docker-compose.yml'), '-o', out]);
      expect(run).toMatchObject({ code: 1, stderr: `error: ${join(out, 'main.ts')} already exists; pass --force to overwrite, or choose another folder with -o\n` });
      expect(readFileSync(join(out, 'main.ts'), 'utf-8')).toBe('// mine\n');
      expect((await cli(['init', '-f', join(EXAMPLE, 'docker-compose.yml'), '-o', out, '--force'])).code).toBe(0);
    });

    test.each([
      ['the example', [join(EXAMPLE, 'docker-compose.yml'), join(EXAMPLE, 'docker-compose.override.yml')], ['--route', 'webapigw=/']],
      ['the forms fixture', [join(FORMS, 'docker-compose.yml'), join(FORMS, 'docker-compose.override.yml')], ['--published-ports', 'load-balancer', '--platform', 'gke', '--image-registry', 'shop.azurecr.io']],
    ])('writes an app whose synth gives byte for byte the YAML convert writes, for %s', async (_name, files, options) => {
      const args = [...files.flatMap(f => ['-f', f]), ...options];
      const converted = tempDir();
      expect((await cli(['convert', ...args, '-o', converted])).code).toBe(0);
      const app = join(tempDir(), 'app');
      expect((await cli(['init', ...args, '-o', app])).code).toBe(0);

      // The project files the app mounts, copied beside it (what the command-line tool copies: ComposeTypeScript.files).
      for (const f of ComposeImport.toTypeScript({ files }, app).files) {
        mkdirSync(dirname(join(app, f.path)), { recursive: true });
        copyFileSync(f.sourcePath, join(app, f.path));
      }
      // cdk8s synth: run main.ts's build() into an App and write its YAML.
      const synthesized = join(app, 'dist');
      const cdk8sApp = new App({ outdir: synthesized });
      loadGenerated(readFileSync(join(app, 'main.ts'), 'utf-8'), app).build(cdk8sApp);
      cdk8sApp.synth();

      const name = `${files[0].includes('examples') ? 'eshop' : 'shop'}.k8s.yaml`;
      expect(readFileSync(join(synthesized, name), 'utf-8')).toBe(readFileSync(join(converted, name), 'utf-8'));
    });

    test('writes TypeScript that type-checks against the library', async () => {
      const app = join(tempDir(), 'app');
      await cli(['init', '-f', join(FORMS, 'docker-compose.yml'), '-f', join(FORMS, 'docker-compose.override.yml'), '-o', app]);
      expect(typeErrors(join(app, 'main.ts'))).toEqual([]);
    });

    test('writes the example as readable TypeScript (the snapshot is the example converted the other way)', () => {
      // What `init -f docker-compose.yml -f docker-compose.override.yml --route webapigw=/ -o k8s` writes in examples/compose,
      // written here without touching the examples folder (its .ts files are type-checked as examples).
      const { code } = ComposeImport.toTypeScript({
        files: [join(EXAMPLE, 'docker-compose.yml'), join(EXAMPLE, 'docker-compose.override.yml')],
        variables: {},
        platform: Platform.LOCAL,
        publishedPorts: PublishedPortExposure.GATEWAY,
        routes: { webapigw: '/' },
        buildContextRoot: join(EXAMPLE, 'k8s'),
      }, join(EXAMPLE, 'k8s'));
      expect(code).toMatchSnapshot();
    });
  });

  describe('diagram and skaffold', () => {
    test('draw the application a compose file converts to', async () => {
      const run = await cli(['diagram', '-f', 'docker-compose.yml', '-f', 'docker-compose.override.yml', '--route', 'webapigw=/'], EXAMPLE);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^# eshop\n\n```mermaid\nflowchart LR\n/);
      expect(run.stdout).toContain('svc_basket_api --> svc_basket_data');
      expect(run.stdout).toContain('gw_gateway -- "/" --> svc_webapigw');
      const file = join(tempDir(), 'diagram.md');
      expect((await cli(['diagram', '-f', join(EXAMPLE, 'docker-compose.yml'), '-o', file])).code).toBe(0);
      expect(readFileSync(file, 'utf-8')).toMatch(/^# eshop/);
    });

    test('write a skaffold.yaml whose build contexts are relative to it', async () => {
      const out = join(tempDir(), 'deploy', 'skaffold.yaml');
      const run = await cli(['skaffold', '-f', join(EXAMPLE, 'docker-compose.yml'), '-o', out]);
      expect(run.code).toBe(0);
      const config = parse(readFileSync(out, 'utf-8'));
      const context = relative(dirname(out), join(EXAMPLE, 'src', 'Services', 'Catalog', 'Catalog.API')).split('\\').join('/');
      expect(config.build.artifacts).toContainEqual({ image: 'eshop/catalog.api', context, docker: { dockerfile: 'Dockerfile' } });
      const printed = await cli(['skaffold', '-f', 'docker-compose.yml'], EXAMPLE);
      expect(parse(printed.stdout).build.artifacts[0]).toEqual({ image: 'eshop/webapigw', context: 'src/ApiGateways/Web.Bff.Shopping', docker: { dockerfile: 'Dockerfile' } });
    });
  });
});
