import { readFileSync, realpathSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import { copyAppFiles } from './app-files';
import { loadGenerated, writeProject } from './support';
import { ComposeImport, InMemoryFileSystem } from '../../src';

const COMPOSE = 'name: Web Shop\nservices:\n  catalog:\n    image: shop/catalog:1.0.0\n';

describe('ComposeImport', () => {
  test('toStack builds the stack under the given id', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: [join(dir, 'docker-compose.yml')] });
    expect(stack.node.id).toBe('shop');
    expect(stack.microservices.map(s => s.name)).toEqual(['catalog']);
  });

  test('toProjectStack names the stack after the compose project, as a DNS label', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const stack = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')] });
    expect(stack.node.id).toBe('web-shop');
  });

  test('toTypeScript writes the app that builds the stack, with the warnings as comments', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const ts = ComposeImport.toTypeScript({ files: [join(dir, 'docker-compose.yml')] }, join(dir, 'k8s'));
    expect(ts.stackId).toBe('web-shop');
    expect(ts.code).toContain('new MicroserviceStack(app, \'web-shop\'');
    expect(ts.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/services\.catalog runs with baseline Pod Security/)]));
    for (const w of ts.warnings) expect(ts.code).toContain(`// warning: ${w.split(' ').slice(0, 4).join(' ')}`);
  });

  test('toTypeScript reads the project files from its own folder, and lists them to copy there', () => {
    // GIVEN a service that mounts a file and a folder of the project
    const dir = writeProject({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes: ["./nginx/nginx.conf:/etc/nginx/nginx.conf:ro", "./site:/usr/share/nginx/html:ro"]\n',
      'nginx/nginx.conf': 'events {}\n',
      'site/index.html': '<h1>shop</h1>\n',
      'site/css/app.css': 'h1 {}\n',
    });
    // WHEN
    const ts = ComposeImport.toTypeScript({ files: [join(dir, 'docker-compose.yml')] }, join(dir, 'k8s'));
    // THEN the code names paths under files/, from __dirname, and never the project folder
    expect(ts.code).toContain("ServiceMount.file('/etc/nginx/nginx.conf', join(__dirname, 'files/nginx/nginx.conf'))");
    expect(ts.code).toContain("ServiceMount.directory('/usr/share/nginx/html', join(__dirname, 'files/site'))");
    const code = ts.code.split('\n').filter(l => !l.trim().startsWith('//')).join('\n');
    expect(code).not.toContain(dir);
    expect(code).not.toContain('..');
    expect(ts.files).toEqual([
      { path: 'files/nginx/nginx.conf', sourcePath: realpathSync(join(dir, 'nginx/nginx.conf')) },
      { path: 'files/site/css/app.css', sourcePath: join(realpathSync(join(dir, 'site')), 'css/app.css') },
      { path: 'files/site/index.html', sourcePath: join(realpathSync(join(dir, 'site')), 'index.html') },
    ]);
  });

  test('the app init writes synthesizes the same YAML from any working folder, with its files copied beside it', () => {
    const dir = writeProject({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n',
      'nginx.conf': 'events {}\n',
    });
    const options = { files: [join(dir, 'docker-compose.yml')] };
    const direct = new App();
    ComposeImport.toStack(direct, 'shop', options);
    const appDir = copyAppFiles(ComposeImport.toTypeScript(options, join(dir, 'k8s'), 'shop'));
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      const app = new App();
      loadGenerated(readFileSync(join(appDir, 'main.ts'), 'utf-8'), appDir).build(app);
      expect(app.synthYaml()).toBe(direct.synthYaml());
    } finally {
      process.chdir(cwd);
    }
  });

  test('reads no bind mount outside the project folder, and names the key instead', () => {
    const outside = writeProject({ 'secret.txt': 'top secret\n' });
    const dir = writeProject({ 'docker-compose.yml': `services:\n  web:\n    image: web:1.0\n    volumes: ["${join(outside, 'secret.txt')}:/app/secret.txt:ro"]\n` });
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: [join(dir, 'docker-compose.yml')] });
    expect(JSON.stringify(Testing.synth(stack))).not.toContain('top secret');
    expect(stack.warnings).toContainEqual(expect.stringMatching(/services\.web\.volumes\[0\] ".*secret\.txt" is outside the project folder and is not read, so it is not mapped/));
  });

  test('does not mount a project folder that links outside the project', () => {
    const outside = writeProject({ shadow: 'root:x\n' });
    const dir = writeProject({ 'docker-compose.yml': 'services:\n  web:\n    image: web:1.0\n    volumes: ["./conf:/etc/app:ro"]\n', 'conf/app.conf': 'a\n' });
    symlinkSync(join(outside, 'shadow'), join(dir, 'conf', 'shadow'));
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: [join(dir, 'docker-compose.yml')] });
    expect(JSON.stringify(Testing.synth(stack))).not.toContain('root:x');
    expect(stack.warnings).toContainEqual(expect.stringMatching(/services\.web\.volumes\[0\] "\.\/conf" holds links leading outside the project folder \(shadow\): they are not read, so the folder is not mapped/));
  });

  test('reads the compose files, the variables file and env_file from the fileSystem it is given, not the disk', () => {
    const fileSystem = new InMemoryFileSystem({
      files: {
        '/nowhere/shop/docker-compose.yml': 'services:\n  catalog:\n    image: shop/catalog:${TAG}\n    env_file: catalog.env\n',
        '/nowhere/shop/.env': 'TAG=2.0.0\n',
        '/nowhere/shop/catalog.env': 'Catalog__PageSize=20\n',
      },
    });
    const stack = ComposeImport.toProjectStack(Testing.app(), { files: ['/nowhere/shop/docker-compose.yml'], fileSystem });
    const yaml = Yaml.stringify(...stack.toJson());
    expect(stack.node.id).toBe('shop');
    expect(yaml).toContain('image: shop/catalog:2.0.0');
    expect(yaml).toContain('Catalog__PageSize: "20"');
  });

  test('gives the same stack from an InMemoryFileSystem as from the disk', () => {
    const files = { 'docker-compose.yml': 'name: shop\nservices:\n  catalog:\n    image: shop/catalog:1.0.0\n    ports: ["5101:8080"]\n' };
    const dir = writeProject(files);
    const fromDisk = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')] });
    const fileSystem = new InMemoryFileSystem({ files: { [join(dir, 'docker-compose.yml')]: files['docker-compose.yml'] } });
    const fromMemory = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')], fileSystem });
    expect(fromMemory.toJson()).toEqual(fromDisk.toJson());
  });

  test('maps the project files a service mounts from the fileSystem it is given, and lists them for the app', () => {
    // GIVEN a bind-mounted file that exists only in memory
    const fileSystem = new InMemoryFileSystem({
      files: {
        '/nowhere/shop/docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n',
        '/nowhere/shop/nginx.conf': 'events {}\n',
      },
    });
    // WHEN
    const ts = ComposeImport.toTypeScript({ files: ['/nowhere/shop/docker-compose.yml'], fileSystem }, '/nowhere/shop/k8s');
    // THEN it is mounted as a file, not named as missing
    expect(ts.code).toContain("ServiceMount.file('/etc/nginx/nginx.conf', join(__dirname, 'files/nginx.conf'))");
    expect(ts.files).toEqual([{ path: 'files/nginx.conf', sourcePath: '/nowhere/shop/nginx.conf' }]);
    expect(ts.warnings.join('\n')).not.toMatch(/nginx\.conf/);
  });

  test('writes no fileSystem into the TypeScript: it is how the files are read, not a prop of the stack', () => {
    const fileSystem = new InMemoryFileSystem({ files: { '/nowhere/shop/docker-compose.yml': COMPOSE } });
    const ts = ComposeImport.toTypeScript({ files: ['/nowhere/shop/docker-compose.yml'], fileSystem }, '/nowhere/shop/k8s');
    expect(ts.code).not.toContain('fileSystem');
  });
});
