import { Chart, Testing } from 'cdk8s';
import { ExternalService } from '../../src';
import { findOne, synthValid, toYaml } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

describe('ExternalService', () => {
  test('synthesizes an ExternalName Service with defaults', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new ExternalService(c, 'orders-db', { externalName: 'orders.postgres.database.azure.com' });
    // THEN
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const svc = findOne(manifests, 'Service');
    expect(svc.spec.type).toBe('ExternalName');
    expect(svc.spec.externalName).toBe('orders.postgres.database.azure.com');
    expect(svc.metadata.name).toMatch(/^shop-orders-db-c8[0-9a-f]{6}$/);
  });

  test('has no selector, so it never selects pods', () => {
    const c = chart();
    new ExternalService(c, 'orders-db', { name: 'orders-db', externalName: 'orders.example.com' });
    expect(findOne(synthValid(c), 'Service', 'orders-db').spec.selector).toBeUndefined();
  });

  test('synthesizes every prop', () => {
    const c = chart();
    const ext = new ExternalService(c, 'orders-db', {
      name: 'orders-db',
      externalName: 'orders.postgres.database.azure.com',
    });
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(findOne(manifests, 'Service', 'orders-db').spec).toEqual({ type: 'ExternalName', externalName: 'orders.postgres.database.azure.com' });
    expect(ext.externalName).toBe('orders.postgres.database.azure.com');
  });

  test('throws for an IP address, pointing at a Service with an EndpointSlice', () => {
    expect(() => new ExternalService(chart(), 'db', { externalName: '10.0.0.5' }))
      .toThrow(/^\[shop\/db\] ExternalService: externalName must be a DNS name, not an IP address \(got "10\.0\.0\.5"\); ExternalName works by CNAME; for an IP use a Service without selector and an EndpointSlice/);
  });

  test.each(['Orders.Example.com', 'orders_db.example.com', '-orders.example.com', ''])('throws for the invalid host %p', (host) => {
    expect(() => new ExternalService(chart(), 'db', { externalName: host }))
      .toThrow(/^\[shop\/db\] ExternalService: externalName must .*; pass the dependency's DNS name/);
  });

  test('throws for an invalid Service name', () => {
    expect(() => new ExternalService(chart(), 'db', { name: 'Orders_DB', externalName: 'orders.example.com' }))
      .toThrow(/\[shop\/db\/Resource\] ExternalService: name must be a DNS-1035 label.*\(got "Orders_DB"\); Service names become DNS names; use a lowercase name such as "orders-db"/);
  });
});
