import { join } from 'path';
import { lintFiles } from '../../src/cli/commands/lint';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { writeProject } from '../compose/support';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: catalog, namespace: shop}
spec:
  selector: {matchLabels: {app: catalog}}
  template:
    metadata: {labels: {app: catalog}}
    spec:
      containers:
        - name: app
          image: shop/catalog:1.0.0
          ports: [{containerPort: 8080}]
          envFrom: [{configMapRef: {name: catalog-config}}]
          securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: catalog, namespace: shop}
spec:
  selector: {app: catalg}
  ports: [{port: 80, targetPort: 8080}]
`;
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: catalog-config, namespace: shop}\ndata: {A: "1"}\n';

async function lint(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: t => (stdout += t), stderr: t => (stderr += t), cwd, env: {} };
  return { code: await runCli(['lint', ...args], io), stdout, stderr };
}

describe('lint', () => {
  test('prints each finding as file: kind/name: message, and exits with 1', async () => {
    const dir = writeProject({ 'dist/deployment.yaml': DEPLOYMENT, 'dist/service.yaml': SERVICE });
    const run = await lint(['dist/deployment.yaml', 'dist/service.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter(l => l !== '')).toEqual([
      expect.stringMatching(/^dist\/deployment\.yaml: Deployment\/catalog: .*ConfigMap "catalog-config".*\(.+\)$/),
      expect.stringMatching(/^dist\/service\.yaml: Service\/catalog: selects no pods.*\(service-selects-pods\)$/),
    ]);
    expect(run.stderr).toBe('2 files, 2 objects: 2 findings\n');
  });

  test('checks all files together, and exits with 0 when the references hold', async () => {
    const dir = writeProject({ 'dist/a.yaml': DEPLOYMENT, 'dist/b.yaml': `${CONFIG}---\n${SERVICE.replace('catalg', 'catalog')}` });
    const run = await lint(['dist/*.yaml'], dir);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '2 files, 3 objects: no findings\n' });
    expect((await lint(['dist'], dir)).code).toBe(0);
  });

  test('takes objects created elsewhere as existing', () => {
    const dir = writeProject({ 'a.yaml': DEPLOYMENT });
    expect(lintFiles(['a.yaml'], dir, { externalConfigMaps: ['shop/catalog-config'] }).lines).toEqual([]);
  });

  test('reports YAML errors and documents that are not Kubernetes objects, with line and column', async () => {
    const dir = writeProject({ 'bad.yaml': `${CONFIG}---\nkind: [unclosed\n`, 'odd.yaml': 'just: data\n' });
    const run = await lint(['bad.yaml', 'odd.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\.yaml:\d+:\d+: not valid YAML: .+\nodd\.yaml:1:1: not a Kubernetes object: apiVersion, kind and metadata\.name are required\n$/);
  });

  test('exits with 1 and a message for files that do not exist', async () => {
    const dir = writeProject({});
    expect(await lint(['dist/*.yaml'], dir)).toMatchObject({ code: 1, stderr: 'error: dist/*.yaml matches no file; pass the YAML files to check, such as dist/*.yaml\n' });
    expect(await lint(['nope.yaml'], dir)).toMatchObject({ code: 1, stderr: 'error: nope.yaml does not exist; pass the YAML files to check, such as dist/*.yaml\n' });
  });

  test('passes on what convert writes', async () => {
    const dir = writeProject({ 'docker-compose.yml': 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n  cache:\n    image: redis:7.4\n' });
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: dir, env: {} };
    expect(await runCli(['convert', '-o', 'out'], io)).toBe(0);
    const run = await lint([join('out', `${dir.split(/[\\/]/).pop()!.toLowerCase()}.k8s.yaml`)], dir);
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });
});
