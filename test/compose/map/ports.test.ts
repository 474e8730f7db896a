import { containerOf, oneService, planText, serviceOf } from './support';

describe('ports', () => {
  test('makes every declared port a container and Service port, UDP ranges expanded, with its protocol', () => {
    // GIVEN a UDP range, the same number over TCP and UDP, and a named long-form port
    const plan = planText(oneService('image: s:1.0\nports:\n  - "3478:3478/udp"\n  - "3478:3478"\n  - "5000-5002:5000-5002/udp"\n  - {target: 8443, published: "443", name: https}\nexpose: ["9090"]'));
    // THEN each is a port of the container and the Service, named by protocol unless named
    expect(serviceOf(plan, 'svc').ports.map(p => `${p.name}:${p.port}/${p.protocol}`)).toEqual([
      'udp-3478:3478/UDP', 'tcp-3478:3478/TCP', 'udp-5000:5000/UDP', 'udp-5001:5001/UDP', 'udp-5002:5002/UDP', 'https:8443/TCP', 'tcp-9090:9090/TCP',
    ]);
    expect(serviceOf(plan, 'svc').published).toContainEqual({ port: 8443, published: 443, protocol: 'TCP', hostIp: undefined });
  });

  test('invents no port for a service that declares none and whose image is unknown', () => {
    const plan = planText(oneService('image: shop/worker:1.0'));
    expect(containerOf(plan, 'svc').ports).toEqual([]);
    expect(containerOf(plan, 'svc').probes).toEqual({ from: 'none' });
  });

  test('adds the ports a well-known image always opens, after the declared ones', () => {
    const plan = planText(oneService('image: rabbitmq:3.13-management\nports: ["15672:15672"]'));
    expect(containerOf(plan, 'svc').ports.map(p => p.port)).toEqual([15672, 5672, 4369, 25672, 15692]);
  });

  test('warns above 100 ports, and for an empty port, a host IP and host mode', () => {
    const plan = planText(oneService('image: s:1.0\nports:\n  - "10000-10100:10000-10100"\n  - "${NOT_SET}"\n  - "127.0.0.1:8080:8080"\n  - {target: 81, published: "81", mode: host}'));
    expect(plan.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/services\.svc\.ports declares 103 ports: each is a container port and a port of the Service/),
      expect.stringMatching(/services\.svc\.ports\[1\] is empty \(a variable that is not set\?\) and is not mapped/),
      expect.stringMatching(/services\.svc\.ports\[2\] host IP 127\.0\.0\.1 is not mapped/),
      expect.stringMatching(/services\.svc\.ports\[3\] mode host is not mapped/),
    ]));
  });
});
