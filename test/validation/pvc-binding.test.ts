import { pvcBindingProblems, quantityToBytes } from '../../src/validation/pvc-binding';

function pv(spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'uploads-pv', ...metadata },
    spec: {
      accessModes: ['ReadWriteMany'],
      capacity: { storage: '10Gi' },
      storageClassName: '',
      claimRef: { name: 'uploads', namespace: 'shop' },
      nfs: { server: '10.0.0.4', path: '/srv/nfs/uploads' },
      ...spec,
    },
  };
}

function pvc(spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'uploads', namespace: 'shop', ...metadata },
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: '',
      volumeName: 'uploads-pv',
      ...spec,
    },
  };
}

describe('pvcBindingProblems', () => {
  test('finds nothing for a pair pre-bound both ways', () => {
    expect(pvcBindingProblems(pv(), pvc(), { exclusive: true })).toEqual([]);
  });

  test('finds a claim without storageClassName: the default class would be written into it', () => {
    expect(pvcBindingProblems(pv(), pvc({ storageClassName: undefined })))
      .toEqual(['the claim has no storageClassName, so the cluster\'s default StorageClass is written into it and it will not bind to a volume of class ""']);
  });

  test('finds unequal storage classes, reading the beta annotation too', () => {
    expect(pvcBindingProblems(pv(), pvc({ storageClassName: 'nfs-csi' }))).toEqual(['the claim\'s storageClassName "nfs-csi" differs from the volume\'s ""']);
    expect(pvcBindingProblems(pv(), pvc({}, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'standard' } })))
      .toEqual(['the claim\'s storageClassName "standard" differs from the volume\'s ""']);
  });

  test('treats a volume without storageClassName as class ""', () => {
    expect(pvcBindingProblems(pv({ storageClassName: undefined }), pvc())).toEqual([]);
  });

  test('finds access modes the volume does not offer', () => {
    expect(pvcBindingProblems(pv({ accessModes: ['ReadWriteOnce'] }), pvc()))
      .toEqual(['the volume does not offer the access modes ReadWriteMany (it has ReadWriteOnce)']);
    expect(pvcBindingProblems(pv({ accessModes: ['ReadWriteMany', 'ReadOnlyMany'] }), pvc({ accessModes: ['ReadOnlyMany'] }))).toEqual([]);
    expect(pvcBindingProblems(pv(), pvc({ accessModes: [] }))).toEqual(['the claim has no accessModes']);
  });

  test('compares capacity and request as quantities', () => {
    expect(pvcBindingProblems(pv({ capacity: { storage: '10Gi' } }), pvc({ resources: { requests: { storage: '10240Mi' } } }))).toEqual([]);
    expect(pvcBindingProblems(pv({ capacity: { storage: '10G' } }), pvc({ resources: { requests: { storage: '10Gi' } } })))
      .toEqual(['the volume\'s capacity 10G is smaller than the claim\'s request 10Gi']);
    expect(pvcBindingProblems(pv({ capacity: undefined }), pvc())).toEqual(['the volume has no capacity.storage']);
    expect(pvcBindingProblems(pv({ capacity: { storage: 'ten' } }), pvc())).toEqual(['the volume\'s capacity "ten" is not a quantity']);
  });

  test('finds a volumeName naming another volume', () => {
    expect(pvcBindingProblems(pv(), pvc({ volumeName: 'other' }))).toEqual(['the claim\'s volumeName is "other", not the volume\'s name "uploads-pv"']);
  });

  test('finds a claimRef naming another claim, and one without namespace (which matches no claim)', () => {
    expect(pvcBindingProblems(pv({ claimRef: { name: 'other', namespace: 'shop' } }), pvc()))
      .toEqual(['the volume\'s claimRef.name is "other", not the claim\'s name "uploads"']);
    expect(pvcBindingProblems(pv({ claimRef: { name: 'uploads', namespace: 'admin' } }), pvc()))
      .toEqual(['the volume\'s claimRef.namespace is "admin", not the claim\'s namespace "shop"']);
    // What cdk8s-plus's PersistentVolume.reserve() renders: Kubernetes compares namespaces as they are.
    expect(pvcBindingProblems(pv({ claimRef: { name: 'uploads' } }), pvc()))
      .toEqual(['the volume\'s claimRef has no namespace, so it matches no claim']);
  });

  test('requires pre-binding both ways only when asked for exclusive binding', () => {
    const loose = [pv({ claimRef: undefined }), pvc({ volumeName: undefined })] as const;
    expect(pvcBindingProblems(...loose)).toEqual([]);
    expect(pvcBindingProblems(...loose, { exclusive: true })).toEqual([
      'the claim has no volumeName, so it may bind to another volume',
      'the volume has no claimRef, so another claim may take it',
    ]);
  });

  test('finds unequal volume modes', () => {
    expect(pvcBindingProblems(pv({ volumeMode: 'Block' }), pvc())).toEqual(['the claim\'s volumeMode Filesystem differs from the volume\'s Block']);
  });

  test('applies the claim selector only when the claim is not pre-bound', () => {
    const selector = { matchLabels: { app: 'uploads' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fast'] }] };
    expect(pvcBindingProblems(pv(), pvc({ selector }))).toEqual([]);
    expect(pvcBindingProblems(pv(), pvc({ selector, volumeName: undefined }))).toEqual(['the claim\'s selector does not match the volume\'s labels']);
    expect(pvcBindingProblems(pv({}, { labels: { app: 'uploads', tier: 'fast' } }), pvc({ selector, volumeName: undefined }))).toEqual([]);
  });

  test('finds objects of the wrong kind', () => {
    expect(pvcBindingProblems({ ...pv(), kind: 'ConfigMap' }, pvc())).toContain('the volume is a ConfigMap, not a PersistentVolume');
  });
});

describe('quantityToBytes', () => {
  test.each<[string | number, number | undefined]>([
    ['10Gi', 10 * 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['10G', 10e9],
    ['500M', 500e6],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2E', 2e18],
    ['1024', 1024],
    ['.5Ki', 512],
    [1024, 1024],
    ['100m', 0.1],
    ['ten', undefined],
    ['10 Gi', undefined],
    ['10GiB', undefined],
  ])('reads %p as %p bytes', (quantity, bytes) => {
    expect(quantityToBytes(quantity)).toBe(bytes);
  });
});
