import { isClusterScoped, objectKey } from '../../src/core/objects';

describe('objectKey', () => {
  test('tells namespaced objects of one name apart by namespace', () => {
    expect(objectKey('Service', 'shop', 'catalog')).not.toEqual(objectKey('Service', 'admin', 'catalog'));
    expect(objectKey('Service', 'shop', 'catalog')).not.toEqual(objectKey('ConfigMap', 'shop', 'catalog'));
  });

  test('ignores the namespace of cluster-scoped kinds, which the API server ignores too', () => {
    expect(isClusterScoped('PersistentVolume')).toBe(true);
    expect(objectKey('PersistentVolume', 'shop', 'uploads')).toEqual(objectKey('PersistentVolume', undefined, 'uploads'));
    expect(objectKey('Namespace', 'default', 'shop')).toEqual(objectKey('Namespace', '', 'shop'));
  });

  test('reads an undefined namespace as none', () => {
    expect(objectKey('Secret', undefined, 'db')).toEqual(objectKey('Secret', '', 'db'));
  });
});
