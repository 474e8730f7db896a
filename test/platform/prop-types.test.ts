import { ApplicationLoadBalancer, Platform } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the options are cast through any.
describe('Platform and ApplicationLoadBalancer from JavaScript', () => {
  test('throws for a custom platform without a name', () => {
    expect(() => Platform.custom({ gatewayClassName: 'nginx' } as any))
      .toThrow(exactly('[Platform.custom] Platform: name is required (got nothing); pass a string, such as "aks-staging"'));
  });

  test('throws for resolver ranges given as one string', () => {
    expect(() => Platform.LOCAL.with({ dnsResolverCidrs: '169.254.20.10/32' as any }))
      .toThrow(exactly('[Platform(local).with] Platform: dnsResolverCidrs must be an array of strings (got "169.254.20.10/32"); pass an array of strings, such as ["169.254.20.10/32"]'));
  });

  test('throws for a managed load balancer without options', () => {
    expect(() => ApplicationLoadBalancer.managed(undefined as any))
      .toThrow(exactly('[ApplicationLoadBalancer.managed] ApplicationLoadBalancer: options is required (got nothing); pass an object, such as { namespace: "alb", name: "shop" }'));
  });
});
