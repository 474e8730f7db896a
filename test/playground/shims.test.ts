import { createHash } from 'crypto';
import { join } from 'path';
import { buildSync } from 'esbuild';
import * as disk from '../../playground/src/shims/disk';
import * as fs from '../../playground/src/shims/fs';

/** The crypto shim as the page runs it: bundled by esbuild (with @noble/hashes), loaded as CommonJS. */
function bundledCrypto(): { createHash(algorithm: string): { update(d: string | Uint8Array): any; digest(e?: 'hex'): any } } {
  const { outputFiles } = buildSync({ entryPoints: [join(__dirname, '../../playground/src/shims/crypto.ts')], bundle: true, format: 'cjs', write: false });
  const module = { exports: {} as any };
  new Function('module', 'exports', outputFiles[0].text)(module, module.exports);
  return module.exports;
}

describe('the browser shims', () => {
  const shim = bundledCrypto();

  test.each(['sha1', 'sha256'])('%s digests are Node\'s, for text in several updates and for bytes', algorithm => {
    for (const parts of [[''], ['eshop/catalog-api'], ['a', '\n', 'ü€😀'], ['x'.repeat(1000), 'y'.repeat(65)]]) {
      const ours = shim.createHash(algorithm);
      const node = createHash(algorithm);
      for (const p of parts) {
        ours.update(p);
        node.update(p);
      }
      expect(ours.digest('hex')).toBe(node.digest('hex'));
    }
    expect(shim.createHash(algorithm).update(new Uint8Array([0, 1, 255])).digest('hex'))
      .toBe(createHash(algorithm).update(new Uint8Array([0, 1, 255])).digest('hex'));
  });

  test('throws for a digest the library does not use', () => {
    expect(() => shim.createHash('md5')).toThrow(/md5 is not available in the playground/);
  });

  test('fs reads and writes the page\'s disk, and a missing file fails as Node\'s does', () => {
    disk.clear();
    fs.writeFileSync('/project/gateway/yarp.json', '{"a": 1}');
    expect(fs.existsSync('/project/gateway')).toBe(true);
    expect(fs.statSync('/project/gateway').isDirectory()).toBe(true);
    expect(fs.statSync('/project/gateway/yarp.json')).toMatchObject({ size: 8 });
    expect(fs.readFileSync('/project/gateway/yarp.json', 'utf-8')).toBe('{"a": 1}');
    expect(fs.readdirSync('/project')).toEqual(['gateway']);
    expect(fs.readdirSync('/project', { recursive: true })).toEqual(['gateway/yarp.json']);
    const entries = fs.readdirSync('/project/gateway', { withFileTypes: true }) as any[];
    expect(entries.map(e => [e.name, e.isFile(), e.isDirectory(), e.isSymbolicLink()])).toEqual([['yarp.json', true, false, false]]);
    expect(() => fs.readFileSync('/project/missing.yml')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    disk.clear();
    expect(fs.existsSync('/project/gateway/yarp.json')).toBe(false);
  });
});
