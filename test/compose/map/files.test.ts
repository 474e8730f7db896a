import { containerOf, oneService, planText } from './support';

describe('bind mounts', () => {
  test('mounts a file of the project from a ConfigMap, and one that looks secret from a Secret', () => {
    const plan = planText(oneService('image: s:1.0\nvolumes:\n  - ./appsettings.json:/app/appsettings.json:ro\n  - ./tls/server.key:/certs/server.key:ro'),
      { 'appsettings.json': '{}', 'tls/server.key': 'KEY' });
    expect(containerOf(plan, 'svc').mounts.map(m => [m.kind, m.target, m.secret])).toEqual([['FILE', '/app/appsettings.json', false], ['FILE', '/certs/server.key', true]]);
  });

  test('mounts a folder with its nested files', () => {
    const plan = planText(oneService('image: nginx:1.27\nvolumes: ["./nginx:/etc/nginx:ro"]'), { 'nginx/nginx.conf': 'events {}', 'nginx/conf.d/default.conf': 'server {}' });
    expect(containerOf(plan, 'svc').mounts[0]).toMatchObject({ kind: 'DIRECTORY', target: '/etc/nginx', files: ['conf.d/default.conf', 'nginx.conf'], secret: false });
  });

  test('makes a data folder a claim: one the project does not hold yet, an empty one, or one at the image\'s data path', () => {
    const plan = planText(oneService('image: postgres:16\nvolumes:\n  - ./pgdata:/var/lib/postgresql/data\n  - ./uploads:/app/uploads'), { 'pgdata/PG_VERSION': '16' });
    expect(containerOf(plan, 'svc').mounts.map(m => [m.kind, m.target, m.name])).toEqual([
      ['CLAIM', '/var/lib/postgresql/data', 'pgdata'], ['CLAIM', '/app/uploads', 'uploads'],
    ]);
    expect(plan.volumes.map(v => v.name)).toEqual(['pgdata', 'uploads']);
  });

  test('never reads a path outside the project: a read-only mount is not mapped, a writable one is an empty claim', () => {
    const plan = planText(oneService('image: s:1.0\nvolumes:\n  - /etc/shadow:/etc/shadow:ro\n  - ../../outside:/data\n  - /var/run/docker.sock:/var/run/docker.sock'));
    expect(containerOf(plan, 'svc').mounts.map(m => [m.kind, m.target])).toEqual([['CLAIM', '/data']]);
    expect(plan.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/volumes\[0\] "\/etc\/shadow" is outside the project folder and is not read, so it is not mapped/),
      expect.stringMatching(/volumes\[1\] "\.\.\/\.\.\/outside" is outside the project folder and is not read: it becomes a claim at \/data/),
      expect.stringMatching(/volumes\[2\] "\/var\/run\/docker\.sock" is a path of the host/),
    ]));
  });
});

describe('data folders shared by several services', () => {
  test('gives a host folder that several services mount one shared claim, as they share the folder under compose', () => {
    const plan = planText('services:\n  web:\n    image: w:1.0\n    volumes: ["./shared:/srv/shared"]\n  worker:\n    image: k:1.0\n    volumes: ["./shared:/data"]\n');
    expect(plan.volumes).toEqual([expect.objectContaining({ name: 'shared', kind: 'CLAIM', shared: true, users: ['web', 'worker'] })]);
  });
});
