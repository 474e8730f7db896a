import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { writeProject } from '../compose/support';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const COMPOSE = 'services:\n  web:\n    image: web:${TAG}\n    ports: ["8080:8080"]\n';

/**
 * A project with the tool installed the way npm installs a bin on Linux and macOS: a symlink in
 * node_modules/.bin to a script whose first line is main.ts's own (the kernel runs that line; npm
 * only links). The script runs src/cli/main.ts through sucrase, so the test needs no build.
 */
function installed(files: { [path: string]: string }): { dir: string; bin: string } {
  const dir = writeProject(files);
  const script = join(dir, 'node_modules', 'k8s-course-constructs', 'lib', 'cli', 'main.js');
  mkdirSync(join(script, '..'), { recursive: true });
  const shebang = readFileSync(MAIN, 'utf-8').split('\n')[0];
  const body = `require(${JSON.stringify(require.resolve('sucrase/register/ts'))});\nrequire(${JSON.stringify(MAIN)});\n`;
  writeFileSync(script, `${shebang}\n${body}`);
  chmodSync(script, 0o755);
  mkdirSync(join(dir, 'node_modules', '.bin'));
  const bin = join(dir, 'node_modules', '.bin', 'k8s-course-constructs');
  symlinkSync(join('..', 'k8s-course-constructs', 'lib', 'cli', 'main.js'), bin);
  return { dir, bin };
}

/** Runs the bin as a shell does: the kernel reads its first line. */
function run(bin: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // Without NODE_OPTIONS of its own, as from a shell: Node never lets an env file override the environment.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(bin, args, { cwd, encoding: 'utf-8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--env-file through the npm bin', () => {
  test('the bin starts Node with its options ended, so a script argument is never a Node option', () => {
    expect(readFileSync(MAIN, 'utf-8').split('\n')[0]).toBe('#!/usr/bin/env -S node --');
  });

  test('reads the variables for the compose file, and Node applies none of the file to the tool (a NODE_OPTIONS line included)', () => {
    const { dir, bin } = installed({
      'compose.yaml': COMPOSE,
      'vars.env': 'TAG=2.0.0\nNODE_OPTIONS=--require ./planted.js\n',
      'planted.js': 'require("fs").writeFileSync("RAN", "")\n',
    });
    const r = run(bin, ['convert', '--env-file', 'vars.env', '--name', 'web'], dir);
    expect(r.stderr).not.toMatch(/^node:/m);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'web.k8s.yaml'), 'utf-8')).toContain('image: web:2.0.0');
    expect(existsSync(join(dir, 'RAN'))).toBe(false);
  });

  test('throws the tool\'s own error for an env file that does not exist, not Node\'s "not found" (exit 9)', () => {
    const { dir, bin } = installed({ 'compose.yaml': COMPOSE });
    const r = run(bin, ['convert', '--env-file=missing.env', '--name', 'web'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: \[missing\.env\] fromCompose: env file does not exist .*; pass the path of an existing \.env file, or leave --env-file out$/m);
  });
});
