/**
 * The docs' TypeScript is the library's API: every ```ts block of the README and both course
 * guides type-checks against src/, so a renamed prop or a changed signature fails here, not in a
 * reader's editor. A fragment is read with a small prelude (the library's names, `App`, `Chart`,
 * `Duration`, `Size`, `kplus`, `join`, and `app`, `chart`, `stack`, `shop` when it uses them
 * undeclared): snippets.ts says it in full.
 */
import { Fence, DOCUMENTS, fences, where } from './markdown';
import { libraryExports, snippetOf, typeCheck } from './snippets';

/** Snippets that are wrong on purpose, checked in the same program as the docs' own. */
const BROKEN: Fence[] = [
  // line 101: a prop that does not exist (line 104)
  { file: 'broken.md', line: 100, info: 'ts', text: 'new ProbedDeployment(chart, \'catalog\', {\n  image: \'eshop/catalog-api:1.0.0\',\n  healthChecks: HealthChecks.aspNetCore(),\n  replica: 3,\n});' },
  // a name the snippet neither declares nor gets from the prelude (line 202)
  { file: 'broken.md', line: 200, info: 'ts', text: 'const catalog = 1;\ngateway.addRoute(\'catalog\', { path: \'/catalog\' });' },
  // a whole program that imports a name the library does not export (line 301)
  { file: 'broken.md', line: 300, info: 'ts', text: 'import { ProbedDeploymentX } from \'k8s-course-constructs\';\nconsole.log(ProbedDeploymentX);' },
];

const exported = libraryExports();
const snippets = DOCUMENTS.flatMap(fences).filter(f => f.info === 'ts' || f.info === 'typescript').map(f => snippetOf(f, exported));
const broken = BROKEN.map(f => snippetOf(f, exported));
const errors = typeCheck([...snippets, ...broken]);

test('the docs have TypeScript snippets to check', () => {
  // One fence renamed (```typescript to ```js) would otherwise check nothing.
  expect(snippets.length).toBeGreaterThanOrEqual(40);
});

test('the program of the snippets has no errors outside them (options, library, dependencies)', () => {
  expect(errors.elsewhere).toEqual([]);
});

test.each(snippets.map(s => [where(s.fence), s] as const))('the TypeScript snippet at %s type-checks against the library', (_where, snippet) => {
  // GIVEN the snippet as a module of one program with every other snippet
  // WHEN the program is type-checked THEN the snippet has no errors
  expect(errors.bySnippet.get(snippet.fileName)).toEqual([]);
});

test('a wrong snippet is reported with its document and line', () => {
  // GIVEN snippets with a misspelt prop, an undeclared name and an import the library lacks
  // WHEN they are type-checked with the docs' snippets
  const [prop, name, missing] = broken.map(s => errors.bySnippet.get(s.fileName));
  // THEN each error names the document's line, and what is wrong
  expect(prop).toEqual([expect.stringMatching(/^broken\.md:104: .*'replica' does not exist in type 'ProbedDeploymentProps'/)]);
  expect(name).toEqual([expect.stringMatching(/^broken\.md:202: Cannot find name 'gateway'/)]);
  expect(missing).toEqual([expect.stringMatching(/^broken\.md:301: .*k8s-course-constructs.* has no exported member named 'ProbedDeploymentX'/)]);
});

test('a fragment gets the names the docs use undeclared, and a whole program gets nothing', () => {
  // GIVEN a fragment that uses chart and declares its own app, and a program with its own imports
  const fragment = snippetOf({ file: 'x.md', line: 1, info: 'ts', text: 'const app = new App();\nnew Chart(app, \'a\');\nchart.node.id;' }, exported);
  const program = snippetOf({ file: 'x.md', line: 9, info: 'ts', text: 'import { App } from \'cdk8s\';\nnew App().synth();' }, exported);
  // THEN only the fragment has a prelude, declaring chart and not app
  expect(fragment.source).toMatch(/^declare const chart: Chart;$/m);
  expect(fragment.source).not.toMatch(/declare const app/);
  expect(program.preludeLines).toBe(1); // export {}: a module of its own
});
