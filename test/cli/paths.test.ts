import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { writeProject } from '../compose/support';

const COMPOSE = 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n';

async function cli(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: t => (stderr += t), cwd, env: {} };
  const code = await runCli(args, io);
  return { code, stderr: stderr.split('\n').filter(l => !l.startsWith('warning: ')).join('\n') };
}

describe('a folder where a file is expected, and a file where a folder is', () => {
  test.each(['convert', 'init', 'diagram', 'skaffold', 'check'])('%s -f <folder> names the compose file in it', async (command) => {
    const dir = writeProject({ 'app/docker-compose.yml': COMPOSE, 'cluster.json': '{}' });
    const args = command === 'check' ? ['check', 'cluster.json'] : [command];
    expect(await cli([...args, '-f', 'app'], dir)).toEqual({ code: 1, stderr: 'error: -f app is a folder, not a compose file; pass -f app/docker-compose.yml\n' });
  });

  test('-f <folder> without a compose file in it says what to pass', async () => {
    const dir = writeProject({ 'app/readme.md': '' });
    expect((await cli(['convert', '-f', 'app'], dir)).stderr).toBe('error: -f app is a folder, not a compose file; pass the compose file in it, such as -f app/compose.yaml\n');
  });

  test.each(['convert', 'init'])('%s -o <file> says that -o names a folder', async (command) => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE, 'out.yaml': 'x' });
    expect(await cli([command, '-o', 'out.yaml'], dir)).toEqual({ code: 1, stderr: 'error: -o out.yaml is a file; -o names the folder to write into\n' });
  });

  test.each([['diagram', 'diagram.md'], ['skaffold', 'skaffold.yaml']])('%s -o <folder> says that -o names a file', async (command, example) => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    mkdirSync(join(dir, 'out'));
    expect(await cli([command, '-o', 'out'], dir)).toEqual({ code: 1, stderr: `error: -o out is a folder; -o names the file to write, such as -o out/${example}\n` });
  });

  test('convert -o <path below a file> says which part is a file', async () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    writeFileSync(join(dir, 'dist'), 'x');
    expect(await cli(['convert', '-o', 'dist/k8s'], dir)).toEqual({ code: 1, stderr: 'error: -o dist/k8s cannot be created: dist is a file; choose another folder\n' });
  });
});
