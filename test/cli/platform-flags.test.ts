import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/program';
import { writeProject } from '../compose/support';
import { allOf, findOne, Manifest } from '../support';

const COMPOSE = 'services:\n  web:\n    image: web:1.0.0\n    ports: ["8080:8080"]\n';
const ALB_ID = '/subscriptions/0000/resourceGroups/shop/providers/Microsoft.ServiceNetworking/trafficControllers/alb';

async function convert(args: string[]): Promise<{ code: number; stderr: string; manifests: Manifest[] }> {
  const dir = writeProject({ 'docker-compose.yml': COMPOSE });
  let stderr = '';
  const io: CliIo = { stdout: () => undefined, stderr: t => (stderr += t), cwd: dir, env: {} };
  const code = await runCli(['convert', '--name', 'shop', ...args], io);
  const manifests = code === 0
    ? parseAllDocuments(readFileSync(join(dir, 'dist', 'shop.k8s.yaml'), 'utf-8')).map(d => d.toJS()).filter(m => m?.kind)
    : [];
  return { code, stderr: stderr.split('\n').filter(l => l.startsWith('error: ')).join('\n'), manifests };
}

function gateway(manifests: Manifest[]): Manifest {
  return findOne(manifests, 'Gateway');
}

describe('--platform', () => {
  test.each([
    ['local', [], 'nginx'],
    ['local-envoy', [], 'eg'],
    ['aks-app-routing', [], 'approuting-istio'],
    ['gke', [], 'gke-l7-global-external-managed'],
    ['gke', ['--gateway-class', 'gke-l7-rilb', '--proxy-only-subnet', '10.129.0.0/23'], 'gke-l7-rilb'],
  ])('%s %j renders a Gateway of class %s', async (platform, flags, gatewayClass) => {
    const run = await convert(['--platform', platform, ...flags]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(gateway(run.manifests).spec.gatewayClassName).toBe(gatewayClass);
  });

  test('aks with a managed ALB annotates the Gateway and admits the delegated subnet', async () => {
    const run = await convert(['--platform', 'aks', '--alb-namespace', 'alb-infra', '--alb-name', 'alb', '--gateway-subnet', '10.225.0.0/24']);
    expect(run.code).toBe(0);
    expect(gateway(run.manifests).metadata.annotations).toMatchObject({
      'alb.networking.azure.io/alb-namespace': 'alb-infra',
      'alb.networking.azure.io/alb-name': 'alb',
    });
    const policies = JSON.stringify(allOf(run.manifests, 'NetworkPolicy'));
    expect(policies).toContain('10.225.0.0/24');
  });

  test('aks with a load balancer of your own names it and its frontend', async () => {
    const run = await convert(['--platform', 'aks', '--alb-id', ALB_ID, '--alb-frontend', 'shop', '--gateway-subnet', '10.225.0.0/24']);
    expect(run.code).toBe(0);
    expect(gateway(run.manifests).metadata.annotations['alb.networking.azure.io/alb-id']).toBe(ALB_ID);
    expect(gateway(run.manifests).spec.addresses).toEqual([{ type: 'alb.networking.azure.io/alb-frontend', value: 'shop' }]);
  });

  test.each([
    [['--platform', 'aks', '--gateway-subnet', '10.225.0.0/24'],
      /^error: --platform aks needs the Application Gateway for Containers that programs the Gateway: pass --alb-namespace and --alb-name .*, or --alb-id and --alb-frontend/],
    [['--platform', 'aks', '--alb-namespace', 'alb-infra', '--gateway-subnet', '10.225.0.0/24'],
      /^error: --alb-name is missing: --alb-namespace and --alb-name go together$/],
    [['--platform', 'aks', '--alb-namespace', 'alb-infra', '--alb-name', 'alb'],
      /^error: --platform aks needs --gateway-subnet <cidr>: Application Gateway for Containers reaches the pods from the subnet delegated to it/],
    [['--platform', 'aks', '--alb-name', 'alb', '--alb-namespace', 'a', '--alb-id', ALB_ID, '--alb-frontend', 'f', '--gateway-subnet', '10.225.0.0/24'],
      /^error: --alb-namespace\/--alb-name .* and --alb-id\/--alb-frontend .* name two Application Gateways for Containers; pass one pair$/],
    [['--platform', 'aks', '--alb-id', 'alb', '--alb-frontend', 'shop', '--gateway-subnet', '10.225.0.0/24'],
      /^error: --alb-id must be the resource id of an Application Gateway for Containers \(got "alb"\); get it with az network alb show/],
    [['--platform', 'aks', '--alb-namespace', 'a', '--alb-name', 'b', '--gateway-subnet', '10.225.0.0'],
      /^error: --gateway-subnet must be an IPv4 address range a\.b\.c\.d\/n \(got "10\.225\.0\.0"\); such as --gateway-subnet 10\.225\.0\.0\/24$/],
    [['--platform', 'gke', '--gateway-class', 'gke-l7-rilb'],
      /^error: --gateway-class gke-l7-rilb needs --proxy-only-subnet <cidr>: its proxies send from the region's proxy-only subnet/],
    [['--platform', 'gke', '--alb-name', 'alb'],
      /^error: --alb-name is an option of --platform aks \(got --platform gke\); leave it out, or pass --platform aks$/],
    [['--gateway-class', 'eg'],
      /^error: --gateway-class is an option of --platform gke \(got --platform local\); leave it out, or pass --platform gke$/],
  ])('throws for %j with the flag to add or remove', async (args, message) => {
    const run = await convert(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
