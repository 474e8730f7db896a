import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ProjectBoundary } from '../../../src/compose/load/boundary';
import { InMemoryFileSystem } from '../../../src/compose/load/memory-file-system';
import { NodeFileSystem } from '../../../src/compose/load/node-file-system';

describe('the project boundary', () => {
  const fs = new InMemoryFileSystem({
    files: {
      '/home/u/shop/docker-compose.yml': 'services: {}\n',
      '/home/u/shop/config/app.json': '{}',
      '/home/u/.aws/credentials': '[default]\n',
      '/etc/shadow': 'root:x\n',
    },
    symlinks: {
      '/home/u/shop/appsettings.json': '/etc/shadow',
      '/home/u/shop/up': '..',
      '/home/u/shop/cfg': 'config',
      '/home/u/shop/aws': '../.aws',
      '/home/u/link-to-shop': 'shop',
    },
  });
  const boundary = new ProjectBoundary(fs, '/home/u/shop');

  test.each([
    ['config/app.json', '/home/u/shop/config/app.json'],
    ['/home/u/shop/config/app.json', '/home/u/shop/config/app.json'],
    ['./cfg/app.json', '/home/u/shop/config/app.json'],
    ['.', '/home/u/shop'],
    ['data/postgres', '/home/u/shop/data/postgres'],
    ['/home/u/link-to-shop/config/app.json', '/home/u/shop/config/app.json'],
  ])('lets %s in, as %s', (path, real) => {
    expect(boundary.inside(path)).toBe(real);
  });

  test.each([
    '../../../etc/passwd', '/etc/shadow', '/home/u/.aws/credentials', '~/.aws/credentials'.replace('~', '/home/u'),
    'appsettings.json', 'up/.aws/credentials', 'aws/credentials', 'up', '/home/u/shop-other/x', '..',
  ])('keeps %s out', path => {
    expect(boundary.inside(path)).toBeUndefined();
  });

  test('is the real folder when the project directory is reached through a symlink', () => {
    expect(new ProjectBoundary(fs, '/home/u/link-to-shop').root).toBe('/home/u/shop');
    expect(new ProjectBoundary(fs, '/home/u/link-to-shop').inside('config/app.json')).toBe('/home/u/shop/config/app.json');
  });

  test('holds on a real disk, with real symlinks', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'compose-boundary-')));
    mkdirSync(join(root, 'shop/config'), { recursive: true });
    writeFileSync(join(root, 'shop/config/app.json'), '{}');
    writeFileSync(join(root, 'secret.txt'), 'token');
    symlinkSync(join(root, 'secret.txt'), join(root, 'shop/appsettings.json'));
    symlinkSync('..', join(root, 'shop/up'));
    symlinkSync('config', join(root, 'shop/cfg'));
    const disk = new ProjectBoundary(new NodeFileSystem(), join(root, 'shop'));
    expect(disk.inside('cfg/app.json')).toBe(join(root, 'shop/config/app.json'));
    expect(disk.inside('appsettings.json')).toBeUndefined();
    expect(disk.inside('up/secret.txt')).toBeUndefined();
    expect(disk.inside('/etc/passwd')).toBeUndefined();
  });
});
