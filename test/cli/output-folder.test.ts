import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OutputFolder } from '../../src/cli/output-folder';

/** A project folder with an output folder `out` in it, and a folder outside the project. */
function layout(): { root: string; out: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'out-'));
  const out = join(root, 'project', 'out');
  const outside = join(root, 'outside');
  mkdirSync(out, { recursive: true });
  mkdirSync(outside);
  return { root, out, outside };
}

function folder(out: string, force = false): OutputFolder {
  return new OutputFolder(out, { cwd: join(out, '..'), flag: '-o', force });
}

describe('OutputFolder', () => {
  test('writes files and the folders on their way, creating the output folder when missing', () => {
    const { root } = layout();
    const out = join(root, 'new', 'dist');
    expect(folder(out).write('files/a/b.txt', 'hello')).toBe(join(out, 'files', 'a', 'b.txt'));
    expect(readFileSync(join(out, 'files', 'a', 'b.txt'), 'utf-8')).toBe('hello');
  });

  test('throws for a symlink out of the folder, and leaves its target alone', () => {
    const { out, outside } = layout();
    writeFileSync(join(outside, 'secret'), 'keep');
    symlinkSync(join(outside, 'secret'), join(out, 'shop.k8s.yaml'));
    expect(() => folder(out).write('shop.k8s.yaml', 'yaml')).toThrow(
      /^out\/shop\.k8s\.yaml is a symlink to a place outside out, so it is not written through; pass --force to replace the link itself \(its target is left alone\), or remove it$/);
    expect(readFileSync(join(outside, 'secret'), 'utf-8')).toBe('keep');
  });

  test('with force replaces the link itself by a file, never its target', () => {
    const { out, outside } = layout();
    writeFileSync(join(outside, 'secret'), 'keep');
    symlinkSync(join(outside, 'secret'), join(out, 'shop.k8s.yaml'));
    folder(out, true).write('shop.k8s.yaml', 'yaml');
    expect(lstatSync(join(out, 'shop.k8s.yaml')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(out, 'shop.k8s.yaml'), 'utf-8')).toBe('yaml');
    expect(readFileSync(join(outside, 'secret'), 'utf-8')).toBe('keep');
  });

  test('throws for a symlink to `..` and for a relative link that climbs out', () => {
    const { out } = layout();
    symlinkSync('..', join(out, 'up'));
    symlinkSync('../../outside/x', join(out, 'x.yaml'));
    expect(() => folder(out).write('up/main.ts', 'code')).toThrow(/^out\/up is a symlink to a place outside out/);
    expect(() => folder(out).write('x.yaml', 'yaml')).toThrow(/^out\/x\.yaml is a symlink to nothing inside out/);
    expect(existsSync(join(out, '..', 'main.ts'))).toBe(false);
  });

  test('throws for a folder on the way that is a symlink out, and with force replaces it by a folder', () => {
    const { out, outside } = layout();
    symlinkSync(outside, join(out, 'files'));
    expect(() => folder(out).write('files/nginx.conf', 'conf')).toThrow(/^out\/files is a symlink to a place outside out/);
    expect(existsSync(join(outside, 'nginx.conf'))).toBe(false);
    folder(out, true).write('files/nginx.conf', 'conf');
    expect(statSync(join(out, 'files')).isDirectory() && !lstatSync(join(out, 'files')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(outside, 'nginx.conf'))).toBe(false);
  });

  test('throws for a dangling link (it could be made to lead anywhere) unless forced', () => {
    const { out, outside } = layout();
    symlinkSync(join(outside, 'not-yet'), join(out, 'main.ts'));
    expect(() => folder(out).write('main.ts', 'code')).toThrow(/^out\/main\.ts is a symlink to nothing inside out/);
    expect(existsSync(join(outside, 'not-yet'))).toBe(false);
    folder(out, true).write('main.ts', 'code');
    expect(existsSync(join(outside, 'not-yet'))).toBe(false);
    expect(readFileSync(join(out, 'main.ts'), 'utf-8')).toBe('code');
  });

  test('writes through a symlink that stays inside the folder', () => {
    const { out } = layout();
    mkdirSync(join(out, 'current'));
    writeFileSync(join(out, 'current', 'shop.yaml'), 'old');
    symlinkSync(join('current', 'shop.yaml'), join(out, 'shop.k8s.yaml'));
    folder(out).write('shop.k8s.yaml', 'new');
    expect(readlinkSync(join(out, 'shop.k8s.yaml'))).toBe(join('current', 'shop.yaml'));
    expect(readFileSync(join(out, 'current', 'shop.yaml'), 'utf-8')).toBe('new');
  });

  test('writes into an output folder that is itself a symlink: the user named it', () => {
    const { root, outside } = layout();
    symlinkSync(outside, join(root, 'dist'));
    folder(join(root, 'dist')).write('a.yaml', 'yaml');
    expect(readFileSync(join(outside, 'a.yaml'), 'utf-8')).toBe('yaml');
  });

  test('throws with the option for an output folder that is a file', () => {
    const { root } = layout();
    writeFileSync(join(root, 'dist'), 'a file');
    expect(() => new OutputFolder(join(root, 'dist'), { cwd: root, flag: '-o' }).write('a.yaml', 'yaml'))
      .toThrow(/^-o dist is a file; -o names the folder to write into$/);
  });

  test('counts dangling links as taken, and refuses paths that leave it', () => {
    const { out } = layout();
    symlinkSync(join(out, 'nowhere'), join(out, 'main.ts'));
    expect(folder(out).has('main.ts')).toBe(true);
    expect(folder(out).has('package.json')).toBe(false);
    expect(() => folder(out).write('../x', 'x')).toThrow(/cannot write "\.\.\/x": files are written inside the output folder/);
    expect(() => folder(out).write('/etc/x', 'x')).toThrow(/cannot write "\/etc\/x"/);
  });

  test('throws when asked whether a file is taken through a folder link out of it, and never looks through; with force the file is free', () => {
    const { out, outside } = layout();
    writeFileSync(join(outside, 'nginx.conf'), 'keep');
    symlinkSync(outside, join(out, 'files'));
    expect(() => folder(out).has('files/nginx.conf')).toThrow(/^out\/files is a symlink to a place outside out, so it is not written through/);
    expect(folder(out, true).has('files/nginx.conf')).toBe(false);
  });
});
