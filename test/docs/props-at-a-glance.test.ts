/**
 * README.md's "Props at a glance" lists each construct's own props before anything it inherits,
 * and is generated from the jsii assembly (tools/props-at-a-glance.ts), so it cannot drift.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from './markdown';
import { Assembly, BEGIN, END, propsAtAGlance, readAssembly, withSection } from '../../tools/props-at-a-glance';

const README = readFileSync(join(ROOT, 'README.md'), 'utf-8');

/** The README's section, between its markers. */
function section(readme: string): string {
  return readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
}

/** The lines of one `### Heading` of the section, up to the next heading. */
function part(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  const end = lines.findIndex((l, i) => i > start && /^#{3,4} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

test('the README\'s Props at a glance is what the jsii assembly gives (npx projen readme-props writes it)', () => {
  // GIVEN the assembly jsii wrote (the build compiles before it tests)
  if (!existsSync(join(ROOT, '.jsii'))) throw new Error('no .jsii: run `npx projen compile` first (`npx projen build` does)');
  // WHEN the section is generated again THEN the README has it as it is
  expect(section(README)).toEqual(propsAtAGlance(readAssembly()).trim());
});

test('the README links the section from its top', () => {
  const top = README.slice(0, README.indexOf('## The smallest example'));
  expect(top).toContain('[Props at a glance](#props-at-a-glance)');
  expect(README).toMatch(/^## Props at a glance$/m);
});

test('ProbedDeployment\'s own props come first: image is its first row, before any inherited prop', () => {
  const rows = part(section(README), '### ProbedDeployment').filter(l => l.startsWith('| '));
  expect(rows[2]).toMatch(/^\| \*\*`image`\*\* \| `string` \| required \|/);
  expect(part(section(README), '### ProbedDeployment').join('\n')).toContain('And the props of [WorkloadOptions](#workloadoptions) and `kplus.DeploymentProps`.');
});

describe('the section of an assembly', () => {
  // GIVEN a construct over a cdk8s-plus Deployment whose props extend a struct of ours and
  // cdk8s-plus's, a method taking options, and a construct the library builds itself
  const assembly: Assembly = {
    name: 'lib',
    types: {
      'lib.Worker': {
        kind: 'class',
        fqn: 'lib.Worker',
        name: 'Worker',
        base: 'cdk8s-plus-28.Deployment',
        docs: { summary: 'A worker.' },
        initializer: { parameters: [{ name: 'scope', type: { fqn: 'constructs.Construct' } }, { name: 'id', type: { primitive: 'string' } }, { name: 'props', type: { fqn: 'lib.WorkerProps' } }] },
        methods: [{ name: 'scale', docs: { summary: 'Scales it.' }, parameters: [{ name: 'options', type: { fqn: 'lib.ScaleOptions' } }] }],
      },
      'lib.Built': {
        kind: 'class',
        fqn: 'lib.Built',
        name: 'Built',
        base: 'constructs.Construct',
        initializer: { docs: { custom: { internal: 'true' } }, parameters: [{ name: 'options', type: { fqn: 'lib.ScaleOptions' } }] },
      },
      'lib.WorkerProps': {
        kind: 'interface',
        fqn: 'lib.WorkerProps',
        name: 'WorkerProps',
        datatype: true,
        interfaces: ['cdk8s-plus-28.DeploymentProps', 'lib.Common'],
        properties: [
          { name: 'zeta', optional: true, type: { primitive: 'number' }, docs: { summary: 'Last;', remarks: 'the rest of it. More.', default: '- 1 | 2' } },
          { name: 'image', type: { primitive: 'string' }, docs: { summary: 'The image.' } },
        ],
      },
      'lib.Common': {
        kind: 'interface',
        fqn: 'lib.Common',
        name: 'Common',
        datatype: true,
        docs: { summary: 'Shared.' },
        properties: [{ name: 'env', optional: true, type: { collection: { kind: 'map', elementtype: { primitive: 'string' } } }, docs: { summary: 'Env.' } }],
      },
      'lib.ScaleOptions': {
        kind: 'interface',
        fqn: 'lib.ScaleOptions',
        name: 'ScaleOptions',
        datatype: true,
        properties: [{ name: 'max', type: { fqn: 'lib.ScaleOptions' }, docs: { summary: 'Most.' } }],
      },
    },
  };
  // WHEN the section is rendered
  const text = propsAtAGlance(assembly);
  const worker = part(text, '### Worker');

  test('a construct\'s own props come first, required before optional, then the structs it extends', () => {
    const own = worker.slice(0, worker.indexOf('`worker.scale(options)`: Scales it. Its options, `ScaleOptions`:'));
    expect(own.filter(l => l.startsWith('| `') || l.startsWith('| **'))).toEqual([
      '| **`image`** | `string` | required | The image. |',
      // a summary jsii cut at ';' gets the rest of its sentence, and a pipe is escaped
      '| `zeta` | `number` | 1 \\| 2 | Last; the rest of it. |',
    ]);
    expect(own).toContain('And the props of [Common](#common) and `kplus.DeploymentProps`.');
    expect(part(text, '#### Common')).toContain('| `env` | `Record<string, string>` | - | Env. |');
  });

  test('a method\'s options are listed under its construct, their types linked to API.md', () => {
    expect(worker).toContain('`worker.scale(options)`: Scales it. Its options, `ScaleOptions`:');
    expect(worker).toContain('| **`max`** | [`ScaleOptions`](API.md#lib.ScaleOptions) | required | Most. |');
  });

  test('constructs the library builds itself (internal constructors) have no section', () => {
    expect(text).not.toMatch(/^### Built$/m);
    expect(text.split('\n')[4]).toEqual('[Worker](#worker)');
  });

  test('the README keeps everything outside the markers', () => {
    expect(withSection(`a\n${BEGIN}\nold\n${END}\nb`, 'new')).toEqual(`a\n${BEGIN}\nnew\n${END}\nb`);
    expect(() => withSection('no markers', 'new')).toThrow(/README.md must have the markers/);
  });
});
