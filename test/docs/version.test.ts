import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf-8');

describe('the package version', () => {
  test('is the newest version of CHANGELOG.md, 0.1.0 or later', () => {
    // GIVEN the package manifest and the changelog
    const version: string = JSON.parse(read('package.json')).version;
    const headings = [...read('CHANGELOG.md').matchAll(/^## (\d+\.\d+\.\d+)\s*$/gm)].map(m => m[1]);
    // THEN the package has a real version, the changelog's newest
    expect(headings.length).toBeGreaterThan(0);
    expect(version).toBe(headings[0]);
    const [major, minor] = version.split('.').map(Number);
    expect(major > 0 || minor >= 1).toBe(true);
  });

  test('is the one npm installs with its changelog, which the README links', () => {
    // GIVEN what npm leaves out of the package
    const ignored = read('.npmignore').split('\n').map(l => l.trim());
    // THEN the changelog ships, and the README points at it with a link that works on npm
    expect(ignored).not.toContain('/CHANGELOG.md');
    expect(ignored).not.toContain('CHANGELOG.md');
    expect(read('README.md')).toMatch(/\[CHANGELOG\.md\]\(CHANGELOG\.md\)/);
    expect(read('README.md')).not.toMatch(/^- Unreleased:/m);
  });
});
