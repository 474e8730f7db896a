import { oneService, planText, serviceOf } from './support';

describe('networks', () => {
  test('admits each service to the networks it lists, else to default', () => {
    const plan = planText('services:\n  web:\n    image: w:1.0\n    networks: [front]\n  api:\n    image: a:1.0\n    networks: [front, back]\n  db:\n    image: d:1.0\nnetworks:\n  front: {}\n  back: {internal: true}\n');
    expect(plan.networks.map(n => [n.name, n.members, n.internal])).toEqual([['front', ['web', 'api'], false], ['back', ['api'], true], ['default', ['db'], false]]);
  });

  test('gives hostname, container_name and network aliases Service names of their own', () => {
    const plan = planText(oneService('image: s:1.0\nhostname: identity\ncontainer_name: identity-svc\nnetworks:\n  default:\n    aliases: [auth, auth.local]'));
    expect(serviceOf(plan, 'svc').aliases).toEqual(['identity', 'identity-svc', 'auth']);
    expect(plan.lines).toContainEqual(expect.stringMatching(/"auth\.local" is answered by the Service "svc": a Service name cannot contain "\."/));
  });

  test('maps extra_hosts with addresses to host aliases and names the others', () => {
    const plan = planText(oneService('image: s:1.0\nextra_hosts: ["db.local:10.0.0.5", "api.local=10.0.0.5", "host.docker.internal:host-gateway"]'));
    expect(serviceOf(plan, 'svc').hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['db.local', 'api.local'] }]);
    expect(plan.lines).toContainEqual(expect.stringMatching(/extra_hosts\["host\.docker\.internal"\] host-gateway is not mapped/));
  });

  test('names fixed addresses, which are not mapped', () => {
    const plan = planText(oneService('image: s:1.0\nnetworks:\n  n:\n    ipv4_address: 172.20.0.5', 'networks:\n  n: {ipam: {config: [{subnet: 172.20.0.0/16}]}}\n'));
    expect(plan.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/services\.svc\.networks\.n fixed addresses \(ipv4_address, ipv6_address\) are not mapped/),
      expect.stringMatching(/networks\.n\.ipam is not mapped/),
    ]));
  });
});
