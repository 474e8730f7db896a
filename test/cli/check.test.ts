import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Prerequisites } from '../../src';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { writeProject } from '../compose/support';

const COMPOSE = 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n';
const CLUSTER = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'nginx' } }],
});

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => (stdout += t), stderr: t => (stderr += t), cwd, env: {} };
  return { code: await runCli(args, io), stdout, stderr };
}

describe('convert lists what the cluster must provide', () => {
  test('writes <name>.prerequisites.md beside the YAML and prints each item, the file and how to check', async () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const run = await cli(['convert', '--name', 'shop'], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'shop.prerequisites.md'), 'utf-8')).toMatch(/^# Prerequisites of shop\n[\s\S]*## Gateway classes\n\n- \[ \] `nginx`/);
    expect(run.stdout.split('\n').slice(1)).toEqual([
      'before kubectl apply, the cluster needs (how to provide each: dist/shop.prerequisites.md):',
      '  - GatewayClass nginx',
      '  - image registry docker.io',
      '  - a NetworkPolicy engine (a CNI that enforces them)',
      'compare with a cluster: k8s-course-constructs check --help',
      '',
    ]);
  });
});

describe('check', () => {
  test('says which prerequisites a cluster has, and exits with 0 when none is missing', async () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE, 'cluster.json': CLUSTER });
    const run = await cli(['check', 'cluster.json', '--name', 'shop'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('present     GatewayClass nginx: GatewayClass "nginx" found\n');
    expect(run.stdout).toContain('not checked image registry docker.io: kubectl get cannot show this: check it by hand\n');
    expect(run.stderr.split('\n').filter(l => !l.startsWith('warning: '))).toEqual(['cluster.json: 1 present, 0 missing, 2 not checked', '']);
  });

  test('exits with 1 and names what is missing', async () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE, 'cluster.yaml': 'apiVersion: v1\nkind: List\nitems: []\n' });
    const run = await cli(['check', 'cluster.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing     GatewayClass nginx: no GatewayClass "nginx"\n');
  });

  test('throws for a cluster file that is not there, with the command that makes it', async () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const command = Prerequisites.CHECK_COMMAND.replace(/ \\\n\s*/g, ' ');
    expect(await cli(['check', 'cluster.json'], dir)).toMatchObject({ code: 1, stderr: `error: cluster.json does not exist; save the cluster's objects with: ${command}\n` });
    expect((await cli(['check', '.'], dir)).stderr).toBe(`error: . is not a file; save the cluster's objects with: ${command}\n`);
  });

  test('shows the kubectl command in its help', async () => {
    const dir = writeProject({});
    writeFileSync(join(dir, 'x'), '');
    const run = await cli(['check', '--help'], dir);
    expect(run.stdout).toContain('kubectl get gatewayclass,ingressclass,storageclass,customresourcedefinition,secret,configmap -A -o json');
  });
});
