import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { IComposeFileSystem } from '../../../src/compose/load/file-system';
import { InMemoryFileSystem } from '../../../src/compose/load/memory-file-system';
import { NodeFileSystem } from '../../../src/compose/load/node-file-system';

/** The same tree on disk and in memory: a file, a folder, a link to each, a dangling link and a loop. */
function onDisk(): { fs: IComposeFileSystem; root: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'compose-fs-')));
  mkdirSync(join(root, 'app/config'), { recursive: true });
  writeFileSync(join(root, 'app/config/app.json'), '{"a":1}\n');
  symlinkSync('config/app.json', join(root, 'app/link.json'));
  symlinkSync(join(root, 'app/config'), join(root, 'app/conf'));
  symlinkSync('nowhere.json', join(root, 'app/dangling.json'));
  symlinkSync('loop', join(root, 'app/loop'));
  return { fs: new NodeFileSystem(), root };
}

function inMemory(): { fs: IComposeFileSystem; root: string } {
  return {
    root: '/r',
    fs: new InMemoryFileSystem({
      files: { '/r/app/config/app.json': '{"a":1}\n' },
      symlinks: { '/r/app/link.json': 'config/app.json', '/r/app/conf': '/r/app/config', '/r/app/dangling.json': 'nowhere.json', '/r/app/loop': 'loop' },
    }),
  };
}

describe.each([['on disk', onDisk], ['in memory', inMemory]])('a file system %s', (_name, make) => {
  test('reads files, also through symlinks', () => {
    const { fs, root } = make();
    expect(fs.readText(join(root, 'app/config/app.json'))).toBe('{"a":1}\n');
    expect(fs.readText(join(root, 'app/link.json'))).toBe('{"a":1}\n');
    expect(fs.readText(join(root, 'app/conf/app.json'))).toBe('{"a":1}\n');
    expect(() => fs.readText(join(root, 'app/missing.json'))).toThrow();
    expect(() => fs.readText(join(root, 'app/dangling.json'))).toThrow();
  });

  test('resolves symlinks to real paths, and gives undefined for what does not exist', () => {
    const { fs, root } = make();
    expect(fs.realPath(join(root, 'app/link.json'))).toBe(join(root, 'app/config/app.json'));
    expect(fs.realPath(join(root, 'app/conf/app.json'))).toBe(join(root, 'app/config/app.json'));
    expect(fs.realPath(join(root, 'app/conf/../link.json'))).toBe(join(root, 'app/config/app.json'));
    expect(fs.realPath(join(root, 'app/dangling.json'))).toBeUndefined();
    expect(fs.realPath(join(root, 'app/loop'))).toBeUndefined();
    expect(fs.realPath(join(root, 'app/config/app.json/x'))).toBeUndefined();
  });

  test('says what a path is, following symlinks', () => {
    const { fs, root } = make();
    expect(fs.stat(join(root, 'app/link.json'))).toEqual({ isFile: true, isDirectory: false, size: 8 });
    expect(fs.stat(join(root, 'app/conf'))).toMatchObject({ isFile: false, isDirectory: true });
    expect(fs.stat(join(root, 'app/dangling.json'))).toBeUndefined();
    expect(fs.stat(join(root, 'app/loop'))).toBeUndefined();
  });

  test('lists a folder, sorted, links included', () => {
    const { fs, root } = make();
    expect(fs.readDir(join(root, 'app'))).toEqual(['conf', 'config', 'dangling.json', 'link.json', 'loop']);
    expect(fs.readDir(join(root, 'app/conf'))).toEqual(['app.json']);
    expect(() => fs.readDir(join(root, 'app/config/app.json'))).toThrow();
  });
});
