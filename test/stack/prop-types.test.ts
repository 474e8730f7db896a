import { Testing } from 'cdk8s';
import { MicroserviceStack, SecretValue, ServiceMount } from '../../src';
import { exactly, synthValid } from '../support';

// What JavaScript and jsii users can pass: the options are cast through any.
const image = 'eshop/catalog-api:1.0.0';
const stack = () => new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop' });

describe('MicroserviceStack from JavaScript', () => {
  test('throws for a plain string where a secret goes, without printing it', () => {
    expect(() => stack().addService('web', { image, secrets: { A: 'plain' } as any }))
      .toThrow(exactly('[eshop] MicroserviceStack: addService("web").secrets.A must be a SecretValue (got "<redacted>"); pass SecretValue.literal(...) or SecretValue.fromSecret("name", "key"); plain values go in env or config'));
  });

  test('throws for a configuration value that is not a string, which would reach the ConfigMap', () => {
    expect(() => stack().addService('web', { image, config: { A: 5 } as any }))
      .toThrow(exactly('[eshop] MicroserviceStack: addService("web").config.A must be a string (got 5); pass the value as a string: "5"'));
  });

  test('throws for a command given as one string', () => {
    expect(() => stack().addService('web', { image, command: 'sh -c x' as any }))
      .toThrow(exactly('[eshop] MicroserviceStack: addService("web").command must be an array of strings (got "sh -c x"); pass an array of strings, such as ["dotnet", "Catalog.Api.dll"]'));
  });

  test('takes env as plain strings, as its type says', () => {
    const s = stack();
    s.addService('web', { image, env: { A: '1' } });
    expect(() => synthValid(s)).not.toThrow();
  });

  test('throws for a null service name', () => {
    expect(() => stack().addService(null as any, { image }))
      .toThrow(exactly('[eshop] MicroserviceStack: addService.name must be a string (got null); pass a string, such as "catalog"'));
  });

  test('throws for null service options', () => {
    expect(() => stack().addService('web', null as any))
      .toThrow(exactly('[eshop] MicroserviceStack: addService.options must be an object (got null); pass an object, such as { image: "eshop/catalog-api:1.0.0" }'));
  });

  test('throws for missing backing service options', () => {
    expect(() => stack().addBackingService('db', undefined as any))
      .toThrow(exactly('[eshop] MicroserviceStack: addBackingService.options is required (got nothing); pass an object, such as { image: "postgres:16", port: 5432 }'));
  });

  test('throws for a volume whose mount options are one string', () => {
    expect(() => stack().addVolume('files', { server: '10.0.0.4', path: '/srv/nfs/files', mountOptions: 'nfsvers=4' as any }))
      .toThrow(/^\[eshop\] MicroserviceStack: addVolume\("files"\)\.mountOptions must be an array of strings \(got "nfsvers=4"\)/);
  });

  test('throws for a value under a secret-looking name without printing it', () => {
    expect(() => stack().addService('web', { image, env: { DB_PASSWORD: 123456 } as any }))
      .toThrow(exactly('[eshop] MicroserviceStack: addService("web").env.DB_PASSWORD must be a string (got "<redacted>"); pass the value as a string: "<redacted>"'));
  });

  test('throws for null stack props', () => {
    expect(() => new MicroserviceStack(Testing.app(), 'eshop', null as any))
      .toThrow(exactly('[eshop] MicroserviceStack: props must be an object (got null); pass an object, such as { namespace: "shop", platform: Platform.LOCAL }'));
  });

  test('throws for a platform given by its name', () => {
    expect(() => new MicroserviceStack(Testing.app(), 'eshop', { platform: 'AKS' as any }))
      .toThrow(exactly('[eshop] MicroserviceStack: platform must be a Platform (got "AKS"); pass Platform.LOCAL, Platform.AKS, Platform.GKE or a Platform.custom(...)'));
  });
});

describe('SecretValue and ServiceMount from JavaScript', () => {
  test('throws for a literal secret that is not a string, without printing it', () => {
    expect(() => SecretValue.literal(123456 as any))
      .toThrow(exactly('[SecretValue.literal] SecretValue: value must be a string (got "<redacted>"); pass the secret as a string, such as process.env.DB_PASSWORD'));
  });

  test('throws for a secret reference without its key', () => {
    expect(() => SecretValue.fromSecret('catalog-db', undefined as any))
      .toThrow(exactly('[SecretValue.fromSecret] SecretValue: key is required (got nothing); pass a string, such as "connection-string"'));
  });

  test('throws for a mount target that is not a string', () => {
    expect(() => ServiceMount.file(5 as any, './appsettings.json'))
      .toThrow(exactly('[ServiceMount.file] ServiceMount: target must be a string (got 5); pass a string, such as "/app/config"'));
  });
});
