import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  GatewayKind, HealthChecks, HealthProbe, ImagePolicy, ManifestValidator, MicroserviceStack, MicroserviceStackProps, NetworkPolicyMode, Platform,
  PodSecurityLevel, ServiceExposure,
} from '../../src';
import { allOf, findOne, podSpecOf, synthValid } from '../support';

const healthChecks = HealthChecks.of({ readiness: HealthProbe.tcpSocket() });

function stack(props: MicroserviceStackProps = {}): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', ...props });
}

describe('MicroserviceStack Pod Security', () => {
  test('has its namespace enforce the weakest level a workload needs, and warn and audit at restricted', () => {
    // GIVEN a restricted service and a baseline one
    const s = stack();
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    s.addService('web', { image: 'nginx:1.27', ports: [{ port: 80 }], healthChecks, podSecurity: PodSecurityLevel.BASELINE });
    // THEN
    const m = synthValid(s);
    expect(findOne(m, 'Namespace').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(s.podSecurity).toBe(PodSecurityLevel.BASELINE);
    expect(findOne(m, 'Deployment', 'web').metadata.annotations).toEqual({ 'k8s-course-constructs/pod-security': 'baseline' });
    expect(findOne(m, 'Deployment', 'catalog').metadata.annotations).toBeUndefined();
  });

  test('enforces privileged only when a workload asks for it', () => {
    const s = stack();
    s.addBackingService('vpn', { image: 'eshop/vpn:1.0.0', port: 1194, podSecurity: PodSecurityLevel.PRIVILEGED, addCapabilities: ['NET_ADMIN'] });
    const m = synthValid(s);
    expect(findOne(m, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(findOne(m, 'StatefulSet', 'vpn').metadata.annotations).toEqual({ 'k8s-course-constructs/pod-security': 'privileged' });
  });

  test('counts a sidecar\'s level in its workload\'s', () => {
    const s = stack();
    s.addJob('backup', { image: 'eshop/backup:1.0.0', sidecars: [{ name: 'agent', image: 'eshop/agent:1.0.0', podSecurity: PodSecurityLevel.BASELINE }] });
    expect(findOne(synthValid(s), 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  test('passes its own checks when a workload is baseline, as the namespace allows it', () => {
    const s = stack({ createNamespace: false });
    s.addService('web', { image: 'nginx:1.27', ports: [{ port: 80 }], healthChecks, podSecurity: PodSecurityLevel.BASELINE });
    expect(ManifestValidator.validateChart(s)).toEqual([]);
  });

  test('throws at synth with requireRestricted, listing every workload that is not restricted', () => {
    const s = stack({ requireRestricted: true });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    s.addService('web', { image: 'nginx:1.27', ports: [{ port: 80 }], healthChecks, podSecurity: PodSecurityLevel.BASELINE });
    s.addBackingService('es', { image: 'elasticsearch:8.15.0', port: 9200, podSecurity: PodSecurityLevel.BASELINE });
    expect(() => Testing.synth(s)).toThrow(/\[shop\] MicroserviceStack: requireRestricted must hold for every workload, but addService\("web"\) is BASELINE, addBackingService\("es"\) is BASELINE \(got true\); run each of them restricted \(a numeric non-root runAsUser, readOnlyRootFilesystem with writablePaths for what it writes, no capabilities but NET_BIND_SERVICE\), or drop requireRestricted/);
  });

  test('throws for options a workload\'s level does not allow, naming the part', () => {
    expect(() => stack().addService('web', { image: 'nginx:1.27', addCapabilities: ['CHOWN'] }))
      .toThrow(/\[shop\/web\] MicroserviceStack: addService\("web"\)\.addCapabilities needs PodSecurityLevel\.BASELINE \(the container keeps to RESTRICTED\) \(got \["CHOWN"\]\); set podSecurity: PodSecurityLevel\.BASELINE, or drop addCapabilities/);
  });
});

describe('MicroserviceStack NetworkPolicies', () => {
  test('CALL_GRAPH (the default) opens every port of a callee, with its protocol, to its callers', () => {
    const s = stack();
    s.addBackingService('rabbitmq', { image: 'rabbitmq:3.13-management', ports: [{ port: 5672 }, { port: 15672 }] });
    s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', talksTo: ['rabbitmq'] });
    const m = synthValid(s);
    expect(s.networkPolicy).toBe(NetworkPolicyMode.CALL_GRAPH);
    expect(findOne(m, 'NetworkPolicy', 'allow-ordering').spec.egress).toEqual([{
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rabbitmq' } } }],
      ports: [{ protocol: 'TCP', port: 5672 }, { protocol: 'TCP', port: 15672 }],
    }]);
  });

  test('CALL_GRAPH lets a backing service call what it talks to', () => {
    const s = stack();
    s.addExternal('smtp', 'smtp.example.com', { port: 587 });
    s.addBackingService('mailer', { image: 'eshop/mailer:1.0.0', port: 2525, talksTo: ['smtp'] });
    expect(findOne(synthValid(s), 'NetworkPolicy', 'allow-mailer').spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 587 }] }]);
  });

  test('NETWORKS admits the members of each network on their ports, the gateway where routed, anyone where exposed, and leaves egress open', () => {
    // GIVEN compose-style networks: web and api on "front", api and db on "back"
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS });
    s.addService('web', { image: 'eshop/web:1.0.0', networks: ['front'], routes: [{ path: '/' }] });
    s.addService('api', { image: 'eshop/api:1.0.0', networks: ['front', 'back'], exposure: ServiceExposure.nodePort(30080) });
    s.addBackingService('db', { image: 'postgres:16', port: 5432, networks: ['back'] });
    s.addService('resolver', { image: 'coredns/coredns:1.11.3', ports: [{ port: 53, protocol: kplus.Protocol.UDP }], healthChecks: HealthChecks.none(), networks: ['back'] });
    // THEN
    const m = synthValid(s);
    const members = (network: string) => ({ podSelector: { matchLabels: { [`network.k8s-course-constructs.io/${network}`]: 'true' } } });
    expect(findOne(m, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(allOf(m, 'NetworkPolicy').map(p => p.metadata.name)).toEqual(['default-deny', 'allow-web', 'allow-gateway', 'allow-api', 'allow-db', 'allow-resolver']);
    const web = findOne(m, 'NetworkPolicy', 'allow-web').spec;
    expect(web.policyTypes).toEqual(['Ingress']);
    expect(web.ingress).toEqual([
      { from: [members('front')], ports: [{ protocol: 'TCP', port: 8080 }] },
      { from: [{ podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    expect(findOne(m, 'NetworkPolicy', 'allow-api').spec.ingress).toEqual([
      { from: [members('back'), members('front')], ports: [{ protocol: 'TCP', port: 8080 }] },
      { ports: [{ protocol: 'TCP', port: 8080 }] },
    ]);
    expect(findOne(m, 'NetworkPolicy', 'allow-db').spec.ingress).toEqual([{ from: [members('back')], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(findOne(m, 'NetworkPolicy', 'allow-resolver').spec.ingress).toEqual([{ from: [members('back')], ports: [{ protocol: 'UDP', port: 53 }] }]);
    expect(findOne(m, 'NetworkPolicy', 'allow-gateway').spec).toEqual({
      podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } }, policyTypes: ['Ingress'], ingress: [{}],
    });
  });

  test('NETWORKS labels every pod with its networks, and only then', () => {
    const labelsOf = (m: any[], kind: string, name: string) => findOne(m, kind, name).spec.template.metadata.labels;
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS });
    s.addService('api', { image: 'eshop/api:1.0.0', networks: ['front', 'back'], sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' }] });
    s.addBackingService('db', { image: 'postgres:16', port: 5432, networks: ['back'] });
    s.addJob('migrate', { image: 'eshop/migrate:1.0.0' });
    s.addService('isolated', { image: 'eshop/isolated:1.0.0', networks: [] });
    const m = synthValid(s);
    const net = (n: string) => `network.k8s-course-constructs.io/${n}`;
    expect(labelsOf(m, 'Deployment', 'api')).toMatchObject({ [net('front')]: 'true', [net('back')]: 'true' });
    expect(labelsOf(m, 'StatefulSet', 'db')).toMatchObject({ [net('back')]: 'true' });
    expect(Object.keys(labelsOf(m, 'StatefulSet', 'db'))).not.toContain(net('front'));
    expect(labelsOf(m, 'Job', 'migrate')).toMatchObject({ [net('default')]: 'true' });
    expect(Object.keys(labelsOf(m, 'Deployment', 'isolated')).filter(k => k.startsWith('network.'))).toEqual([]);
    // No peers: no ingress from the stack, as before.
    expect(findOne(m, 'NetworkPolicy', 'allow-isolated').spec.ingress).toEqual([]);
    // The selectors stay what they were: the labels are on the pods only.
    expect(findOne(m, 'Deployment', 'api').spec.selector.matchLabels).not.toHaveProperty(net('front'));
    // Other modes write no network labels.
    const call = stack();
    call.addService('api', { image: 'eshop/api:1.0.0', networks: ['front'] });
    expect(Object.keys(labelsOf(synthValid(call), 'Deployment', 'api')).filter(k => k.startsWith('network.'))).toEqual([]);
  });

  test('NETWORKS gives a network name that is not a valid label name a valid, distinct label', () => {
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS });
    const long = 'n'.repeat(70);
    s.addService('a', { image: 'eshop/a:1.0.0', networks: ['my net', 'my_net', 'my-net!', long, '_x'] });
    const keys = Object.keys(findOne(synthValid(s), 'Deployment', 'a').spec.template.metadata.labels).filter(k => k.startsWith('network.'));
    expect(keys).toHaveLength(5);
    expect(keys).toContain('network.k8s-course-constructs.io/my_net');
    for (const key of keys) {
      const name = key.slice('network.k8s-course-constructs.io/'.length);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
    }
    expect(keys.filter(k => k.includes('my-net'))).toHaveLength(2);
  });

  test('NETWORKS policies do not grow with the number of services on a network', () => {
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS, internalNetworks: ['default'] });
    for (let i = 0; i < 50; i++) s.addService(`svc-${i}`, { image: 'eshop/svc:1.0.0', healthChecks: HealthChecks.none() });
    const policies = allOf(synthValid(s), 'NetworkPolicy').filter(p => p.metadata.name.startsWith('allow-svc-'));
    expect(policies).toHaveLength(50);
    const peer = { podSelector: { matchLabels: { 'network.k8s-course-constructs.io/default': 'true' } } };
    for (const p of policies) {
      expect(p.spec.ingress).toEqual([{ from: [peer], ports: [{ protocol: 'TCP', port: 8080 }] }]);
      expect(p.spec.egress[1]).toEqual({ to: [peer] });
    }
  });

  test('NETWORKS lets an in-cluster gateway reach the services it routes to', () => {
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS, gateway: { kind: GatewayKind.yarp() }, platform: Platform.LOCAL });
    s.addService('web', { image: 'eshop/web:1.0.0', routes: [{ path: '/' }] });
    const m = synthValid(s);
    expect(findOne(m, 'NetworkPolicy', 'allow-web').spec.ingress[1].from).toContainEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } });
    expect(findOne(m, 'NetworkPolicy', 'allow-gateway').spec.policyTypes).toEqual(['Ingress']);
  });

  test('NONE (or networkPolicies: false) draws no policies', () => {
    const none = NetworkPolicyMode.NONE;
    for (const props of [{ networkPolicy: none }, { networkPolicies: false }, { networkPolicies: false, networkPolicy: none }]) {
      const s = stack(props);
      s.addService('web', { image: 'eshop/web:1.0.0', routes: [{ path: '/' }] });
      expect(allOf(synthValid(s), 'NetworkPolicy')).toEqual([]);
    }
  });

  test('throws for networkPolicies: false with another mode', () => {
    expect(() => stack({ networkPolicies: false, networkPolicy: NetworkPolicyMode.NETWORKS }))
      .toThrow(/^\[shop\] MicroserviceStack: networkPolicy must be NONE \(or left out\) with networkPolicies: false \(got "NETWORKS"\); drop networkPolicies: false, or drop networkPolicy/);
  });

  test('throws for a mode that is not a NetworkPolicyMode', () => {
    expect(() => stack({ networkPolicy: 'compose' as NetworkPolicyMode })).toThrow(/\[shop\] MicroserviceStack: networkPolicy must be a NetworkPolicyMode \(got "compose"\)/);
  });
});

describe('MicroserviceStack image policy', () => {
  test('ALLOW_UNPINNED lets untagged and latest images through, pulled every time as Kubernetes defaults them', () => {
    const s = stack({ imagePolicy: ImagePolicy.ALLOW_UNPINNED });
    s.addService('seq', { image: 'datalust/seq:latest', ports: [{ port: 80 }], healthChecks, podSecurity: PodSecurityLevel.BASELINE });
    s.addBackingService('cache', { image: 'redis', port: 6379 });
    const m = synthValid(s);
    expect(podSpecOf(findOne(m, 'Deployment', 'seq')).containers[0]).toMatchObject({ image: 'datalust/seq:latest', imagePullPolicy: 'Always' });
    expect(podSpecOf(findOne(m, 'StatefulSet', 'cache')).containers[0]).toMatchObject({ image: 'redis', imagePullPolicy: 'Always' });
  });

  test('still appends the default tag to untagged images under ALLOW_UNPINNED', () => {
    const s = stack({ imagePolicy: ImagePolicy.ALLOW_UNPINNED, defaultImageTag: 'dev' });
    s.addJob('migrate', { image: 'eshop/migrate' });
    expect(podSpecOf(findOne(synthValid(s), 'Job', 'migrate')).containers[0].image).toBe('eshop/migrate:dev');
  });

  test('refuses a broken reference under any policy', () => {
    expect(() => stack({ imagePolicy: ImagePolicy.ALLOW_UNPINNED }).addJob('migrate', { image: 'eshop/Migrate' }))
      .toThrow(/\[shop\/migrate\] MicroserviceStack: image has an invalid repository path "eshop\/Migrate".*\(got "eshop\/Migrate"\); use "eshop\/migrate"/);
  });

  test('names the stack\'s policy in the fix for latest under REQUIRE_PINNED', () => {
    expect(() => stack().addBackingService('cache', { image: 'redis:latest', port: 6379 }))
      .toThrow(/\[shop\/cache\] MicroserviceStack: image must not use the tag "latest".*tag each build with its version, or set imagePolicy: ImagePolicy\.ALLOW_UNPINNED on the stack/);
  });
});
