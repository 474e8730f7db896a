import { writeFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { generatedCodeProblems } from './generated-code';
import { ComposeError } from '../../../src/compose/diagnostics';
import { composeCode } from '../../../src/compose/pipeline';
import { Errors } from '../../../src/core/errors';
import { writeProject } from '../support';

const PAYLOAD = 'require(\'child_process\').execSync(\'touch /tmp/pwned\')';

/** The TypeScript `init` writes for a compose file given as data. */
function initCode(compose: unknown, files: { [path: string]: string } = {}): { code: string; warnings: string[] } {
  const dir = writeProject({ 'docker-compose.yml': stringify(compose), ...files });
  return composeCode({ files: [join(dir, 'docker-compose.yml')] }, join(dir, 'k8s'));
}

/** Every string value with its "$" doubled, so compose reads it back as written (no interpolation). */
function literally(value: unknown): any {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$');
  if (Array.isArray(value)) return value.map(literally);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literally(v)]));
  return value;
}

describe('the TypeScript init writes is data, never code', () => {
  test('a label whose key holds a line break stays inside its warning comment', () => {
    // GIVEN a label key with a line break, then code; the warning about it names the key
    const { code, warnings } = initCode({ services: { web: { image: 'web:1.0', labels: { [`x\n${PAYLOAD}//`]: 'v' } } } });
    expect(warnings.join('\n')).toContain('execSync');
    // THEN the generated code parses into the statements the generator writes, and nothing else
    expect(generatedCodeProblems(code)).toEqual([]);
    for (const line of code.split('\n').filter(l => l.includes('execSync'))) expect(line).toMatch(/^\s*\/\//);
  });

  test.each([
    ['a bind mount path', { volumes: [`./nope\n${PAYLOAD}//:/x`] }],
    ['a host name', { hostname: `h\u2028${PAYLOAD}` }],
    ['deploy labels', { deploy: { labels: { [`k\r${PAYLOAD}`]: 'v' } } }],
    ['an environment name and value', { environment: { [`A\n${PAYLOAD}`]: `'\n${PAYLOAD}`, B: `\`$$\{${PAYLOAD}}\`` } }],
    ['a command', { command: ['sh', '-c', `*/ ${PAYLOAD} /*`] }],
  ])('text in %s stays a string or a comment', (_name, extra) => {
    const { code } = initCode({ services: { web: { image: 'web:1.0', ...extra } } });
    expect(generatedCodeProblems(code)).toEqual([]);
  });

  test('the NFS server and export of a volume stay inside their comment', () => {
    const { code } = initCode({
      services: { web: { image: 'web:1.0', volumes: ['data:/data'] } },
      volumes: { data: { driver_opts: { type: 'nfs', o: `addr=10.0.0.1\n${PAYLOAD}`, device: `:/export\u2029${PAYLOAD}` } } },
    });
    expect(generatedCodeProblems(code)).toEqual([]);
  });

  test('random text in every text position gives code that compiles and holds only what the generator writes', () => {
    const tokens = fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\u2029', '*/', '/*', '//', '`', '${', '}', '\'', '"', '\\', ');', PAYLOAD, '\u0000', ' ', '#', ':', '-');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.array(fc.oneof(tokens, fc.string({ maxLength: 4 })), { maxLength: 6 }).map(parts => parts.join('')),
    );
    // Compose refuses keys with line breaks (pattern ".+"); they are tried in the other tests.
    const key = text.map(t => t.replace(/[\r\n\u2028\u2029]/g, ' ')).filter(t => t !== '');
    const safeName = fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/);
    // Mostly names compose accepts (so the conversion goes on to write code), sometimes anything.
    const name = fc.oneof({ weight: 9, arbitrary: safeName }, { weight: 1, arbitrary: text });
    const fileName = text.map(t => t.replace(/[/:\u0000]/g, '_').slice(0, 60)).filter(t => t !== '' && t !== '.' && t !== '..');
    const service = fc.record({
      image: fc.oneof({ weight: 4, arbitrary: safeName }, { weight: 1, arbitrary: text }).map(n => `${n}:1.0`),
      labels: fc.dictionary(key, text, { maxKeys: 3 }),
      environment: fc.dictionary(key, text, { maxKeys: 3 }),
      command: fc.oneof(text, fc.array(text, { maxLength: 3 })),
      hostname: text,
      healthcheck: fc.record({ test: fc.tuple(fc.constant('CMD'), text) }),
      deploy: fc.record({ labels: fc.dictionary(key, text, { maxKeys: 2 }) }),
    }, { requiredKeys: ['image'] });
    const project = fc.record({
      name: fc.oneof(safeName, text),
      services: fc.dictionary(name, service, { minKeys: 1, maxKeys: 3 }),
      volumeName: name,
      mountedFile: fileName,
      missingFile: fileName,
      configContent: text,
    });
    let converted = 0;
    fc.assert(fc.property(project, p => {
      const [first] = Object.keys(p.services);
      p.services[first] = { ...p.services[first], volumes: [`${p.volumeName}:/data`, `./${p.mountedFile}:/app/${p.mountedFile}`, `./missing-${p.missingFile}:/m`], configs: ['cfg'] } as any;
      const compose = { name: p.name, services: p.services, volumes: { [p.volumeName]: {} }, configs: { cfg: { content: p.configContent } } };
      let code: string;
      try {
        code = initCode(literally(compose), { [p.mountedFile]: 'x' }).code;
      } catch (e) {
        // Input compose or the stack refuses is fine: an error is no code.
        if (e instanceof ComposeError || Errors.isValidationError(e)) return;
        throw e;
      }
      converted++;
      expect(generatedCodeProblems(code)).toEqual([]);
    }), { numRuns: 150 });
    // Most runs get as far as writing code.
    expect(converted).toBeGreaterThan(75);
  });

  test('the checker finds what the generator does not write', () => {
    const code = initCode({ services: { web: { image: 'web:1.0' } } }).code;
    expect(generatedCodeProblems(code)).toEqual([]);
    const dir = writeProject({});
    writeFileSync(join(dir, 'x'), '');
    expect(generatedCodeProblems(code.replace('  return stack;', `  ${PAYLOAD};\n  return stack;`))).toEqual([expect.stringMatching(/^identifier: require$/)]);
    expect(generatedCodeProblems(code.replace('  return stack;', '  const f = () => 1;\n  return stack;'))).toEqual([expect.stringMatching(/^expression: ArrowFunction/)]);
    expect(generatedCodeProblems(code.replace('  return stack;', '  const t = `${1}`;\n  return stack;'))).toEqual([expect.stringMatching(/^expression: TemplateExpression/)]);
    expect(generatedCodeProblems(`${code}\nconsole.log(1);\n`)).toEqual([expect.stringMatching(/^statement: ExpressionStatement/)]);
    expect(generatedCodeProblems(`// a\n${code.replace('export function build', '/* x */ export function build(')}`)).toContainEqual(expect.stringMatching(/^syntax:/));
  });
});
