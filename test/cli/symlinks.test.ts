import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { writeProject } from '../compose/support';

const COMPOSE = 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n';
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config, namespace: shop}\ndata: {A: "1"}\n';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => (stdout += t), stderr: t => (stderr += t), cwd, env: {} };
  return { code: await runCli(args, io), stdout, stderr };
}

/** A compose project in `project/`, and a file outside it that must never be written. */
function project(): { dir: string; victim: string } {
  const root = writeProject({ 'project/docker-compose.yml': COMPOSE, 'outside/victim.txt': 'keep me\n' });
  return { dir: join(root, 'project'), victim: join(root, 'outside', 'victim.txt') };
}

describe('convert never writes through a symlink out of its output folder', () => {
  test('throws for a planted dist/<name>.k8s.yaml link, and leaves its target alone', async () => {
    const { dir, victim } = project();
    mkdirSync(join(dir, 'dist'));
    symlinkSync(victim, join(dir, 'dist', 'shop.k8s.yaml'));
    const run = await cli(['convert', '--name', 'shop'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: dist/shop.k8s.yaml is a symlink to a place outside dist, so it is not written through; '
      + 'pass --force to replace the link itself (its target is left alone), or remove it\n');
    expect(readFileSync(victim, 'utf-8')).toBe('keep me\n');
  });

  test('with --force replaces the link by the YAML, and its target stays as it was', async () => {
    const { dir, victim } = project();
    mkdirSync(join(dir, 'dist'));
    symlinkSync(victim, join(dir, 'dist', 'shop.k8s.yaml'));
    symlinkSync(victim, join(dir, 'dist', 'shop.prerequisites.md'));
    expect((await cli(['convert', '--name', 'shop', '--force'], dir)).code).toBe(0);
    expect(lstatSync(join(dir, 'dist', 'shop.k8s.yaml')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'dist', 'shop.k8s.yaml'), 'utf-8')).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
    expect(readFileSync(join(dir, 'dist', 'shop.prerequisites.md'), 'utf-8')).toMatch(/^# Prerequisites of shop/);
    expect(readFileSync(victim, 'utf-8')).toBe('keep me\n');
  });
});

describe('init never writes through a symlink', () => {
  test('throws for a dangling main.ts link without --force, and creates nothing at its target', async () => {
    const { dir, victim } = project();
    mkdirSync(join(dir, 'k8s'));
    const target = join(victim, '..', 'created-by-init.ts');
    symlinkSync(target, join(dir, 'k8s', 'main.ts'));
    const run = await cli(['init'], dir);
    expect(run).toMatchObject({ code: 1, stderr: 'error: k8s/main.ts already exists; pass --force to overwrite, or choose another folder with -o\n' });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'k8s', 'package.json'))).toBe(false);
  });

  test('with --force replaces links (to files and to folders outside) by the app\'s own files', async () => {
    const { dir, victim } = project();
    mkdirSync(join(dir, 'k8s'));
    symlinkSync(victim, join(dir, 'k8s', 'package.json'));
    symlinkSync(join(victim, '..', 'nowhere.ts'), join(dir, 'k8s', 'main.ts'));
    expect((await cli(['init', '--force'], dir)).code).toBe(0);
    expect(readFileSync(victim, 'utf-8')).toBe('keep me\n');
    expect(existsSync(join(victim, '..', 'nowhere.ts'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'k8s', 'package.json'), 'utf-8')).name).toBe('project-k8s');
    expect(lstatSync(join(dir, 'k8s', 'main.ts')).isFile()).toBe(true);
  });

  test('throws, even with --force, for an app folder that is a file', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'app'), 'a file');
    const run = await cli(['init', '-f', 'docker-compose.yml', '-o', 'app', '--force'], dir);
    expect(run).toMatchObject({ code: 1, stderr: 'error: -o app is a file; -o names the folder to write into\n' });
  });
});

describe('lint reads each file once, and never outside the folder it was given', () => {
  test('does not follow a link to the parent folder, nor loop on a link to itself', async () => {
    const dir = writeProject({ 'secret.yaml': CONFIG.replace('app-config', 'secret-config'), 'dist/a.yaml': CONFIG });
    symlinkSync('..', join(dir, 'dist', 'up'));
    symlinkSync('.', join(dir, 'dist', 'self'));
    mkdirSync(join(dir, 'dist', 'nested'));
    symlinkSync('..', join(dir, 'dist', 'nested', 'loop'));
    const run = await cli(['lint', 'dist'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('skipped dist/up: a symlink to a place outside dist, not followed\n1 files, 1 objects: no findings\n');
  });

  test('reads a file once whatever the number of links to it, and no link to a file outside', async () => {
    const dir = writeProject({ 'dist/a.yaml': CONFIG, 'outside.yaml': CONFIG.replace('app-config', 'other') });
    symlinkSync('a.yaml', join(dir, 'dist', 'b.yaml'));
    symlinkSync(join(dir, 'dist', 'a.yaml'), join(dir, 'dist', 'c.yaml'));
    symlinkSync(join(dir, 'outside.yaml'), join(dir, 'dist', 'd.yaml'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dist', 'e.yaml'));
    const run = await cli(['lint', 'dist', 'dist/*.yaml', 'dist/a.yaml'], dir);
    expect(run.stderr.split('\n')).toEqual([
      'skipped dist/d.yaml: a symlink to a place outside dist, not followed',
      'skipped dist/e.yaml: a symlink to nothing (or a loop), not followed',
      '1 files, 1 objects: no findings',
      '',
    ]);
  });

  test('reads a file named outright wherever its link leads: the user named it', async () => {
    const dir = writeProject({ 'outside.yaml': CONFIG });
    mkdirSync(join(dir, 'dist'));
    symlinkSync(join(dir, 'outside.yaml'), join(dir, 'dist', 'x.yaml'));
    expect(await cli(['lint', 'dist/x.yaml'], dir)).toMatchObject({ code: 0, stderr: '1 files, 1 objects: no findings\n' });
  });
});

describe('init copies the files main.ts reads, never through a symlink out of the app folder', () => {
  function mounting(): { dir: string; victim: string } {
    const root = writeProject({
      'project/docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    volumes: ["./nginx.conf:/etc/nginx/nginx.conf:ro"]\n',
      'project/nginx.conf': 'events {}\n',
      'outside/nginx.conf': 'keep me\n',
    });
    return { dir: join(root, 'project'), victim: join(root, 'outside') };
  }

  test('throws for a files/ folder that is a link out of the app folder, and writes nothing there', async () => {
    const { dir, victim } = mounting();
    mkdirSync(join(dir, 'k8s'));
    symlinkSync(victim, join(dir, 'k8s', 'files'));
    const run = await cli(['init'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: k8s/files is a symlink to a place outside k8s, so it is not written through; '
      + 'pass --force to replace the link itself (its target is left alone), or remove it\n');
    expect(readFileSync(join(victim, 'nginx.conf'), 'utf-8')).toBe('keep me\n');
  });

  test('with --force replaces that link by a folder of its own, and the target stays as it was', async () => {
    const { dir, victim } = mounting();
    mkdirSync(join(dir, 'k8s'));
    symlinkSync(victim, join(dir, 'k8s', 'files'));
    expect((await cli(['init', '--force'], dir)).code).toBe(0);
    expect(lstatSync(join(dir, 'k8s', 'files')).isDirectory()).toBe(true);
    expect(readFileSync(join(dir, 'k8s', 'files', 'nginx.conf'), 'utf-8')).toBe('events {}\n');
    expect(readFileSync(join(victim, 'nginx.conf'), 'utf-8')).toBe('keep me\n');
  });
});
