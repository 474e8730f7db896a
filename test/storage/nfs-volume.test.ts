import { join } from 'path';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ClaimStorageClass, CloudProvider, Errors, HealthChecks, ManifestValidator, NfsGroupAccess, NfsOnDelete, NfsStorageClass, NfsVolume, NfsVolumeProps,
  ProbedDeployment, ProbedDeploymentProps,
} from '../../src';
import { pvcBindingProblems } from '../../src/validation/pvc-binding';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

const EXPORT = { server: '10.0.0.4', path: '/srv/nfs/uploads' };

/** The course's NFS example, loaded by path: tests never import examples (test/examples.test.ts). */
function buildNfsStorageExample(app: App): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(join(__dirname, '..', '..', 'examples', 'nfs-storage', 'main.ts')) as { build(app: App): void };
  example.build(app);
}

function uploads(scope: Chart, props: NfsVolumeProps = {}): NfsVolume {
  return new NfsVolume(scope, 'uploads', { ...EXPORT, ...props });
}

function service(scope: Chart, id: string, props: Partial<ProbedDeploymentProps> = {}): ProbedDeployment {
  return new ProbedDeployment(scope, id, { image: `eshop/${id}:1.0.0`, healthChecks: HealthChecks.aspNetCore(), ...props });
}

/** The one container of a workload manifest with that name. */
function containerOf(workload: Manifest, name = 'app'): any {
  return podSpecOf(workload).containers.find((c: any) => c.name === name);
}

describe('NfsVolume, static provisioning', () => {
  test('synthesizes a PersistentVolume and its claim with defaults', () => {
    // GIVEN
    const c = chart();
    // WHEN
    const volume = uploads(c);
    // THEN
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const pv = findOne(manifests, 'PersistentVolume');
    expect(pv.spec).toEqual({
      accessModes: ['ReadWriteMany'],
      capacity: { storage: '10Gi' },
      claimRef: { name: volume.claim.name, namespace: 'shop' },
      mountOptions: ['nfsvers=4.1'],
      nfs: { server: '10.0.0.4', path: '/srv/nfs/uploads' },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      volumeMode: 'Filesystem',
    });
    const pvc = findOne(manifests, 'PersistentVolumeClaim');
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: '',
      volumeMode: 'Filesystem',
      volumeName: pv.metadata.name,
    });
  });

  test('sets storageClassName "" on the claim, which cdk8s-plus leaves unset (the default class would take it)', () => {
    const c = chart();
    uploads(c);
    const pvc = findOne(synthValid(c), 'PersistentVolumeClaim');
    expect(pvc.spec).toHaveProperty('storageClassName', '');
  });

  test('binds the pair to each other and to nothing else, by the Kubernetes binding rules', () => {
    const c = chart();
    uploads(c, { capacity: Size.gibibytes(20), claimSize: Size.mebibytes(5000) });
    const manifests = synthValid(c);
    const pv = findOne(manifests, 'PersistentVolume');
    const pvc = findOne(manifests, 'PersistentVolumeClaim');
    expect(pvcBindingProblems(pv, pvc, { exclusive: true })).toEqual([]);
    expect(pvc.spec.volumeName).toBe(pv.metadata.name);
    expect(pv.spec.claimRef).toEqual({ name: pvc.metadata.name, namespace: pvc.metadata.namespace });
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });

  test('writes the PersistentVolume without a namespace (it is cluster-wide) and before its claim', () => {
    const c = chart();
    uploads(c);
    const manifests = synthValid(c);
    expect(findOne(manifests, 'PersistentVolume').metadata.namespace).toBeUndefined();
    expect(findOne(manifests, 'PersistentVolumeClaim').metadata.namespace).toBe('shop');
    expect(manifests.map(m => m.kind)).toEqual(['PersistentVolume', 'PersistentVolumeClaim']);
  });

  test('synthesizes every prop', () => {
    const c = chart();
    const volume = uploads(c, {
      capacity: Size.gibibytes(50),
      claimSize: Size.gibibytes(20),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY, kplus.PersistentVolumeAccessMode.READ_ONLY_MANY],
      reclaimPolicy: kplus.PersistentVolumeReclaimPolicy.DELETE,
      allowDeleteReclaimPolicy: true,
      mountOptions: ['nfsvers=4.2', 'hard', 'noatime'],
      persistentVolumeName: 'shop-uploads',
      claimName: 'uploads',
      groupId: 2000,
      groupAccess: NfsGroupAccess.FS_GROUP,
    });
    const api = service(c, 'upload-api');
    volume.mount(api, '/app/uploads', { subPath: 'images' });
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const pv = findOne(manifests, 'PersistentVolume', 'shop-uploads');
    const pvc = findOne(manifests, 'PersistentVolumeClaim', 'uploads');
    expect(pv.spec.capacity).toEqual({ storage: '50Gi' });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec.mountOptions).toEqual(['nfsvers=4.2', 'hard', 'noatime']);
    expect(pvc.spec.resources.requests.storage).toBe('20Gi');
    expect(pvcBindingProblems(pv, pvc, { exclusive: true })).toEqual([]);
    expect(volume.storageClassName).toBe('');
    expect(volume.reclaimPolicy).toBe(kplus.PersistentVolumeReclaimPolicy.DELETE);
    expect(volume.persistentVolume?.name).toBe('shop-uploads');
  });

  test('renders sizes that are not whole gibibytes as quantities', () => {
    const c = chart();
    uploads(c, { capacity: Size.mebibytes(512), claimSize: Size.mebibytes(256) });
    const manifests = synthValid(c);
    expect(findOne(manifests, 'PersistentVolume').spec.capacity.storage).toBe('512Mi');
    expect(findOne(manifests, 'PersistentVolumeClaim').spec.resources.requests.storage).toBe('256Mi');
  });

  test('accepts a DNS name and an IPv6 address as server', () => {
    const c = chart();
    new NfsVolume(c, 'a', { server: 'nfs.internal.example.com', path: '/srv/a' });
    new NfsVolume(c, 'b', { server: 'fd00::4', path: '/srv/b' });
    const servers = allOf(synthValid(c), 'PersistentVolume').map(pv => pv.spec.nfs.server);
    expect(servers.sort()).toEqual(['fd00::4', 'nfs.internal.example.com']);
  });

  test('exposes the kplus claim and volume, bound to each other', () => {
    const c = chart();
    const volume = uploads(c);
    expect(volume.claim.volume).toBe(volume.persistentVolume);
    expect(volume.persistentVolume?.claim).toBe(volume.claim);
    expect(ApiObject.of(volume).kind).toBe('PersistentVolumeClaim');
    // kplus refuses a second claim on the volume.
    expect(() => volume.persistentVolume!.reserve()).toThrow(/already bound/);
  });
});

describe('NfsVolume, dynamic provisioning', () => {
  test('claims an existing StorageClass by name, without a PersistentVolume', () => {
    const c = chart();
    const volume = new NfsVolume(c, 'uploads', { storageClass: ClaimStorageClass.named('nfs-csi'), capacity: Size.gibibytes(5) });
    const manifests = synthValid(c);
    expect(allOf(manifests, 'PersistentVolume')).toEqual([]);
    expect(findOne(manifests, 'PersistentVolumeClaim').spec).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '5Gi' } },
      storageClassName: 'nfs-csi',
      volumeMode: 'Filesystem',
    });
    expect(volume.persistentVolume).toBeUndefined();
    expect(volume.storageClassName).toBe('nfs-csi');
  });

  test.each([
    [CloudProvider.AKS, 'azurefile-csi', '10Gi'],
    [CloudProvider.GKE, 'standard-rwx', '1Ti'],
  ])('claims the built-in file-share class of %s', (provider, className, size) => {
    const c = chart();
    new NfsVolume(c, 'uploads', { storageClass: ClaimStorageClass.cloudFileShare(provider) });
    const pvc = findOne(synthValid(c), 'PersistentVolumeClaim');
    expect(pvc.spec.storageClassName).toBe(className);
    expect(pvc.spec.resources.requests.storage).toBe(size);
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('claims an NfsStorageClass of the app, written before the claim', () => {
    const c = chart();
    const nfs = new NfsStorageClass(c, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' });
    new NfsVolume(c, 'uploads', { storageClass: ClaimStorageClass.fromNfsStorageClass(nfs) });
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const sc = findOne(manifests, 'StorageClass');
    expect(findOne(manifests, 'PersistentVolumeClaim').spec.storageClassName).toBe(sc.metadata.name);
    expect(manifests.map(m => m.kind)).toEqual(['StorageClass', 'PersistentVolumeClaim']);
  });

  test('gives pods the NfsStorageClass group unless the volume sets its own', () => {
    const c = chart();
    const nfs = new NfsStorageClass(c, 'nfs', { server: '10.0.0.4', share: '/srv/nfs', groupId: 3000 });
    const inherited = new NfsVolume(c, 'a', { storageClass: ClaimStorageClass.fromNfsStorageClass(nfs) });
    const own = new NfsVolume(c, 'b', { storageClass: ClaimStorageClass.fromNfsStorageClass(nfs), groupId: 4000 });
    expect(inherited.groupId).toBe(3000);
    expect(own.groupId).toBe(4000);
  });
});

describe('NfsStorageClass', () => {
  test('synthesizes a retained StorageClass of the NFS CSI driver with defaults', () => {
    const c = chart();
    const nfs = new NfsStorageClass(c, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' });
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const sc = findOne(manifests, 'StorageClass');
    expect(sc.provisioner).toBe('nfs.csi.k8s.io');
    expect(sc.reclaimPolicy).toBe('Retain');
    expect(sc.mountOptions).toEqual(['nfsvers=4.1']);
    expect(sc.volumeBindingMode).toBe('Immediate');
    expect(sc.parameters).toEqual({ server: '10.0.0.4', share: '/srv/nfs', subDir: '${pvc.metadata.namespace}/${pvc.metadata.name}' });
    expect(sc.metadata.namespace).toBeUndefined();
    expect(nfs.storageClassName).toBe(sc.metadata.name);
  });

  test('synthesizes every prop', () => {
    const c = chart();
    new NfsStorageClass(c, 'nfs', {
      server: 'nfs.internal.example.com',
      share: '/srv/nfs',
      name: 'nfs-csi',
      subDir: '${pvc.metadata.name}',
      reclaimPolicy: kplus.PersistentVolumeReclaimPolicy.DELETE,
      onDelete: NfsOnDelete.ARCHIVE,
      mountOptions: ['nfsvers=4.2', 'hard'],
      mountPermissions: '2775',
      groupId: 2000,
    });
    const manifests = synthValid(c);
    expect(toYaml(manifests)).toMatchSnapshot();
    const sc = findOne(manifests, 'StorageClass', 'nfs-csi');
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.parameters).toEqual({
      server: 'nfs.internal.example.com', share: '/srv/nfs', subDir: '${pvc.metadata.name}', onDelete: 'archive', mountPermissions: '2775', gid: '2000',
    });
  });

  test('throws for an invalid server', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: 'nfs server', share: '/srv/nfs' }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: server must be an IP address or a DNS name \(got "nfs server"\); pass the server's private IP/);
  });

  test('throws for a relative share', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: 'srv/nfs' }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: share must be an absolute path on the NFS server \(got "srv\/nfs"\); use "\/srv\/nfs" \(the exported directory/);
  });

  test('throws for onDelete without reclaim policy Delete', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', onDelete: NfsOnDelete.RETAIN }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: onDelete only applies with reclaimPolicy Delete \(got "retain"\); drop onDelete/);
  });

  test('throws for a subDir that leaves the share', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', subDir: '../etc' }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: subDir must be a relative path inside the share, without "\.\." \(got "\.\.\/etc"\)/);
  });

  test('throws for mount permissions that are not octal', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', mountPermissions: 'rwxrwxr-x' }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: mountPermissions must be an octal mode of 3 or 4 digits \(got "rwxrwxr-x"\); pass a mode such as "2775"/);
  });

  test('throws for an invalid name', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', name: 'NFS_CSI' }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: name must be a DNS-1123 subdomain.*\(got "NFS_CSI"\); use lowercase letters/);
  });

  test('throws for group id 0', () => {
    expect(() => new NfsStorageClass(chart(), 'nfs', { server: '10.0.0.4', share: '/srv/nfs', groupId: 0 }))
      .toThrow(/^\[shop\/nfs\] NfsStorageClass: groupId must be an integer from 1 to 2147483647 \(0 would give pods the root group\) \(got 0\); pass the GID that owns the export/);
  });
});

describe('NfsVolume.mount', () => {
  test('mounts the claim in the main container, as a persistentVolumeClaim volume within restricted Pod Security', () => {
    const c = chart();
    const volume = uploads(c);
    const api = service(c, 'upload-api', { sidecars: [{ name: 'proxy', image: 'envoy:1', portNumber: 9901 }] });
    volume.mount(api, '/app/uploads');
    const deployment = findOne(synthValid(c), 'Deployment');
    const pod = podSpecOf(deployment);
    expect(pod.volumes).toContainEqual({ name: volume.claim.name, persistentVolumeClaim: { claimName: volume.claim.name, readOnly: false } });
    expect(pod.volumes.some((v: any) => v.nfs)).toBe(false);
    expect(containerOf(deployment).volumeMounts).toContainEqual({ mountPath: '/app/uploads', name: volume.claim.name });
    expect(containerOf(deployment, 'proxy').volumeMounts).not.toContainEqual(expect.objectContaining({ mountPath: '/app/uploads' }));
    expect(restrictedViolations(pod)).toEqual([]);
  });

  test('mounts read-only and a sub-directory where asked', () => {
    const c = chart();
    const volume = uploads(c);
    const gallery = service(c, 'gallery');
    volume.mount(gallery, '/app/images', { readOnly: true, subPath: 'images' });
    const deployment = findOne(synthValid(c), 'Deployment');
    expect(containerOf(deployment).volumeMounts).toContainEqual({ mountPath: '/app/images', name: volume.claim.name, readOnly: true, subPath: 'images' });
  });

  test('mounts in another container of the deployment, and in a plain kplus Deployment', () => {
    const c = chart();
    const volume = uploads(c);
    const api = service(c, 'upload-api');
    const thumbnailer = api.addSidecar({ name: 'thumbnailer', image: 'eshop/thumbnailer:1' });
    volume.mount(api, '/uploads', { container: thumbnailer });
    const plain = new kplus.Deployment(c, 'plain', {
      containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }],
    });
    volume.mount(plain, '/usr/share/nginx/html', { readOnly: true });
    const manifests = synthValid(c);
    expect(containerOf(findOne(manifests, 'Deployment', /upload-api/), 'thumbnailer').volumeMounts).toContainEqual({ mountPath: '/uploads', name: volume.claim.name });
    expect(containerOf(findOne(manifests, 'Deployment', /plain/), 'web').volumeMounts).toContainEqual({ mountPath: '/usr/share/nginx/html', name: volume.claim.name, readOnly: true });
  });

  test('shares a ReadWriteMany volume between a writer, a reader and the canary track of the writer', () => {
    const c = chart();
    const volume = uploads(c);
    const stable = service(c, 'upload-api', { replicas: 3 });
    const canary = service(c, 'upload-api-canary', { image: 'eshop/upload-api:1.1.0', replicas: 1 });
    const gallery = service(c, 'gallery');
    volume.mount(stable, '/app/uploads');
    volume.mount(canary, '/app/uploads');
    volume.mount(gallery, '/app/uploads', { readOnly: true });
    const manifests = synthValid(c);
    const claimVolume = { name: volume.claim.name, persistentVolumeClaim: { claimName: volume.claim.name, readOnly: false } };
    for (const d of allOf(manifests, 'Deployment')) {
      expect(podSpecOf(d).volumes).toContainEqual(claimVolume);
      expect(restrictedViolations(podSpecOf(d))).toEqual([]);
    }
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });

  test('mounts any container with mountContainer, for example of a Job', () => {
    const c = chart();
    const volume = uploads(c);
    const job = new kplus.Job(c, 'cleanup', { containers: [{ name: 'cleanup', image: 'busybox:1.36' }] });
    volume.mountContainer(job.containers[0], '/data', { subPath: 'tmp' });
    const manifest = findOne(synthValid(c), 'Job');
    expect(podSpecOf(manifest).containers[0].volumeMounts).toContainEqual({ mountPath: '/data', name: volume.claim.name, subPath: 'tmp' });
  });

  test('works as kplus storage (IStorage) for kplus mounts', () => {
    const c = chart();
    const volume = uploads(c);
    const api = service(c, 'upload-api');
    api.mainContainer.mount('/app/uploads', volume);
    expect(containerOf(findOne(synthValid(c), 'Deployment')).volumeMounts).toContainEqual({ mountPath: '/app/uploads', name: volume.claim.name });
  });

  test('names the pod volume after a long claim name within the 63 characters of a label', () => {
    const c = chart();
    const name = `${'a'.repeat(40)}.${'b'.repeat(40)}`;
    const volume = uploads(c, { claimName: name });
    volume.mount(service(c, 'api'), '/data');
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    const v = pod.volumes.find((x: any) => x.persistentVolumeClaim);
    expect(v.persistentVolumeClaim.claimName).toBe(name);
    expect(v.name.length).toBeLessThanOrEqual(63);
    expect(v.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});

describe('NfsVolume group access for non-root pods', () => {
  test('adds the export GID to the pod supplementalGroups by default, changing no file owner', () => {
    const c = chart();
    const volume = uploads(c, { groupId: 2000 });
    volume.mount(service(c, 'upload-api'), '/app/uploads');
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: true, supplementalGroups: [2000] });
    expect(restrictedViolations(pod)).toEqual([]);
  });

  test('adds the GIDs of several volumes once each', () => {
    const c = chart();
    const a = new NfsVolume(c, 'a', { ...EXPORT, groupId: 2000 });
    const b = new NfsVolume(c, 'b', { server: '10.0.0.4', path: '/srv/nfs/reports', groupId: 3000 });
    const api = service(c, 'api');
    a.mount(api, '/app/uploads');
    a.mount(api, '/app/uploads-thumbs', { subPath: 'thumbs' });
    b.mount(api, '/app/reports');
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.securityContext.supplementalGroups).toEqual([2000, 3000]);
  });

  test('sets fsGroup with OnRootMismatch when asked', () => {
    const c = chart();
    const volume = uploads(c, { groupId: 2000, groupAccess: NfsGroupAccess.FS_GROUP });
    volume.mount(service(c, 'upload-api'), '/app/uploads');
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.securityContext).toEqual({ fsGroup: 2000, fsGroupChangePolicy: 'OnRootMismatch', runAsNonRoot: true });
  });

  test('keeps an fsGroup the deployment already has when it is the same GID', () => {
    const c = chart();
    const volume = uploads(c, { groupId: 2000, groupAccess: NfsGroupAccess.FS_GROUP });
    volume.mount(service(c, 'api', { securityContext: { fsGroup: 2000 } }), '/app/uploads');
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.securityContext).toEqual({ fsGroup: 2000, fsGroupChangePolicy: 'Always', runAsNonRoot: true });
  });

  test('leaves the pod alone without a groupId, and in mountContainer', () => {
    const c = chart();
    const volume = uploads(c);
    const api = service(c, 'api');
    volume.mount(api, '/app/uploads');
    const grouped = new NfsVolume(c, 'grouped', { ...EXPORT, groupId: 2000 });
    grouped.mountContainer(api.mainContainer, '/app/other');
    expect(podSpecOf(findOne(synthValid(c), 'Deployment')).securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: true });
  });

  test('throws when fsGroup would replace another fsGroup of the deployment', () => {
    const c = chart();
    const volume = uploads(c, { groupId: 2000, groupAccess: NfsGroupAccess.FS_GROUP });
    const api = service(c, 'api', { securityContext: { fsGroup: 1000 } });
    expect(() => volume.mount(api, '/app/uploads'))
      .toThrow(/^\[shop\/uploads\] NfsVolume: groupId must equal the fsGroup 1000 that deployment shop\/api already has \(a pod has one fsGroup\) \(got 2000\); use groupAccess: NfsGroupAccess\.SUPPLEMENTAL_GROUP/);
    // Nothing was mounted.
    expect(containerOf(findOne(synthValid(c), 'Deployment')).volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
  });

  test('throws when two volumes ask for different fsGroups of one deployment', () => {
    const c = chart();
    const a = new NfsVolume(c, 'a', { ...EXPORT, groupId: 2000, groupAccess: NfsGroupAccess.FS_GROUP });
    const b = new NfsVolume(c, 'b', { ...EXPORT, groupId: 3000, groupAccess: NfsGroupAccess.FS_GROUP });
    const api = service(c, 'api');
    a.mount(api, '/a');
    expect(() => b.mount(api, '/b')).toThrow(/^\[shop\/b\] NfsVolume: groupId must equal the fsGroup 2000 that deployment shop\/api already has/);
  });

  test('throws for a group id that is not a positive integer', () => {
    expect(() => uploads(chart(), { groupId: 20.5 })).toThrow(/^\[shop\/uploads\] NfsVolume: groupId must be an integer from 1 to 2147483647 .*\(got 20\.5\); pass the GID that owns the export/);
  });

  test('throws for groupAccess without a groupId', () => {
    expect(() => uploads(chart(), { groupAccess: NfsGroupAccess.FS_GROUP }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: groupAccess needs a groupId \(got "FS_GROUP"\); set groupId to the GID that owns the export/);
  });
});

describe('NfsVolume checks', () => {
  test.each([
    ['nfs server', 'must be an IP address or a DNS name', 'pass the server\'s private IP'],
    ['10.0.0.256', 'must be a valid IPv4 address', 'use four numbers from 0 to 255'],
    ['nfs_server', 'must be an IP address or a DNS name', 'pass the server\'s private IP'],
  ])('throws for the invalid server %p', (server, rule, fix) => {
    expect(() => uploads(chart(), { server }))
      .toThrow(new RegExp(`^\\[shop/uploads\\] NfsVolume: server ${rule} \\(got "${server.replace(/\./g, '\\.')}"\\); ${fix}`));
  });

  test('throws for a server with the export path in it, splitting the two', () => {
    expect(() => uploads(chart(), { server: '10.0.0.4:/srv/nfs/uploads' }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: server must be the host only, without the export path \(got "10\.0\.0\.4:\/srv\/nfs\/uploads"\); pass server "10\.0\.0\.4" and the path "\/srv\/nfs\/uploads" separately/);
  });

  test('throws without a server for static provisioning', () => {
    expect(() => new NfsVolume(chart(), 'uploads', { path: '/srv/nfs/uploads' }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: server is required for static provisioning \(got nothing\); pass the NFS server's IP address .*or set storageClass/);
  });

  test.each([
    ['exports/data', '/exports/data'],
    ['srv/nfs/uploads', '/srv/nfs/uploads'],
    ['./uploads', '/uploads'],
  ])('throws for the relative path %p, suggesting it from the server\'s root', (path, absolute) => {
    // GIVEN an export path without its leading "/"
    // WHEN the volume is created THEN the fix is the same directory from the root, not another one
    expect(() => uploads(chart(), { path }))
      .toThrow(new RegExp(`^\\[shop/uploads\\] NfsVolume: path must be an absolute path on the NFS server \\(got "${path.replace(/\./g, '\\.')}"\\); use "${absolute}" \\(the exported directory as /etc/exports names it`));
  });

  test('throws for an empty path, with an example export', () => {
    expect(() => uploads(chart(), { path: '' }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: path must be an absolute path on the NFS server \(got ""\); pass the exported directory as in \/etc\/exports, such as "\/srv\/nfs\/uploads"/);
  });

  test.each([
    ['nfs://10.0.1.15', undefined, '10.0.1.15', '/'],
    ['nfs://10.0.1.15', '/exports/data', '10.0.1.15', '/exports/data'],
    ['nfs://10.0.1.15', 'exports/data', '10.0.1.15', '/exports/data'],
    ['nfs://nfs.internal.example.com:2049/exports/data', undefined, 'nfs.internal.example.com', '/exports/data'],
  ])('throws for the URL %p as server (path %p), splitting host and path', (server, path, host, exported) => {
    // GIVEN a server written as a URL
    // WHEN the volume is created THEN the fix names the host and the export path (from the URL, the path prop, or "/")
    expect(() => new NfsVolume(chart(), 'uploads', { server, ...path !== undefined ? { path } : {} }))
      .toThrow(new RegExp(`^\\[shop/uploads\\] NfsVolume: server must be the host only, not a URL \\(got "${server.replace(/\./g, '\\.')}"\\); pass server "${host.replace(/\./g, '\\.')}" and the path "${exported}" separately`));
  });

  test('throws for a path with ".."', () => {
    expect(() => uploads(chart(), { path: '/srv/nfs/../etc' }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: path must not contain "\.\." or spaces \(got "\/srv\/nfs\/\.\.\/etc"\)/);
  });

  test('throws for a zero capacity', () => {
    expect(() => uploads(chart(), { capacity: Size.gibibytes(0) }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: capacity must be larger than zero \(got "0Gi"\); pass a size such as Size\.gibibytes\(10\)/);
  });

  test('throws for a capacity that is not a number', () => {
    expect(() => uploads(chart(), { capacity: Size.gibibytes(NaN) }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: capacity must be larger than zero \(got "NaNGi"\)/);
  });

  test('cannot be given a negative capacity: cdk8s Size refuses it first', () => {
    expect(() => uploads(chart(), { capacity: Size.gibibytes(-1) })).toThrow(/Storage amounts cannot be negative/);
  });

  test('throws for a zero claim size', () => {
    expect(() => uploads(chart(), { claimSize: Size.mebibytes(0) }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: claimSize must be larger than zero \(got "0Mi"\)/);
  });

  test('throws for a claim larger than the volume', () => {
    expect(() => uploads(chart(), { capacity: Size.gibibytes(10), claimSize: Size.gibibytes(11) }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: claimSize must not be larger than the volume's capacity \(10Gi\), or the claim never binds \(got "11Gi"\); ask for 10Gi or less, or raise capacity/);
  });

  test('throws for reclaim policy Delete on a static volume without the opt-in', () => {
    expect(() => uploads(chart(), { reclaimPolicy: kplus.PersistentVolumeReclaimPolicy.DELETE }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: reclaimPolicy must be Retain on a static NFS volume: Kubernetes cannot delete NFS data.*\(got "Delete"\); keep the default Retain, or set allowDeleteReclaimPolicy: true/);
  });

  test.each<[string, NfsVolumeProps]>([
    ['server', { server: '10.0.0.4' }],
    ['path', { path: '/srv/nfs' }],
    ['claimSize', { claimSize: Size.gibibytes(1) }],
    ['reclaimPolicy', { reclaimPolicy: kplus.PersistentVolumeReclaimPolicy.RETAIN }],
    ['mountOptions', { mountOptions: ['hard'] }],
    ['persistentVolumeName', { persistentVolumeName: 'uploads' }],
  ])('throws for the static-only prop %s with dynamic provisioning', (prop, props) => {
    expect(() => new NfsVolume(chart(), 'uploads', { storageClass: ClaimStorageClass.named('nfs-csi'), ...props }))
      .toThrow(new RegExp(`^\\[shop/uploads\\] NfsVolume: ${prop} only applies to static provisioning \\(storageClass is set\\) \\(got .*\\); drop ${prop}`));
  });

  test('throws for an invalid storage class name', () => {
    expect(() => new NfsVolume(chart(), 'uploads', { storageClass: ClaimStorageClass.named('NFS CSI') }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: storageClass must be a DNS-1123 subdomain.*\(got "NFS CSI"\); pass the name of a StorageClass of the cluster/);
  });

  test('throws for static provisioning in a chart without a namespace', () => {
    expect(() => uploads(new Chart(Testing.app(), 'shop')))
      .toThrow(/^\[shop\/uploads\] NfsVolume: namespace is required for static provisioning: the PersistentVolume's claimRef names the claim's namespace \(got nothing\); give the chart a namespace/);
  });

  test('throws for invalid claim and volume names', () => {
    expect(() => uploads(chart(), { claimName: 'Uploads' })).toThrow(/^\[shop\/uploads\] NfsVolume: claimName must be a DNS-1123 subdomain.*\(got "Uploads"\); use lowercase letters/);
    expect(() => uploads(chart(), { persistentVolumeName: 'uploads_pv' })).toThrow(/^\[shop\/uploads\] NfsVolume: persistentVolumeName must be a DNS-1123 subdomain.*\(got "uploads_pv"\)/);
  });

  test('throws for empty access modes and for ReadWriteOncePod with another mode', () => {
    expect(() => uploads(chart(), { accessModes: [] })).toThrow(/^\[shop\/uploads\] NfsVolume: accessModes must not be empty \(got \[\]\); drop accessModes for ReadWriteMany/);
    const modes = [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, kplus.PersistentVolumeAccessMode.READ_ONLY_MANY];
    expect(() => uploads(chart(), { accessModes: modes }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: accessModes must not combine ReadWriteOncePod with other modes/);
  });

  test('throws for a mount option with spaces', () => {
    expect(() => uploads(chart(), { mountOptions: ['nfsvers=4.1, hard'] }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mountOptions must be non-empty options without spaces \(got "nfsvers=4\.1, hard"\); pass one option per item/);
  });

  test('throws for a relative mount path', () => {
    const c = chart();
    expect(() => uploads(c).mount(service(c, 'api'), 'app/uploads'))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount\.path must be an absolute path \(got "app\/uploads"\); start the path with "\/"/);
  });

  test.each(['/images', '../images', ''])('throws for the subPath %p', (subPath) => {
    const c = chart();
    expect(() => uploads(c).mount(service(c, 'api'), '/app/uploads', { subPath }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount\.subPath must be a relative path inside the volume, without "\.\." \(got .*\); pass a directory of the volume/);
  });

  test('throws for a writable mount of a ReadOnlyMany volume', () => {
    const c = chart();
    const volume = uploads(c, { accessModes: [kplus.PersistentVolumeAccessMode.READ_ONLY_MANY] });
    expect(() => volume.mount(service(c, 'api'), '/app/uploads'))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount\.readOnly must be true: the volume's only access mode is ReadOnlyMany \(got false\); pass readOnly: true/);
    volume.mount(service(c, 'gallery'), '/app/uploads', { readOnly: true });
    expect(() => synthValid(c)).not.toThrow();
  });

  test('throws for a container of another deployment', () => {
    const c = chart();
    const other = service(c, 'other');
    expect(() => uploads(c).mount(service(c, 'api'), '/data', { container: other.mainContainer }))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount\.container must be a container of deployment shop\/api \(got "app"\); pass one of deployment\.containers, or use mountContainer\(\)/);
  });

  test('throws for a deployment in another namespace', () => {
    const c = chart();
    const volume = uploads(c);
    const elsewhere = new Chart(c.node.root as any, 'admin', { namespace: 'admin' });
    expect(() => volume.mount(service(elsewhere, 'api'), '/data'))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount must be in the claim's namespace "shop": pods can only use claims of their own namespace \(got "admin\/api in namespace admin"\); create one NfsVolume .* in each namespace/);
  });

  test('throws for a mount path another volume already uses in the container', () => {
    const c = chart();
    const api = service(c, 'api');
    expect(() => uploads(c).mount(api, '/tmp'))
      .toThrow(/^\[shop\/uploads\] NfsVolume: mount\.path must be unique in container "app", but volume "tmp" is mounted there already \(got "\/tmp"\); mount at another path, or mount one volume and use subPath/);
  });

  test('throws at synth for a mount path collision made after the mount', () => {
    const c = chart();
    const volume = uploads(c);
    const api = service(c, 'api');
    volume.mount(api, '/app/data');
    api.mainContainer.mount('/app/data/', kplus.Volume.fromEmptyDir(c, 'scratch', 'scratch'));
    expect(() => Testing.synth(c))
      .toThrow(/\[shop\/uploads\] NfsVolume: mount\.path must be unique in container "app" of shop\/api, but volume "scratch" is mounted there already \(got "\/app\/data"\); mount at another path/);
  });

  test('reports a collision of two NfsVolumes once', () => {
    const c = chart();
    const a = new NfsVolume(c, 'a', EXPORT);
    const b = new NfsVolume(c, 'b', EXPORT);
    const api = service(c, 'api');
    a.mount(api, '/data');
    b.mount(api, '/other');
    api.mainContainer.mount('/data', b);
    let message = '';
    try {
      Testing.synth(c);
    } catch (e: any) {
      message = e.message;
    }
    expect(message.match(/mount\.path must be unique/g)).toHaveLength(1);
    expect(message).toMatch(/\[shop\/b\] NfsVolume: mount\.path must be unique in container "app" of shop\/api, but volume "shop-a-c8[0-9a-f]+" is mounted there already \(got "\/data"\)/);
  });

  const RWO = [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE];

  test('throws at synth for a ReadWriteOnce volume mounted by a deployment with several replicas', () => {
    const c = chart();
    uploads(c, { accessModes: RWO }).mount(service(c, 'api'), '/data');
    expect(() => Testing.synth(c))
      .toThrow(/\[shop\/uploads\] NfsVolume: accessModes must include ReadWriteMany when shop\/api runs 2 replicas: ReadWriteOnce allows one writer \(got \["ReadWriteOnce"\]\); use ReadWriteMany \(NFS serves many nodes at once\), or run a single replica/);
  });

  test('throws at synth for a ReadWriteOnce volume of an autoscaled deployment', () => {
    const c = chart();
    const api = service(c, 'api', { podDisruptionBudget: false });
    uploads(c, { accessModes: RWO }).mount(api, '/data');
    api.autoscale({ minReplicas: 1, maxReplicas: 4 });
    expect(() => Testing.synth(c)).toThrow(/accessModes must include ReadWriteMany when shop\/api autoscales up to 4 replicas: ReadWriteOnce allows one writer/);
  });

  test('throws at synth for a ReadWriteOnce volume mounted by two deployments', () => {
    const c = chart();
    const volume = uploads(c, { accessModes: RWO });
    volume.mount(service(c, 'api', { replicas: 1 }), '/data');
    volume.mount(service(c, 'worker', { replicas: 1 }), '/data');
    expect(() => Testing.synth(c))
      .toThrow(/\[shop\/uploads\] NfsVolume: accessModes must include ReadWriteMany when 2 workloads mount the volume \(shop\/api, shop\/worker\): ReadWriteOnce allows one writer \(got \["ReadWriteOnce"\]\); use ReadWriteMany .*or mount the volume in one workload only/);
  });

  test('allows a ReadWriteOnce volume in one single-replica deployment, and read-only readers of a ReadOnlyMany one', () => {
    const c = chart();
    uploads(c, { accessModes: RWO }).mount(service(c, 'api', { replicas: 1 }), '/data');
    const shared = new NfsVolume(c, 'shared', {
      ...EXPORT, accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE, kplus.PersistentVolumeAccessMode.READ_ONLY_MANY],
    });
    shared.mount(service(c, 'writer', { replicas: 1 }), '/data');
    shared.mount(service(c, 'reader', { replicas: 3 }), '/data', { readOnly: true });
    expect(() => synthValid(c)).not.toThrow();
  });

  test('throws at synth when two NfsVolumes name the same PersistentVolume', () => {
    const app = Testing.app();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const admin = new Chart(app, 'admin', { namespace: 'admin' });
    new NfsVolume(shop, 'uploads', { ...EXPORT, persistentVolumeName: 'uploads' });
    new NfsVolume(admin, 'uploads', { ...EXPORT, persistentVolumeName: 'uploads' });
    expect(() => app.synth())
      .toThrow(/\[shop\/uploads\] NfsVolume: persistentVolumeName must be unique in the app \(PersistentVolumes are cluster-wide\), but admin\/uploads\/Volume\/Resource defines it too \(got "uploads"\); give each NfsVolume its own persistentVolumeName/);
  });

  test('throws at synth when another claim claims the same PersistentVolume', () => {
    const c = chart();
    const volume = uploads(c, { persistentVolumeName: 'uploads' });
    new kplus.PersistentVolumeClaim(c, 'thief', { volume: volume.persistentVolume, storageClassName: '' });
    new ApiObject(c, 'raw-thief', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeName: 'uploads' } });
    let message = '';
    try {
      Testing.synth(c);
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toMatch(/\[shop\/uploads\] NfsVolume: persistentVolumeName must be claimed once, but shop\/thief claims it too \(a PersistentVolume binds to one claim\) \(got "uploads"\); mount this NfsVolume's claim wherever the data is needed/);
    expect(message).toMatch(/persistentVolumeName must be claimed once, but shop\/raw-thief claims it too/);
  });

  test('throws for an unknown cloud provider', () => {
    expect(() => ClaimStorageClass.cloudFileShare('EKS' as CloudProvider))
      .toThrow(/^ClaimStorageClass: provider must be one of AKS, GKE \(got "EKS"\); pass CloudProvider\.AKS or CloudProvider\.GKE/);
    let error: unknown;
    try {
      ClaimStorageClass.cloudFileShare('EKS' as CloudProvider);
    } catch (e) {
      error = e;
    }
    expect(Errors.isValidationError(error)).toBe(true);
  });
});

describe('examples/nfs-storage', () => {
  test('binds its PersistentVolume and claim by the Kubernetes rules and keeps both pods restricted and in the export group', () => {
    // GIVEN the course's setup: an NFS VM at 10.0.0.4, a writer and a read-only reader
    const app = Testing.app();
    buildNfsStorageExample(app);
    // WHEN
    const manifests = app.charts.flatMap(c => synthValid(c));
    // THEN
    const pv = findOne(manifests, 'PersistentVolume', 'course-uploads');
    const pvc = findOne(manifests, 'PersistentVolumeClaim', 'uploads');
    expect(pvcBindingProblems(pv, pvc, { exclusive: true })).toEqual([]);
    expect(pv.spec.nfs).toEqual({ server: '10.0.1.15', path: '/srv/nfs/uploads' });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    const writer = findOne(manifests, 'Deployment', /upload-api/);
    const reader = findOne(manifests, 'Deployment', /gallery/);
    expect(containerOf(writer).volumeMounts).toContainEqual({ mountPath: '/app/uploads', name: 'uploads' });
    expect(containerOf(reader).volumeMounts).toContainEqual({ mountPath: '/app/images', name: 'uploads', readOnly: true });
    for (const d of [writer, reader]) {
      expect(podSpecOf(d).securityContext.supplementalGroups).toEqual([2000]);
      expect(restrictedViolations(podSpecOf(d))).toEqual([]);
    }
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });
});
