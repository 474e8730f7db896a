import { ManifestValidator } from '../../../src';
import { dataKeySizes, formatBytes } from '../../../src/validation/rules/object-size';

const MiB = 1024 * 1024;

function configMap(data: { [key: string]: string }, binaryData?: { [key: string]: string }): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-files', namespace: 'shop' }, data, ...binaryData ? { binaryData } : {} };
}

describe('object-size', () => {
  test('finds a ConfigMap over 1 MiB, naming its largest keys and the fix', () => {
    // GIVEN a ConfigMap of 1.2 MiB
    const m = configMap({ 'bundle.js': 'x'.repeat(MiB), 'app.css': 'y'.repeat(0.2 * MiB), 'a.txt': 'z' });
    // WHEN
    const findings = ManifestValidator.validateManifests([m]);
    // THEN
    expect(findings).toEqual([{
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'web-files',
      rule: 'object-size',
      message: 'holds 1.2 MiB of data, more than the 1 MiB a ConfigMap may hold (largest keys: "bundle.js" (1.0 MiB), "app.css" (205 KiB), "a.txt" (6 B)); '
        + 'split it into several objects, or keep the files in the image or on a volume',
    }]);
  });

  test('accepts exactly 1 MiB of keys and values', () => {
    expect(ManifestValidator.validateManifests([configMap({ k: 'x'.repeat(MiB - 1) })])).toEqual([]);
  });

  test('counts binaryData and Secret data decoded, and a stringData key once', () => {
    const binary = Buffer.alloc(600 * 1024).toString('base64');
    expect(dataKeySizes(configMap({ a: 'abc' }, { b: binary }))).toEqual([{ key: 'a', bytes: 4 }, { key: 'b', bytes: 1 + 600 * 1024 }]);
    const secret = { kind: 'Secret', data: { key: Buffer.from('secret').toString('base64'), both: 'AAAA' }, stringData: { both: 'text' } };
    expect(dataKeySizes(secret)).toEqual([{ key: 'key', bytes: 9 }, { key: 'both', bytes: 8 }]);
    const big = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, data: { 'tls.key': binary, 'tls.crt': binary } };
    expect(ManifestValidator.validateManifests([big]).map(f => f.rule)).toEqual(['object-size']);
  });

  test('formats sizes for people', () => {
    expect([formatBytes(12), formatBytes(300 * 1024), formatBytes(1.25 * MiB)]).toEqual(['12 B', '300 KiB', '1.3 MiB']);
  });
});
