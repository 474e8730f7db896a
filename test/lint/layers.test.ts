import { readFileSync } from 'fs';
import { join } from 'path';
import { loadESLint } from 'eslint';

/**
 * The layer rules of .projenrc.ts (eslint import/no-restricted-paths zones)
 * are what keeps src/ laid out as the README's "How the code is laid out" says. These tests lint
 * small made-up files placed in the tree (the files need not exist) with the project's own
 * configuration, so a change that loosens a zone fails here.
 */
const ROOT = join(__dirname, '..', '..');

/**
 * The project's .eslintrc.json with only its import rules: the made-up files are in no tsconfig,
 * so the type-aware rules cannot run on them, and the layer rules need no types.
 */
function layerConfig(): any {
  const text = readFileSync(join(ROOT, '.eslintrc.json'), 'utf-8').replace(/^\/\/.*\n/, '');
  const config = JSON.parse(text);
  const rules: { [rule: string]: unknown } = {};
  // import/no-cycle needs the file on disk; the cycle rule is exercised by the lint step itself.
  rules['import/no-restricted-paths'] = config.rules['import/no-restricted-paths'];
  return { ...config, parserOptions: { ecmaVersion: 2018, sourceType: 'module' }, rules, overrides: [] };
}

async function lint(file: string, code: string): Promise<string[]> {
  // .eslintrc.json is the legacy format projen writes (the eslint task sets ESLINT_USE_FLAT_CONFIG=false).
  const LegacyESLint = await loadESLint({ useFlatConfig: false });
  const eslint = new LegacyESLint({ cwd: ROOT, useEslintrc: false, baseConfig: layerConfig() } as any);
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter(m => m.ruleId?.startsWith('import/no-')).map(m => `${m.ruleId}: ${m.message}`);
}

test('throws out an upward import: core importing the stack', async () => {
  // WHEN a file in src/core imports from src/stack
  const messages = await lint('src/core/bad-upward.ts', "import { MicroserviceStack } from '../stack';\nexport const x = MicroserviceStack;\n");
  // THEN the layer rule names the zone and the fix
  expect(messages).toEqual([expect.stringMatching(/import\/no-restricted-paths: .*src\/core sits below .*stack.*move the shared part down/)]);
}, 60_000);

test('throws out an import between peers: gateway importing storage', async () => {
  const messages = await lint('src/gateway/bad-peer.ts', "import { NfsVolume } from '../storage';\nexport const x = NfsVolume;\n");
  expect(messages).toEqual([expect.stringMatching(/import\/no-restricted-paths: .*src\/gateway sits below .*storage/)]);
}, 60_000);

test('throws out a reach into another folder\'s private/', async () => {
  const messages = await lint('src/stack/bad-private.ts', "import * as x from '../release/private/tracks';\nexport const y = x;\n");
  expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/src\/release\/private is imported only from inside src\/release/)]));
}, 60_000);

test('throws out the library importing its tests', async () => {
  const messages = await lint('src/workload/bad-test.ts', "import * as s from '../../test/support';\nexport const y = s;\n");
  expect(messages).toEqual([expect.stringMatching(/the library never imports its tests/)]);
}, 60_000);

test('accepts a downward import: the stack importing the workload layer', async () => {
  const messages = await lint('src/stack/good.ts', "import { ProbedDeployment } from '../workload';\nexport const x = ProbedDeployment;\n");
  expect(messages).toEqual([]);
}, 60_000);
