import { dependsOn, listOrDict, parseBytes, parseDuration, parseMount, parsePort, shellSplit } from '../../../src/compose/load/forms';

describe('ports', () => {
  test.each([
    [80, { target: 80, protocol: 'tcp' }],
    ['80', { target: 80, protocol: 'tcp' }],
    ['5101:8080', { target: 8080, published: 5101, protocol: 'tcp' }],
    ['127.0.0.1:5101:8080', { target: 8080, published: 5101, protocol: 'tcp', hostIp: '127.0.0.1' }],
    ['[::1]:5101:8080', { target: 8080, published: 5101, protocol: 'tcp', hostIp: '::1' }],
    ['127.0.0.1::8080', { target: 8080, protocol: 'tcp', hostIp: '127.0.0.1' }],
    ['5353:53/udp', { target: 53, published: 5353, protocol: 'udp' }],
    ['8080-8080:80', { target: 80, published: 8080, protocol: 'tcp' }],
    [{ target: 8080, published: '5101', protocol: 'tcp', mode: 'host' }, { target: 8080, published: 5101, protocol: 'tcp', mode: 'host' }],
  ])('reads %j', (entry, expected) => {
    expect(parsePort(entry)).toMatchObject(expected);
  });

  test.each([
    ['8000-8010:8000-8010', 'has the target port range 8000-8010, which a Kubernetes Service cannot express'],
    ['8000-8001:80', 'has the published port range 8000-8001, which a Kubernetes Service cannot express'],
    ['http:80', 'has a published port that is not a number'],
    ['70000', 'has the target port 70000, outside 1-65535'],
    ['1:2:3:4', 'must be [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]'],
  ])('says what is wrong with %s', (entry, problem) => {
    expect(parsePort(entry)).toBe(problem);
  });
});

describe('mounts', () => {
  test.each([
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    ['./appsettings.json:/app/appsettings.json:ro,z', { type: 'bind', source: './appsettings.json', readOnly: true, ignored: ['z'] }],
    ['~/.aspnet/https:/https:ro', { type: 'bind', source: '~/.aspnet/https' }],
    ['C:\\certs:/certs', { type: 'bind', source: 'C:\\certs', target: '/certs' }],
    ['/var/cache', { type: 'volume', target: '/var/cache' }],
    [{ type: 'volume', source: 'data', target: '/data', read_only: true, volume: { nocopy: true, subpath: 'db' } }, { type: 'volume', readOnly: true, subPath: 'db', ignored: ['volume.nocopy'] }],
    [{ type: 'tmpfs', target: '/cache', tmpfs: { size: '64m' } }, { type: 'tmpfs', target: '/cache', tmpfsSize: 64 * 1024 * 1024 }],
  ])('reads %j', (entry, expected) => {
    expect(parseMount(entry)).toMatchObject(expected);
  });

  test('says what is wrong with a relative container path', () => {
    expect(parseMount('data:var/lib')).toBe('must have an absolute container path');
    expect(parseMount({ type: 'bind', source: '.', target: 'app' })).toBe('must have an absolute target path');
  });
});

test.each([
  ['30s', 30], ['1m30s', 90], ['500ms', 0.5], ['1h', 3600], ['1.5s', 1.5],
])('reads the duration %s', (text, seconds) => {
  expect(parseDuration(text)).toBe(seconds);
});

test('says what is wrong with a duration', () => {
  expect(parseDuration('30 seconds')).toBe('must be a duration such as 30s, 1m30s or 500ms');
});

test.each([
  ['512m', 512 * 2 ** 20], ['1g', 2 ** 30], ['1.5GB', 1.5 * 2 ** 30], ['1024', 1024], [2048, 2048], ['64k', 65536],
])('reads the size %s', (text, bytes) => {
  expect(parseBytes(text)).toBe(bytes);
});

test('splits commands as a shell does', () => {
  expect(shellSplit('dotnet Catalog.API.dll --urls "http://+:80" \'a b\' c\\ d')).toEqual(['dotnet', 'Catalog.API.dll', '--urls', 'http://+:80', 'a b', 'c d']);
  expect(shellSplit('echo "unclosed')).toBe('has a double quote without its closing quote');
});

test('reads environment lists and mappings', () => {
  expect(listOrDict(['A=1', 'B', 'C=x=y'])).toEqual([['A', '1', 0], ['B', undefined, 1], ['C', 'x=y', 2]]);
  expect(listOrDict({ A: 1, B: null, C: true })).toEqual([['A', '1', 'A'], ['B', undefined, 'B'], ['C', 'true', 'C']]);
});

test('reads depends_on lists and mappings', () => {
  expect(dependsOn(['db'])).toEqual([{ service: 'db', condition: 'service_started', required: true, restart: false }]);
  expect(dependsOn({ db: { condition: 'service_healthy', required: false } })).toEqual([{ service: 'db', condition: 'service_healthy', required: false, restart: false }]);
});
