import { containerOf, oneService, planText } from './support';

describe('volumes', () => {
  test('makes named volumes claims, shared ones ReadWriteMany, external ones existing claims with a warning', () => {
    const plan = planText('services:\n  a:\n    image: a:1.0\n    volumes: [shared:/shared, ext:/ext]\n  b:\n    image: b:1.0\n    volumes: ["shared:/data:ro"]\nvolumes:\n  shared: {}\n  ext: {external: true, name: team-data}\n  unused: {}\n');
    expect(plan.volumes.map(v => [v.composeName, v.name, v.kind, v.shared])).toEqual([['shared', 'shared', 'CLAIM', true], ['ext', 'team-data', 'EXISTING_CLAIM', false]]);
    expect(containerOf(plan, 'b').mounts[0]).toMatchObject({ kind: 'CLAIM', name: 'shared', readOnly: true });
    expect(plan.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/volumes\.ext is external: the claim "team-data" must exist in the namespace before the app starts/),
      expect.stringMatching(/volumes\.unused is not mapped: no active service mounts it/),
    ]));
  });

  test('mounts an NFS volume from its export', () => {
    const plan = planText(oneService('image: s:1.0\nvolumes: [files:/files]', 'volumes:\n  files:\n    driver_opts: {type: nfs, o: "addr=10.0.0.5,nolock", device: ":/exports/files"}\n'));
    expect(plan.volumes[0]).toMatchObject({ kind: 'NFS', nfs: { server: '10.0.0.5', path: '/exports/files', mountOptions: ['nolock'] } });
  });

  test('makes tmpfs and shm_size memory emptyDirs, and an anonymous volume an emptyDir with a warning', () => {
    const plan = planText(oneService('image: s:1.0\ntmpfs: ["/run:size=64m"]\nshm_size: 256m\nvolumes: ["/cache"]'));
    expect(containerOf(plan, 'svc').mounts.map(m => [m.kind, m.target, m.sizeBytes])).toEqual([
      ['EMPTY_DIR', '/cache', undefined], ['MEMORY', '/run', 64 * 2 ** 20], ['MEMORY', '/dev/shm', 256 * 2 ** 20],
    ]);
    expect(plan.lines).toContainEqual(expect.stringMatching(/volumes\[0\] anonymous volume at \/cache becomes an emptyDir/));
  });

  test('gives a stateful image a claim at its data path when nothing is mounted there', () => {
    const plan = planText(oneService('image: mysql:8.4'));
    expect(containerOf(plan, 'svc').mounts).toEqual([{ kind: 'CLAIM', target: '/var/lib/mysql', name: 'svc-mysql', readOnly: false, subPath: 'mysql', from: 'image data path' }]);
  });
});
