import { join } from 'path';
import { App, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { ApplicationLoadBalancer, ComposeImport, GatewayKind, NetworkPolicyMode, Platform, PublishedPortExposure, Warnings } from '../../src';
import { composeCode } from '../../src/compose/pipeline';
import { dns1035LabelProblem, dns1123SubdomainProblem } from '../../src/core/names';
import { allOf, findOne, Manifest, podSpecOf, synthValid, toYaml } from '../support';
import { FIXTURES, loadGenerated, writeProject } from './support';

const FORMS = [join(FIXTURES, 'forms', 'docker-compose.yml'), join(FIXTURES, 'forms', 'docker-compose.override.yml')];

describe('ComposeImport.toStack', () => {
  test('converts the forms fixture with the defaults', () => {
    // GIVEN a compose file and its override
    // WHEN
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: FORMS });
    // THEN
    const manifests = synthValid(stack);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(stack.namespace).toBe('shop');
    expect(stack.warnings).toMatchSnapshot();
  });

  test('converts the forms fixture with every option', () => {
    const dir = join(FIXTURES, 'forms');
    const stack = ComposeImport.toStack(Testing.app(), 'shop', {
      files: FORMS,
      envFile: join(dir, '.env'),
      variables: { TAG: '2.0.0', REGISTRY: 'shop' },
      profiles: ['observability'],
      publishedPorts: PublishedPortExposure.LOAD_BALANCER,
      networkPolicy: NetworkPolicyMode.CALL_GRAPH,
      routes: { webapigw: '/' },
      backingServices: ['sqldata', 'rabbitmq', 'seq'],
      externals: { 'ordering.backgroundtasks': 'ordering.example.com' },
      projectDirectory: dir,
      buildContextRoot: join(dir, 'k8s'),
      namespace: 'shop-dev',
      appName: 'shop-app',
      platform: Platform.aksApplicationGateway({ loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }), subnetCidr: '10.225.0.0/24' }),
      imageRegistry: 'shopacr.azurecr.io',
      defaultImageTag: '2.0.0',
      gateway: { kind: GatewayKind.gatewayApi({ gatewayClassName: 'azure-alb-external' }), hostnames: ['shop.example.com'] },
      validation: { externalSecrets: ['tls'] },
      labels: { team: 'shop' },
    });
    const manifests = synthValid(stack);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(podSpecOf(findOne(manifests, 'Deployment', 'catalog-api')).containers[0].image).toBe('shopacr.azurecr.io/shop/catalog.api:2.0.0');
    expect(findOne(manifests, 'Service', 'catalog-api').spec.type).toBe('LoadBalancer');
    expect(findOne(manifests, 'Service', 'ordering-backgroundtasks').spec.type).toBe('ExternalName');
    expect(findOne(manifests, 'StatefulSet', 'seq')).toBeDefined();
    expect(stack.service('catalog-api')!.buildContext).toBe('../src/Catalog.API');
  });

  test('gives the same YAML on every run', () => {
    const once = () => Testing.synth(ComposeImport.toStack(Testing.app(), 'shop', { files: FORMS }));
    expect(toYaml(once())).toBe(toYaml(once()));
  });

  test('puts the compose warnings first in stack.warnings, and prints none', () => {
    const warn = jest.spyOn(console, 'warn');
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: FORMS });
    expect(stack.warnings[0]).toMatch(/^\[test\/compose\/fixtures\/forms\/docker-compose\.yml:\d+:\d+\] fromCompose: /);
    expect(stack.warnings).toEqual(Warnings.collect(stack));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

// ------------------------------------------------------------------ property-based tests

interface RandomService {
  readonly name: string;
  readonly kind: 'micro' | 'redis' | 'postgres';
  readonly port?: number;
  readonly published?: number;
  readonly portForm: 'short' | 'long' | 'expose';
  readonly env: { [name: string]: string };
  readonly envAsList: boolean;
  readonly dependsOn: string[];
  readonly healthyDependencies: boolean;
  readonly health: 'none' | 'curl' | 'exec' | 'disable';
  readonly interval: number;
  readonly replicas?: number;
  readonly calls: string[];
  readonly volume: boolean;
}

const serviceNames = fc.uniqueArray(fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,14}$/), { minLength: 1, maxLength: 6 });
const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}(:[A-Za-z0-9_]{1,6}){0,2}$/);
const envValue = fc.stringMatching(/^[a-zA-Z0-9 ./=;_-]{0,20}$/);

function randomService(name: string, earlier: string[]): fc.Arbitrary<RandomService> {
  return fc.record({
    name: fc.constant(name),
    kind: fc.constantFrom<RandomService['kind']>('micro', 'micro', 'micro', 'redis', 'postgres'),
    port: fc.option(fc.integer({ min: 1024, max: 9999 }), { nil: undefined }),
    published: fc.option(fc.integer({ min: 1024, max: 9999 }), { nil: undefined }),
    portForm: fc.constantFrom<RandomService['portForm']>('short', 'long', 'expose'),
    env: fc.dictionary(envName, envValue, { maxKeys: 4 }),
    envAsList: fc.boolean(),
    dependsOn: fc.subarray(earlier),
    healthyDependencies: fc.boolean(),
    health: fc.constantFrom<RandomService['health']>('none', 'curl', 'exec', 'disable'),
    interval: fc.integer({ min: 1, max: 30 }),
    replicas: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    calls: fc.subarray(earlier, { maxLength: Math.min(2, earlier.length) }),
    volume: fc.boolean(),
  });
}

const randomCompose = serviceNames.chain(names => fc.tuple(...names.map((n, i) => randomService(n, names.slice(0, i)))));

/** A compose document of random services written in random (valid) forms. */
function composeDocument(services: RandomService[]): string {
  const doc: any = { services: {}, volumes: {} };
  services.forEach((s, i) => {
    const def: any = {};
    if (s.kind === 'redis') def.image = 'redis:7.4';
    else if (s.kind === 'postgres') def.image = 'postgres:16.4';
    else def.image = `shop/svc-${i}:1.0.${i}`;
    if (s.port !== undefined) {
      if (s.portForm === 'expose') def.expose = [String(s.port)];
      else if (s.portForm === 'long') def.ports = [{ target: s.port, ...s.published !== undefined ? { published: s.published } : {} }];
      else def.ports = [s.published !== undefined ? `${s.published}:${s.port}` : String(s.port)];
    }
    const env: { [name: string]: string } = { ...s.env };
    for (const c of s.calls) env[`Calls_${c.replace(/[^A-Za-z0-9]/g, '_')}`] = `http://${c}:80/api`;
    if (Object.keys(env).length > 0) def.environment = s.envAsList ? Object.entries(env).map(([k, v]) => `${k}=${v}`) : env;
    if (s.dependsOn.length > 0) {
      def.depends_on = s.healthyDependencies
        ? Object.fromEntries(s.dependsOn.map(d => [d, { condition: 'service_healthy' }]))
        : s.dependsOn;
    }
    const port = s.port ?? 8080;
    if (s.health === 'curl') def.healthcheck = { test: ['CMD', 'curl', '-f', `http://localhost:${port}/hc`], interval: `${s.interval}s`, timeout: '1s' };
    if (s.health === 'exec') def.healthcheck = { test: 'test -f /tmp/ready', interval: `${s.interval}s`, timeout: `${s.interval}s` };
    if (s.health === 'disable') def.healthcheck = { disable: true };
    if (s.replicas !== undefined) def.deploy = { replicas: s.replicas };
    if (s.volume) {
      def.volumes = [`data-${i}:/data`];
      doc.volumes[`data-${i}`] = {};
    }
    doc.services[s.name] = def;
  });
  return stringify(doc);
}

function workloads(manifests: Manifest[]): Manifest[] {
  return [...allOf(manifests, 'Deployment'), ...allOf(manifests, 'StatefulSet'), ...allOf(manifests, 'Job')];
}

describe('random valid compose documents', () => {
  test('convert without crashing, into valid names, losing no service', () => {
    fc.assert(fc.property(randomCompose, services => {
      const dir = writeProject({ 'docker-compose.yml': composeDocument(services) });
      const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: [join(dir, 'docker-compose.yml')] });
      // synthValid: every manifest passes its Kubernetes schema, and the stack's cross-object checks pass.
      const manifests = synthValid(stack);
      for (const m of manifests) {
        expect(dns1123SubdomainProblem(m.metadata.name)).toBeUndefined();
        if (m.kind === 'Service') expect(dns1035LabelProblem(m.metadata.name)).toBeUndefined();
      }
      // One workload per compose service, each with its own name.
      const names = workloads(manifests).map(w => w.metadata.name);
      expect(names).toHaveLength(services.length);
      expect(new Set(names).size).toBe(services.length);
      // Every renamed service is reported.
      const renamed = services.filter(s => !names.includes(s.name));
      for (const s of renamed) {
        expect(stack.warnings.some(w => w.includes(`${JSON.stringify(s.name)}] is named`) || w.includes(`services.${s.name} is named`))).toBe(true);
      }
    }), { numRuns: 40 });
  });

  test('give the same YAML through init\'s TypeScript as through ComposeImport.toStack', () => {
    fc.assert(fc.property(randomCompose, services => {
      const dir = writeProject({ 'docker-compose.yml': composeDocument(services) });
      const options = { files: [join(dir, 'docker-compose.yml')] };
      const direct = new App();
      ComposeImport.toStack(direct, 'shop', options);
      const generated = new App();
      loadGenerated(composeCode(options, join(dir, 'k8s'), 'shop').code, join(dir, 'k8s')).build(generated);
      expect(generated.synthYaml()).toBe(direct.synthYaml());
    }), { numRuns: 15 });
  });
});
