import { ingressRules, ingressRulesOf, ingressSpec } from '../../../src/gateway/render/ingress';

describe('the Ingress renderer', () => {
  test('groups paths by host in order of first appearance, a path without hosts under no host', () => {
    // WHEN
    const rules = ingressRulesOf([
      { hosts: ['shop.example.com', 'admin.example.com'], path: '/catalog', pathType: 'Prefix', service: 'catalog', port: 80 },
      { hosts: [], path: '/', pathType: 'Prefix', service: 'web', port: 8080 },
      { hosts: ['shop.example.com'], path: '/basket', pathType: 'Exact', service: 'basket', port: 80 },
    ]);
    // THEN
    const path = (p: string, pathType: string, name: string, number: number) => ({
      path: p, pathType, backend: { service: { name, port: { number } } },
    });
    expect(rules).toEqual([
      { host: 'shop.example.com', http: { paths: [path('/catalog', 'Prefix', 'catalog', 80), path('/basket', 'Exact', 'basket', 80)] } },
      { host: 'admin.example.com', http: { paths: [path('/catalog', 'Prefix', 'catalog', 80)] } },
      { http: { paths: [path('/', 'Prefix', 'web', 8080)] } },
    ]);
  });

  test('renders a route table through the same rules, sending each path to its first serving backend', () => {
    // WHEN
    const rules = ingressRules([{
      key: 'catalog',
      path: '/catalog',
      match: 'PREFIX',
      hostnames: [],
      methods: [],
      headers: [],
      backends: [{ name: 'catalog-old', port: 80, weight: 0 }, { name: 'catalog', port: 80 }],
    }]);
    // THEN
    expect(rules).toEqual([{ http: { paths: [{ path: '/catalog', pathType: 'Prefix', backend: { service: { name: 'catalog', port: { number: 80 } } } }] } }]);
  });

  test('writes the class, and a TLS entry with its hosts only when there are hosts', () => {
    // THEN
    expect(ingressSpec({ ingressClassName: 'nginx', tls: { secretName: 'shop-tls', hosts: ['shop.example.com'] }, rules: [] }))
      .toEqual({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [] });
    expect(ingressSpec({ tls: { secretName: 'shop-tls', hosts: [] }, rules: [] })).toEqual({ tls: [{ secretName: 'shop-tls' }], rules: [] });
    expect(ingressSpec({ rules: [] })).toEqual({ rules: [] });
  });
});
