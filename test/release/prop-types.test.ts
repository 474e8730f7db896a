import { Chart, Testing } from 'cdk8s';
import { BlueGreenRelease, CanaryRelease, CanaryTraffic, HealthChecks } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the props are cast through any.
const image = 'eshop/catalog-api:1.0.0';
const healthChecks = HealthChecks.aspNetCore();
const chart = () => new Chart(Testing.app(), 'shop', { namespace: 'shop' });

describe('CanaryRelease and BlueGreenRelease from JavaScript', () => {
  test('throws for a traffic mode given as a string', () => {
    expect(() => new CanaryRelease(chart(), 'catalog', { image, healthChecks, traffic: 'ingress' as any }))
      .toThrow(exactly('[shop/catalog] CanaryRelease: traffic must be a CanaryTraffic (got "ingress"); pass CanaryTraffic.replicaRatio(), .gatewayApi({ gateway, path }), .ingress() or .argoRollouts()'));
  });

  test('throws for null props', () => {
    expect(() => new CanaryRelease(chart(), 'catalog', null as any))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: props must be an object \(got null\); pass an object, such as \{ image: "eshop\/catalog-api:1\.0\.0", canaryImage:/);
  });

  test('throws for a blue-green traffic mode given as a string', () => {
    expect(() => new BlueGreenRelease(chart(), 'basket', { blueImage: image, healthChecks, traffic: 'services' as any }))
      .toThrow(exactly('[shop/basket] BlueGreenRelease: traffic must be a BlueGreenTraffic (got "services"); pass BlueGreenTraffic.services() or BlueGreenTraffic.argoRollouts()'));
  });

  test('throws for a null active slot, which the default would silently replace', () => {
    expect(() => new BlueGreenRelease(chart(), 'basket', { blueImage: image, healthChecks, activeSlot: null as any }))
      .toThrow(exactly('[shop/basket] BlueGreenRelease: activeSlot must not be null (got null); pass BlueGreenSlot.BLUE or BlueGreenSlot.GREEN, or leave activeSlot out'));
  });

  test('throws for a command given as one string to both versions', () => {
    expect(() => new CanaryRelease(chart(), 'catalog', { image, healthChecks, command: 'dotnet Catalog.Api.dll' as any }))
      .toThrow(/^\[shop\/catalog\] CanaryRelease: command must be an array of strings \(got "dotnet Catalog\.Api\.dll"\); pass an array of strings/);
  });
});

describe('CanaryTraffic from JavaScript', () => {
  test('throws for a host that is not a string', () => {
    expect(() => CanaryTraffic.ingress({ host: 5 as any }))
      .toThrow(exactly('[CanaryTraffic.ingress] CanaryTraffic: host must be a string (got 5); pass a string, such as "shop.example.com"'));
  });

  test('throws for a gateway that is not an ApiGateway', () => {
    expect(() => CanaryTraffic.gatewayApi({ gateway: 'gateway' as any, path: '/catalog' }))
      .toThrow(exactly('[CanaryTraffic.gatewayApi] CanaryTraffic: gateway must be an ApiGateway (got "gateway"); pass the ApiGateway that routes to the service'));
  });
});
