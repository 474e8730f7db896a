import { Chart, Testing } from 'cdk8s';
import { ClaimStorageClass, HealthChecks, NfsStorageClass, NfsVolume, ProbedDeployment } from '../../src';
import { exactly } from '../support';

// What JavaScript and jsii users can pass: the props are cast through any.
const EXPORT = { server: '10.0.0.4', path: '/srv/nfs/uploads' };
const chart = () => new Chart(Testing.app(), 'shop', { namespace: 'shop' });

describe('NfsVolume and NfsStorageClass from JavaScript', () => {
  test('throws for mount options given as one string, which would be split into characters', () => {
    expect(() => new NfsVolume(chart(), 'uploads', { ...EXPORT, mountOptions: 'nfsvers=4' as any }))
      .toThrow(exactly('[shop/uploads] NfsVolume: mountOptions must be an array of strings (got "nfsvers=4"); pass an array of strings, such as ["nfsvers=4.1", "hard"]'));
  });

  test('throws for a storage class mount options given as one string', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', mountOptions: 'nfsvers=4' as any }))
      .toThrow(exactly('[shop/nfs] NfsStorageClass: mountOptions must be an array of strings (got "nfsvers=4"); pass an array of strings, such as ["nfsvers=4.1", "hard"]'));
  });

  test('throws for a storage class given by its name', () => {
    expect(() => new NfsVolume(chart(), 'uploads', { storageClass: 'nfs-csi' as any }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: storageClass must be a ClaimStorageClass \(got "nfs-csi"\); pass ClaimStorageClass\.named\("nfs-csi"\)/);
  });

  test('throws for an access mode given as one string', () => {
    expect(() => new NfsVolume(chart(), 'uploads', { ...EXPORT, accessModes: 'ReadWriteMany' as any }))
      .toThrow(exactly('[shop/uploads] NfsVolume: accessModes must be an array of kplus.PersistentVolumeAccessMode values (got "ReadWriteMany"); pass an array of kplus.PersistentVolumeAccessMode values'));
  });

  test('throws for a read-only flag given as a string when mounting', () => {
    const c = chart();
    const volume = new NfsVolume(c, 'uploads', EXPORT);
    const catalog = new ProbedDeployment(c, 'catalog', { image: 'eshop/catalog-api:1.0.0', healthChecks: HealthChecks.aspNetCore() });
    expect(() => volume.mount(catalog, '/app/uploads', { readOnly: 'true' as any }))
      .toThrow(exactly('[shop/uploads] NfsVolume: mount.readOnly must be true or false (got "true"); pass true or false'));
  });

  test('throws for a null storage class name', () => {
    expect(() => ClaimStorageClass.named(null as any))
      .toThrow(exactly('[ClaimStorageClass.named] ClaimStorageClass: storageClassName must be a string (got null); pass a string, such as "nfs-csi"'));
  });
});
