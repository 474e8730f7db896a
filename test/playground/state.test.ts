import { DEFAULT_OPTIONS } from '../../playground/src/adapter';
import { decodeState, encodeState } from '../../playground/src/state';

const FILES = { 'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27 # ü\n', '.env': 'TAG=1\n' };

describe('the URL fragment', () => {
  test('round-trips files and options', () => {
    const options = { ...DEFAULT_OPTIONS, platform: 'gke', profiles: 'debug' };
    const fragment = encodeState({ files: FILES, options });
    expect(fragment).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    expect(decodeState(`#${fragment}`, DEFAULT_OPTIONS)).toEqual({ files: FILES, options });
  });

  test('is the same for the same state, so a reloaded page keeps its link', () => {
    expect(encodeState({ files: FILES, options: DEFAULT_OPTIONS })).toBe(encodeState({ files: { ...FILES }, options: { ...DEFAULT_OPTIONS } }));
  });

  test('compresses: the shop fits in a link', () => {
    const big = { 'docker-compose.yml': 'services:\n'.concat('  svc:\n    image: shop/catalog:1.0.0\n'.repeat(200)) };
    expect(encodeState({ files: big, options: DEFAULT_OPTIONS }).length).toBeLessThan(JSON.stringify(big).length / 10);
  });

  test('gives nothing for a fragment that holds no state, or a damaged one', () => {
    expect(decodeState('', DEFAULT_OPTIONS)).toBeUndefined();
    expect(decodeState('#section', DEFAULT_OPTIONS)).toBeUndefined();
    expect(decodeState('#s1.not-deflate', DEFAULT_OPTIONS)).toBeUndefined();
  });

  test('keeps only options of the right type, and files that are text', () => {
    const encoded = encodeState({ files: FILES, options: { ...DEFAULT_OPTIONS, imageTag: 3 as unknown as string, extra: 'x' } as never });
    expect(decodeState(encoded, DEFAULT_OPTIONS)?.options).toEqual(DEFAULT_OPTIONS);
    const notText = encodeState({ files: { 'a.yml': 1 } as never, options: DEFAULT_OPTIONS });
    expect(decodeState(notText, DEFAULT_OPTIONS)).toBeUndefined();
  });

  test('drops file names from a link that would leave the project folder', () => {
    const files = { 'docker-compose.yml': 'x', '../../.bashrc': 'y', '/etc/passwd': 'z', 'a//b': 'w', 'nginx/default.conf': 'v' };
    expect(Object.keys(decodeState(encodeState({ files, options: DEFAULT_OPTIONS }), DEFAULT_OPTIONS)!.files)).toEqual(['docker-compose.yml', 'nginx/default.conf']);
  });
});
