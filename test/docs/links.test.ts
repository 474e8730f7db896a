/**
 * README.md is also the package's npm page, where only the files the package ships exist: a
 * relative link must point at one of them (API.md, CHANGELOG.md, LICENSE), and anything else
 * (examples/, docs/, bench/, test/, src/) is an absolute link to the repository, to a file or folder
 * that exists. An anchor must name a heading (or an API.md entry) of the document it points into.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { headingAnchors, Link, linksOf, ROOT } from './markdown';

/** The repository's web address, from package.json (projen writes it from .projenrc.ts). */
const REPOSITORY = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf-8')).repository.url as string).replace(/\.git$/, '');
/** Where links to the repository point: the default branch. */
const BRANCH = 'main';

/** The files `npm pack` puts in the package (.npmignore and package.json decide), relative to the root. */
function shippedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Set((JSON.parse(out)[0].files as Array<{ path: string }>).map(f => f.path));
}

/** Where a link leads: a relative path, a path in the repository, elsewhere on the web, or this page. */
function kindOf(target: string): 'relative' | 'repository' | 'web' | 'anchor' {
  if (target.startsWith('#')) return 'anchor';
  if (target.startsWith(`${REPOSITORY}/`)) return 'repository';
  return /^[a-z][a-z0-9+.-]*:/i.test(target) ? 'web' : 'relative';
}

/** The relative links of a document that point at no shipped file, as `README.md:12: examples/x`. */
function unshipped(links: Link[], shipped: Set<string>): string[] {
  return links
    .filter(l => kindOf(l.target) === 'relative' && !shipped.has(l.target.split('#')[0].replace(/^\.\//, '')))
    .map(l => `${l.file}:${l.line}: ${l.target}`);
}

const links = linksOf('README.md');
const shipped = shippedFiles();

test('README.md has links of each kind to check', () => {
  expect(links.filter(l => kindOf(l.target) === 'relative').length).toBeGreaterThan(10);
  expect(links.filter(l => kindOf(l.target) === 'repository').length).toBeGreaterThan(10);
  expect([...shipped]).toEqual(expect.arrayContaining(['README.md', 'API.md', 'CHANGELOG.md', 'LICENSE', 'package.json']));
});

test('every relative link of README.md points to a file the npm package ships', () => {
  // GIVEN the files npm packs WHEN each relative link is resolved THEN it names one of them
  expect(unshipped(links, shipped)).toEqual([]);
});

test('a relative link to a folder the package does not ship is reported with its line', () => {
  // GIVEN a README that links an example and the changelog relatively
  const sample = linksOf('README.md', 'See [the canary](examples/canary/main.ts).\n\nAnd [changes](CHANGELOG.md#010), [x](https://example.com), [y](#top).');
  // THEN only the example is reported
  expect(unshipped(sample, shipped)).toEqual(['README.md:1: examples/canary/main.ts']);
});

test(`every link of README.md to the repository names a file (blob/${BRANCH}) or folder (tree/${BRANCH}) that exists`, () => {
  const wrong = links.filter(l => kindOf(l.target) === 'repository').flatMap(l => {
    const m = new RegExp(`^${REPOSITORY.replace(/[.]/g, '\\.')}/(blob|tree)/${BRANCH}/([^#?]+)`).exec(l.target);
    const path = m && join(ROOT, decodeURIComponent(m[2]));
    const ok = path !== null && existsSync(path) && (m![1] === 'tree') === statSync(path).isDirectory();
    return ok ? [] : [`README.md:${l.line}: ${l.target}`];
  });
  expect(wrong).toEqual([]);
});

test('every anchor of README.md names a heading of the document it points into (or an entry of API.md)', () => {
  expect(links.filter(l => l.target.includes('#')).length).toBeGreaterThan(10);
  expect(missingAnchors(links)).toEqual([]);
});

test('an anchor that names no heading is reported with its line', () => {
  const sample = linksOf('README.md', '[a](#props-at-a-glance) [b](#no-such-heading)\n[c](API.md#k8s-course-constructs.ProbedDeploymentProps) [d](API.md#k8s-course-constructs.Nope)');
  expect(missingAnchors(sample)).toEqual(['README.md:1: #no-such-heading', 'README.md:2: API.md#k8s-course-constructs.Nope']);
});

/** The links whose anchor names nothing in the document they point into. */
function missingAnchors(list: Link[]): string[] {
  const anchors = new Map<string, (anchor: string) => boolean>();
  const has = (file: string, anchor: string): boolean => {
    if (!anchors.has(file)) {
      const text = readFileSync(join(ROOT, file), 'utf-8');
      const headings = headingAnchors(text);
      // jsii-docgen marks each entry of API.md with an id: `<a name="X" id="k8s-course-constructs.X">`.
      const ids = new Set([...text.matchAll(/ id="([^"]+)"/g)].map(m => m[1]));
      anchors.set(file, a => headings.has(a) || ids.has(a));
    }
    return anchors.get(file)!(anchor);
  };
  return list.flatMap(l => {
    const [path, anchor] = l.target.split('#');
    const kind = kindOf(l.target);
    if (anchor === undefined || kind === 'web') return [];
    const file = kind === 'anchor' ? l.file
      : kind === 'repository' ? path.replace(new RegExp(`^${REPOSITORY}/(blob|tree)/${BRANCH}/`), '') : path;
    const ok = file.endsWith('.md') && existsSync(join(ROOT, file)) && has(file, decodeURIComponent(anchor));
    return ok ? [] : [`${l.file}:${l.line}: ${l.target}`];
  });
}
