import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, MicroserviceStack, PodSecurityLevel, ServiceMount, ServiceMountKind } from '../../src';
import { allOf, findOne, Manifest, podSpecOf, synthValid } from '../support';

const FIXTURES = join(__dirname, 'fixtures', 'mounts');
const healthChecks = HealthChecks.of({ readiness: HealthProbe.tcpSocket() });

function stack(): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop' });
}

function web(s: MicroserviceStack, mounts: ServiceMount[]) {
  return s.addService('web', { image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ port: 8080 }], healthChecks, mounts });
}

function pod(manifests: Manifest[], kind = 'Deployment', name = 'web'): any {
  return podSpecOf(findOne(manifests, kind, name));
}

function mountOf(manifests: Manifest[], path: string): any {
  return pod(manifests).containers[0].volumeMounts.find((m: any) => m.mountPath === path);
}

function volumeOf(manifests: Manifest[], name: string): any {
  return pod(manifests).volumes.find((v: any) => v.name === name);
}

describe('ServiceMount.file', () => {
  test('puts one file in a ConfigMap of the service and mounts it with subPath, so the folder keeps the image\'s files', () => {
    // GIVEN an nginx configuration file
    const s = stack();
    web(s, [ServiceMount.file('/etc/nginx/nginx.conf', join(FIXTURES, 'nginx.conf'))]);
    // THEN
    const m = synthValid(s);
    expect(findOne(m, 'ConfigMap', 'web-etc-nginx-nginx-conf').data).toEqual({ 'nginx.conf': expect.stringContaining('proxy_pass http://backend:8000') });
    expect(mountOf(m, '/etc/nginx/nginx.conf')).toEqual({ mountPath: '/etc/nginx/nginx.conf', name: 'etc-nginx-nginx-conf', readOnly: true, subPath: 'nginx.conf' });
    expect(volumeOf(m, 'etc-nginx-nginx-conf')).toEqual({ name: 'etc-nginx-nginx-conf', configMap: { name: 'web-etc-nginx-nginx-conf' } });
    expect(findOne(m, 'Deployment', 'web').spec.template.metadata.annotations['k8s-course-constructs/config-checksum']).toMatch(/^[0-9a-f]{16}$/);
  });

  test('keeps an executable file executable, and puts a secret file in a Secret under the key asked', () => {
    const s = stack();
    web(s, [
      ServiceMount.file('/usr/local/bin/check.sh', join(FIXTURES, 'scripts', 'check.sh')),
      ServiceMount.file('/run/secrets/signing_key', join(FIXTURES, 'signing.key'), { secret: true, key: 'signing_key' }),
    ]);
    const m = synthValid(s);
    expect(volumeOf(m, 'usr-local-bin-check-sh').configMap.items).toEqual([{ key: 'check.sh', path: 'check.sh', mode: 0o755 }]);
    expect(findOne(m, 'Secret', 'web-run-secrets-signing-key').stringData).toEqual({ signing_key: 'not-a-real-key\n' });
    expect(mountOf(m, '/run/secrets/signing_key')).toMatchObject({ subPath: 'signing_key', readOnly: true });
  });

  test('mounts a sidecar\'s file into the sidecar, in objects named after it', () => {
    const s = stack();
    s.addService('web', {
      image: 'eshop/web:1.0.0',
      sidecars: [{ name: 'proxy', image: 'nginxinc/nginx-unprivileged:1.27', ports: [{ port: 8081 }], mounts: [ServiceMount.file('/etc/nginx/nginx.conf', join(FIXTURES, 'nginx.conf'))] }],
    });
    const m = synthValid(s);
    const proxy = pod(m).containers.find((c: any) => c.name === 'proxy');
    expect(proxy.volumeMounts).toContainEqual({ mountPath: '/etc/nginx/nginx.conf', name: 'proxy-etc-nginx-nginx-conf', readOnly: true, subPath: 'nginx.conf' });
    expect(findOne(m, 'ConfigMap', 'web-proxy-etc-nginx-nginx-conf')).toBeDefined();
  });
});

describe('ServiceMount.directory', () => {
  test('mounts every file of a folder, nested folders kept, binary files as binaryData', () => {
    // GIVEN a site with a stylesheet in a subfolder and a PNG
    const s = stack();
    web(s, [ServiceMount.directory('/usr/share/nginx/html', join(FIXTURES, 'site'))]);
    // THEN
    const m = synthValid(s);
    const cm = findOne(m, 'ConfigMap', 'web-usr-share-nginx-html');
    expect(cm.data).toEqual({ 'css_app.css': 'body { color: #333; }\n', 'index.html': '<h1>shop</h1>\n' });
    expect(Object.keys(cm.binaryData)).toEqual(['logo.png']);
    expect(Buffer.from(cm.binaryData['logo.png'], 'base64').subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(volumeOf(m, 'usr-share-nginx-html').configMap.items).toEqual([
      { key: 'css_app.css', path: 'css/app.css' },
      { key: 'index.html', path: 'index.html' },
      { key: 'logo.png', path: 'logo.png' },
    ]);
    expect(mountOf(m, '/usr/share/nginx/html')).toEqual({ mountPath: '/usr/share/nginx/html', name: 'usr-share-nginx-html', readOnly: true });
  });

  test('splits a folder of more than 1 MiB across ConfigMaps under the limit, projected into one volume', () => {
    // GIVEN three files of 400 KiB
    const dir = mkdtempSync(join(tmpdir(), 'site-'));
    mkdirSync(join(dir, 'js'));
    for (const name of ['a.js', 'b.js', 'c.js']) writeFileSync(join(dir, 'js', name), 'x'.repeat(400 * 1024));
    const s = stack();
    web(s, [ServiceMount.directory('/srv/site', dir)]);
    // THEN two objects, each under 1 MiB, feed one volume
    const m = synthValid(s);
    expect(allOf(m, 'ConfigMap').map(c => [c.metadata.name, Object.keys(c.data)])).toEqual([
      ['web-srv-site', ['js_a.js', 'js_b.js']],
      ['web-srv-site-2', ['js_c.js']],
    ]);
    expect(volumeOf(m, 'srv-site')).toEqual({
      name: 'srv-site',
      projected: {
        sources: [
          { configMap: { name: 'web-srv-site', items: [{ key: 'js_a.js', path: 'js/a.js' }, { key: 'js_b.js', path: 'js/b.js' }] } },
          { configMap: { name: 'web-srv-site-2', items: [{ key: 'js_c.js', path: 'js/c.js' }] } },
        ],
      },
    });
  });

  test('puts a secret folder in a Secret, binary files as data', () => {
    const s = stack();
    web(s, [ServiceMount.directory('/etc/certs', join(FIXTURES, 'site'), { secret: true })]);
    const secret = findOne(synthValid(s), 'Secret', 'web-etc-certs');
    expect(Object.keys(secret.stringData)).toEqual(['css_app.css', 'index.html']);
    expect(Object.keys(secret.data)).toEqual(['logo.png']);
  });
});

describe('ServiceMount.claim, emptyDir and volume', () => {
  test('creates a claim once, wherever it is mounted, and gives the pod the group that owns its files', () => {
    const s = stack();
    const data = ServiceMount.claim('/app/data', 'uploads', { storage: Size.gibibytes(5), storageClassName: 'managed-csi' });
    web(s, [data]);
    s.addJob('thumbnails', { image: 'eshop/thumbnails:1.0.0', mounts: [ServiceMount.claim('/data', 'uploads', { storage: Size.gibibytes(5), storageClassName: 'managed-csi' })] });
    const m = synthValid(s);
    expect(allOf(m, 'PersistentVolumeClaim')).toHaveLength(1);
    expect(findOne(m, 'PersistentVolumeClaim', 'uploads').spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'managed-csi' });
    expect(pod(m, 'Job', 'thumbnails').securityContext).toMatchObject({ fsGroup: 1654, fsGroupChangePolicy: 'OnRootMismatch' });
    expect(data.kind).toBe(ServiceMountKind.CLAIM);
    expect(data.source).toBe('uploads');
  });

  test('references an existing claim, which the checks then take as existing', () => {
    const s = stack();
    web(s, [ServiceMount.claim('/var/lib/data', 'legacy-data', { existing: true, readOnly: true, subPath: 'web' })]);
    const m = synthValid(s);
    expect(allOf(m, 'PersistentVolumeClaim')).toEqual([]);
    expect(mountOf(m, '/var/lib/data')).toMatchObject({ readOnly: true, subPath: 'web' });
    expect(volumeOf(m, 'var-lib-data').persistentVolumeClaim.claimName).toBe('legacy-data');
  });

  test('mounts emptyDirs, in memory and bounded when asked', () => {
    const s = stack();
    web(s, [ServiceMount.emptyDir('/var/cache/nginx'), ServiceMount.emptyDir('/run', { memory: true, sizeLimit: Size.mebibytes(64) })]);
    const m = synthValid(s);
    expect(volumeOf(m, 'var-cache-nginx')).toEqual({ name: 'var-cache-nginx', emptyDir: {} });
    expect(volumeOf(m, 'run')).toEqual({ name: 'run', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } });
  });

  test('mounts an NFS volume with its group, as the volumes option does', () => {
    const s = stack();
    const pics = s.addVolume('pics', { server: '10.0.0.4', path: '/srv/nfs/pics', groupId: 2000 });
    web(s, [ServiceMount.volume('/app/pics', pics, { readOnly: true })]);
    const m = synthValid(s);
    expect(mountOf(m, '/app/pics')).toMatchObject({ readOnly: true });
    expect(pod(m).securityContext.supplementalGroups).toEqual([2000]);
    expect(s.model().mounts).toEqual([{ service: 'web', volume: 'pics', path: '/app/pics' }]);
  });

  test('gives a baseline container writable paths only when asked (its root filesystem is writable)', () => {
    const s = stack();
    s.addService('web', { image: 'nginx:1.27', ports: [{ port: 80 }], healthChecks, podSecurity: PodSecurityLevel.BASELINE });
    expect(pod(synthValid(s)).volumes).toBeUndefined();
  });

  describe('errors', () => {
    test('throws for a file that does not exist, naming the mount', () => {
      expect(() => web(stack(), [ServiceMount.file('/etc/nginx/nginx.conf', join(FIXTURES, 'missing.conf'))]))
        .toThrow(/^\[shop\/web\] MicroserviceStack: addService\("web"\)\.mounts\[0\]\.source must be a file that exists \(relative to the working directory, or absolute\) \(got ".*missing\.conf"\); fix the path/);
    });

    test('throws for a folder given as a file and a file given as a folder', () => {
      expect(() => web(stack(), [ServiceMount.file('/site', join(FIXTURES, 'site'))])).toThrow(/addService\("web"\)\.mounts\[0\]\.source must be a file, not a folder .*use ServiceMount\.directory for a folder/);
      expect(() => web(stack(), [ServiceMount.directory('/etc/nginx', join(FIXTURES, 'nginx.conf'))])).toThrow(/addService\("web"\)\.mounts\[0\]\.source must be a folder, not a file .*use ServiceMount\.file for one file/);
    });

    test('throws for a relative target and for two mounts on one target', () => {
      expect(() => web(stack(), [ServiceMount.emptyDir('cache')])).toThrow(/\[shop\/web\] MicroserviceStack: addService\("web"\)\.mounts\[0\]\.target must be an absolute path in the container \(got "cache"\); start it with "\/"/);
      expect(() => web(stack(), [ServiceMount.emptyDir('/cache'), ServiceMount.emptyDir('/cache/')])).toThrow(/addService\("web"\)\.mounts\[1\]\.target must be mounted once per container \(got "\/cache\/"\); drop one of the two mounts/);
    });

    test('throws for a mount on a writable path', () => {
      expect(() => stack().addService('web', { image: 'eshop/web:1.0.0', writablePaths: ['/tmp', '/cache'], mounts: [ServiceMount.emptyDir('/cache')] }))
        .toThrow(/addService\("web"\)\.mounts\[0\]\.target must be mounted once per container \(got "\/cache"\)/);
    });

    test('throws for a claim name Kubernetes refuses', () => {
      expect(() => web(stack(), [ServiceMount.claim('/data', 'Orders_Data')]))
        .toThrow(/\[shop\/web\] MicroserviceStack: addService\("web"\)\.mounts\[0\]\.source must be a DNS-1123 subdomain.*\(got "Orders_Data"\); name the claim with lowercase letters/);
    });

    test('throws for one claim mounted with two sizes', () => {
      const s = stack();
      web(s, [ServiceMount.claim('/data', 'uploads', { storage: Size.gibibytes(5) })]);
      expect(() => s.addJob('resize', { image: 'eshop/resize:1.0.0', mounts: [ServiceMount.claim('/data', 'uploads', { storage: Size.gibibytes(10), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY] })] }))
        .toThrow(/\[shop\/resize\] MicroserviceStack: addJob\("resize"\)\.mounts\[0\]\.source must be mounted with the options addService\("web"\)\.mounts\[0\]\.source gave the claim first .*\(got "uploads"\); pass the same existing, storage, storageClassName and accessModes/);
    });

    test('throws at synth for a file over 1 MiB, naming the service\'s object and the key', () => {
      const dir = mkdtempSync(join(tmpdir(), 'big-'));
      writeFileSync(join(dir, 'bundle.js'), 'x'.repeat(1100 * 1024));
      const s = stack();
      web(s, [ServiceMount.file('/srv/bundle.js', join(dir, 'bundle.js'))]);
      expect(() => Testing.synth(s)).toThrow(/\[shop\/web\/File-srv-bundle-js\/Resource\] ConfigMap shop\/web-srv-bundle-js: holds 1\.1 MiB of data, more than the 1 MiB a ConfigMap may hold \(largest keys: "bundle\.js" \(1\.1 MiB\)\); split it .* \(object-size\)/);
    });
  });
});
