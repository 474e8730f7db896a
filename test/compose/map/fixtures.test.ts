import { join } from 'path';
import { containerOf, fixture, planFiles, serviceOf } from './support';

function plan(folder: string, ...files: string[]) {
  return planFiles({ files: (files.length > 0 ? files : ['docker-compose.yml']).map(f => join(fixture(folder), f)) });
}

describe('apps modelled on real ones', () => {
  test('runs the .NET services whose Dockerfiles say USER app restricted as 1654, and names what the others need', () => {
    // GIVEN a base file, an override and .env, with Dockerfiles built FROM aspnet:8.0
    const p = plan('dotnet-shop', 'docker-compose.yml', 'docker-compose.override.yml');
    // THEN USER app and USER $APP_UID are 1654, restricted; the Dockerfile without USER runs baseline
    expect(containerOf(p, 'catalog-api').security).toMatchObject({ level: 'RESTRICTED', runAsUser: 1654, basis: [expect.stringMatching(/Dockerfile USER app \(1654\)/), expect.any(String)] });
    expect(containerOf(p, 'basket-api').security).toMatchObject({ level: 'RESTRICTED', runAsUser: 1654 });
    expect(containerOf(p, 'webapp').security.level).toBe('BASELINE');
    expect(p.lines).toContainEqual(expect.stringMatching(/services\.webapp runs with baseline Pod Security.*add user: "1654:1654".*or USER <uid> in WebApp\/Dockerfile/));
    // AND the .env tag, the gRPC port 81 next to 8080, and the untagged image with one warning
    expect(containerOf(p, 'catalog-api').image.image).toBe('shop/catalog.api:1.4.2');
    expect(serviceOf(p, 'catalog-api').ports.map(x => x.port)).toEqual([8080, 81]);
    expect(p.lines.filter(l => /services\.webapp\.image has no tag/.test(l))).toHaveLength(1);
    expect(p.podSecurity).toBe('BASELINE');
  });

  test('runs Postgres, Redis and RabbitMQ as one-replica StatefulSets with claims, restricted where the table proves it', () => {
    const p = plan('backing');
    expect(['postgres', 'redis', 'rabbitmq'].map(s => [serviceOf(p, s).kind, serviceOf(p, s).replicas, containerOf(p, s).security.level])).toEqual([
      ['STATEFUL_SET', 1, 'RESTRICTED'], ['STATEFUL_SET', 1, 'RESTRICTED'], ['STATEFUL_SET', 1, 'BASELINE'],
    ]);
    expect(containerOf(p, 'postgres').mounts).toContainEqual(expect.objectContaining({ kind: 'CLAIM', target: '/var/lib/postgresql/data', name: 'pgdata' }));
    expect(containerOf(p, 'redis').mounts).toContainEqual(expect.objectContaining({ kind: 'CLAIM', target: '/data', name: 'redis-data' }));
    expect(serviceOf(p, 'rabbitmq').ports.map(x => x.port)).toContain(5672);
    expect(Object.keys(containerOf(p, 'orders').secretEnv)).toEqual(['ConnectionStrings__Orders', 'RabbitMQ__Uri']);
  });

  test('mounts the proxy\'s nested config folder and gives the backend its exposed port only', () => {
    const p = plan('reverse-proxy');
    expect(containerOf(p, 'proxy').mounts).toEqual([expect.objectContaining({ kind: 'DIRECTORY', target: '/etc/nginx', files: ['conf.d/default.conf', 'nginx.conf'] })]);
    expect(serviceOf(p, 'backend').ports.map(x => `${x.port}/${x.protocol}`)).toEqual(['8000/TCP']);
    expect(containerOf(p, 'backend').probes).toMatchObject({ from: 'first port', readiness: { kind: 'TCP_SOCKET', port: 8000 } });
    expect(containerOf(p, 'backend').security).toMatchObject({ level: 'BASELINE', basis: ['Dockerfile USER 65532:65532 (65532)'] });
    expect(p.networks).toEqual([expect.objectContaining({ composeName: 'default', members: ['proxy', 'backend'] })]);
  });

  test('runs the migration and the seed as Jobs, and the API as a Deployment that waits for the migration', () => {
    const p = plan('migration');
    expect(p.services.map(s => [s.composeName, s.kind])).toEqual([['db', 'STATEFUL_SET'], ['migrate', 'JOB'], ['seed', 'JOB'], ['api', 'DEPLOYMENT']]);
    expect(serviceOf(p, 'seed').job).toEqual({ restartPolicy: 'OnFailure', backoffLimit: 3 });
    expect(serviceOf(p, 'api').dependsOn).toEqual([{ service: 'migrate', condition: 'service_completed_successfully' }]);
    expect(containerOf(p, 'db').security).toMatchObject({ level: 'RESTRICTED', runAsUser: 70 });
  });

  test('puts the Dapr sidecar into the API\'s pod, with its components folder', () => {
    const p = plan('dapr-sidecar');
    expect(p.services.map(s => s.composeName)).toEqual(['api']);
    expect(serviceOf(p, 'api').containers.map(c => c.name)).toEqual(['api', 'api-dapr']);
    expect(containerOf(p, 'api-dapr').mounts).toEqual([expect.objectContaining({ kind: 'DIRECTORY', target: '/components', files: ['pubsub.yaml'] })]);
    expect(serviceOf(p, 'api').published.map(x => x.published)).toEqual([5102, 50001]);
  });

  test('keeps a UDP range and several TCP ports, each with its protocol', () => {
    const ports = serviceOf(plan('ports'), 'relay').ports;
    expect(ports.filter(x => x.protocol === 'UDP').map(x => x.port)).toEqual([3478, ...Array.from({ length: 10 }, (_, i) => 49160 + i)]);
    expect(ports.filter(x => x.protocol === 'TCP').map(x => x.port)).toEqual([3478, 8080, 8443, 9090]);
  });

  test('gives a service and a volume of one name distinct Kubernetes names', () => {
    const p = plan('same-name');
    expect(serviceOf(p, 'backup').name).toBe('backup');
    expect(p.volumes.find(v => v.composeName === 'backup')).toMatchObject({ name: 'backup-data', shared: true, users: ['backup', 'db'] });
  });
});
