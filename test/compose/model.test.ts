import { join } from 'path';
import { writeProject } from './support';
import { loadProject } from '../../src/compose/load';
import { ComposeServiceModel } from '../../src/compose/model';
import { buildModel } from '../../src/compose/model-build';

function model(compose: string, files: { [path: string]: string } = {}) {
  const dir = writeProject({ 'docker-compose.yml': compose, ...files });
  return buildModel(loadProject({ files: [join(dir, 'docker-compose.yml')] }));
}

function svc(body: string): ComposeServiceModel {
  return model(`services:\n  svc:\n${body.split('\n').map(l => `    ${l}`).join('\n')}\n`).services[0];
}

describe('the typed compose model', () => {
  test('expands port ranges and keeps each protocol', () => {
    // GIVEN ports with a UDP range, a published range for one target and a long form
    const s = svc('image: s:1\nports:\n  - "9000-9002:9000-9002/udp"\n  - "8000-8010:80"\n  - {target: 53, published: "53", protocol: sctp}\nexpose: ["7000-7001"]');
    // THEN each port is its own entry with its protocol and key
    expect(s.ports.map(p => `${p.published}:${p.target}/${p.protocol}`)).toEqual(['9000:9000/udp', '9001:9001/udp', '9002:9002/udp', '8000:80/tcp', '53:53/sctp']);
    expect(s.ports[1].key).toEqual(['ports', 0]);
    expect(s.expose.map(p => p.target)).toEqual([7000, 7001]);
  });

  test('reads commands as argv, from strings as a shell splits them', () => {
    const s = svc('image: s:1\nentrypoint: /bin/sh -c\ncommand: "echo \'hello world\'"');
    expect(s.entrypoint).toEqual(['/bin/sh', '-c']);
    expect(s.command).toEqual(['echo', 'hello world']);
  });

  test('reads the healthcheck forms and durations', () => {
    expect(svc('image: s:1\nhealthcheck:\n  test: curl -f http://localhost/\n  interval: 1m30s\n  start_period: 500ms').healthcheck).toMatchObject({
      test: { form: 'CMD-SHELL', argv: ['curl -f http://localhost/'] }, intervalSeconds: 90, startPeriodSeconds: 0.5, disabled: false,
    });
    expect(svc('image: s:1\nhealthcheck:\n  test: ["CMD", "pg_isready"]').healthcheck?.test).toEqual({ form: 'CMD', argv: ['pg_isready'] });
    expect(svc('image: s:1\nhealthcheck:\n  test: ["NONE"]').healthcheck?.disabled).toBe(true);
  });

  test('reads users, restart policies, deploy and network mode', () => {
    const s = svc('image: s:1\nuser: "1000:50"\nrestart: on-failure:3\nnetwork_mode: service:api\ndeploy:\n  replicas: 2\n  resources:\n    limits: {cpus: "0.5", memory: 256M}\n  placement:\n    constraints: [node.role==worker]');
    expect(s.user).toEqual({ text: '1000:50', user: '1000', group: '50', uid: 1000, gid: 50 });
    expect(s.restart).toEqual({ policy: 'on-failure', maxRetries: 3 });
    expect(s.networkMode).toEqual({ text: 'service:api', kind: 'service', target: 'api' });
    expect(s.deploy).toMatchObject({ replicas: 2, limits: { cpus: 0.5, memoryBytes: 256 * 2 ** 20 }, placement: { constraints: ['node.role==worker'] } });
  });

  test('reads long-form mounts with their bind, volume and tmpfs options', () => {
    const s = svc('image: s:1\nvolumes:\n  - type: bind\n    source: ./conf\n    target: /etc/app\n    read_only: true\n    bind: {create_host_path: true}\n  - type: volume\n    source: data\n    target: /data\n    volume: {subpath: sub, nocopy: true}\n  - type: tmpfs\n    target: /cache\n    tmpfs: {size: 64m}');
    expect(s.volumes.map(v => [v.type, v.target, v.readOnly])).toEqual([['bind', '/etc/app', true], ['volume', '/data', false], ['tmpfs', '/cache', false]]);
    expect(s.volumes[0].bind).toEqual({ createHostPath: true, propagation: undefined, selinux: undefined });
    expect(s.volumes[1]).toMatchObject({ subPath: 'sub', noCopy: true });
    expect(s.volumes[2].tmpfsSizeBytes).toBe(64 * 2 ** 20);
  });

  test('keeps ports that interpolation left empty apart, so they are named instead of refused', () => {
    const s = svc('image: s:1\nports: ["${UNSET_PORT}", "8080"]');
    expect(s.ports.map(p => p.target)).toEqual([8080]);
    expect(s.emptyPorts).toEqual([['ports', 0]]);
  });

  test('types top-level entries: external names, NFS driver options, files', () => {
    const m = model('services:\n  s:\n    image: s:1\nvolumes:\n  ext: {external: true, name: shared-data}\n  nfs:\n    driver_opts: {type: nfs, o: "addr=10.0.0.5", device: ":/exports/a"}\nsecrets:\n  key: {file: ./key.pem}\n');
    expect(m.volumes.get('ext')).toMatchObject({ external: true, externalName: 'shared-data' });
    expect(m.volumes.get('nfs')?.driverOpts).toEqual({ type: 'nfs', o: 'addr=10.0.0.5', device: ':/exports/a' });
    expect(m.secrets.get('key')?.file).toMatch(/key\.pem$/);
  });

  test('names an external entry without a name after its key, as compose does, and reads the legacy external.name', () => {
    // GIVEN Sentry's form (external: true, no name) and compose v3.0's (external: {name: ...})
    const m = model('services:\n  s:\n    image: s:1\nvolumes:\n  sentry-data: {external: true}\n  old: {external: {name: team-data}}\nnetworks:\n  web: {external: true}\n');
    // THEN the existing object has the key's name, never "false"
    expect(m.volumes.get('sentry-data')).toMatchObject({ external: true, externalName: 'sentry-data' });
    expect(m.volumes.get('old')).toMatchObject({ external: true, externalName: 'team-data' });
    expect(m.networks.get('web')).toMatchObject({ external: true, externalName: 'web' });
  });

  test('throws for a duration compose refuses, naming the file, line and key', () => {
    expect(() => svc('image: s:1\nstop_grace_period: soon')).toThrow(/docker-compose\.yml:4:5\] fromCompose: services\.svc\.stop_grace_period must be a duration such as 30s.*\(got "soon"\); write a duration/);
  });

  test('throws for a port that is not a number', () => {
    expect(() => svc('image: s:1\nports: ["80x"]')).toThrow(/services\.svc\.ports\[0\] has a target port that is not a number/);
  });
});
