import { join } from 'path';
import { aliasBomb, classicBomb, deepBlock, deepFlow, manyKeys, manyServices, mergeBomb } from './hostile-inputs';
import { DEFAULT_LIMITS } from '../../../src/compose/load/limits';
import { InMemoryFileSystem } from '../../../src/compose/load/memory-file-system';
import { loadProject } from '../../../src/compose/load/project';
import { writeProject } from '../support';

/**
 * Loads one compose file from a real temporary folder; returns the project or the error. How long
 * each case takes (and that it grows linearly) is measured by bench/load.ts, in `npm run bench`,
 * never by a timed test.
 */
function timed(compose: string, files: { [path: string]: string } = {}): { project?: ReturnType<typeof loadProject>; error?: Error } {
  const dir = writeProject({ 'docker-compose.yml': compose, ...files });
  try {
    return { project: loadProject({ files: [join(dir, 'docker-compose.yml')] }) };
  } catch (e) {
    return { error: e as Error };
  }
}

describe('input that would run away', () => {
  // Each case below took seconds to minutes and up to 3 GB before the limits; bench/load.ts times them.
  test.each([
    ['a 50 KB file of nested aliases', aliasBomb(50_000)],
    ['a 110 KB file of nested aliases', aliasBomb(110_000)],
    ['the classic billion laughs', classicBomb()],
    ['a chain of merge keys and aliases', mergeBomb(40)],
  ])('throws for %s in well under a second, naming the file', (_name, compose) => {
    const { error } = timed(compose);
    expect(error?.message).toMatch(/^\[[^\]]*docker-compose\.yml:\d+:\d+\] fromCompose: file expands its aliases \(\*\) and merges \(<<\) to more than \d+ characters; write repeated parts out, or nest aliases less/);
  });

  test.each([
    ['flow lists', deepFlow(2000)],
    ['block mappings', deepBlock(2000)],
  ])('throws for %s nested 2,000 deep, naming the file, with no stack overflow', (_name, compose) => {
    const { error } = timed(compose);
    expect(error?.message).toMatch(/^\[[^\]]*docker-compose\.yml:\d+:\d+\] fromCompose: file nests mappings and lists more than 100 levels deep; flatten the file/);
    expect(error?.message).not.toMatch(/call stack/);
  });

  test('reads files nested as deep as the limit', () => {
    expect(timed(deepFlow(95)).project?.services.map(s => s.name)).toEqual(['a']);
  });

  test('throws for variables nested too deep in one value, with no stack overflow', () => {
    const value = `${'${A:-'.repeat(5000)}x${'}'.repeat(5000)}`;
    const { error } = timed(`services:\n  a:\n    image: a:1\n    environment:\n      X: "${value}"\n`);
    expect(error?.message).toMatch(/docker-compose\.yml:5:7\] fromCompose: services\.a\.environment\.X nests variables more than 32 levels deep/);
  });

  test('throws for variables of a .env built from variables, doubling at each line, naming the file and line', () => {
    let env = `A=${'x'.repeat(1000)}\n`;
    for (let i = 1; i <= 12; i++) env += `V${i}=${`\${${i === 1 ? 'A' : `V${i - 1}`}}`.repeat(10)}\n`;
    const { error } = timed('services:\n  a:\n    image: a:1\n', { '.env': env });
    expect(error?.message).toMatch(/^\[[^\]]*\.env:5:1\] fromCompose: V4 expands variables to more than \d+ characters in this file; use each long variable fewer times/);
  });

  test('throws for a compose file that copies a long variable a thousand times, naming the key', () => {
    const env = `BIG=${'x'.repeat(100_000)}\n`;
    const compose = `services:\n  a:\n    image: a:1\n    environment:\n${Array.from({ length: 1000 }, (_, i) => `      V${i}: \${BIG}\n`).join('')}`;
    const { error } = timed(compose, { '.env': env });
    expect(error?.message).toMatch(/docker-compose\.yml:\d+:7\] fromCompose: services\.a\.environment\.V\d+ expands variables to more than \d+ characters in this file/);
    // A long variable used a few times is fine.
    expect(timed('services:\n  a:\n    image: a:1\n    environment: {A: "${BIG}", B: "${BIG}"}\n', { '.env': env }).project!.services[0].def.environment.B).toHaveLength(100_000);
  });

  test('throws for a file larger than the import reads, naming the key that names it', () => {
    const fs = new InMemoryFileSystem({ files: { '/p/docker-compose.yml': 'services:\n  a:\n    image: a:1\n    env_file: big.env\n', '/p/big.env': `A=${'x'.repeat(2000)}\n` } });
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1000 };
    expect(() => loadProject({ files: ['/p/docker-compose.yml'], fileSystem: fs, limits })).toThrow(
      /docker-compose\.yml:4:5\] fromCompose: services\.a\.env_file\[0\] names a file of 2003 bytes, more than the 1000 the import reads; name the compose or variables file itself/);
    expect(() => loadProject({ files: ['/p/big.env'], fileSystem: fs, limits })).toThrow(/\[\/p\/big\.env\] fromCompose: file is 2003 bytes, more than the 1000 the import reads/);
  });

  test('reads 40,000 keys, and still finds a duplicate key with its line', () => {
    const { project } = timed(manyKeys(40_000));
    expect(Object.keys(project!.services[0].def.environment)).toHaveLength(40_000);
    const duplicate = timed(`${manyKeys(40_000)}      K7: again\n`);
    expect(duplicate.error?.message).toMatch(/docker-compose\.yml:40005:7\] fromCompose: services\.a\.environment\.K7 is written twice in one mapping; keep one of them/);
  });

  test('lists the first hundred of 40,000 problems with the specification', () => {
    const compose = manyKeys(40_000).replace('    environment:\n', '').replace(/^ {6}K/gm, '    K');
    const { error } = timed(compose);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[0]).toMatch(/docker-compose\.yml:4:5\] fromCompose: services\.a\.K0 is not a key of the compose specification/);
    expect(lines[100]).toMatch(/docker-compose\.yml:1:1\] fromCompose: file has 39900 more problems with the compose specification; fix the ones above first/);
  });

  test('finds duplicate keys in flow mappings and keeps merge keys apart from them', () => {
    expect(timed('services:\n  a: {image: a:1, image: b:1}\n').error?.message).toMatch(/docker-compose\.yml:2:19\] fromCompose: services\.a\.image is written twice in one mapping/);
    const merged = timed('x-d: &d {image: a:1, restart: always}\nservices:\n  a:\n    <<: *d\n    image: b:1\n');
    expect(merged.project!.services[0].def).toMatchObject({ image: 'b:1', restart: 'always' });
  });

  test('loads a 1.5 MB environment value, in the compose file and in an env file', () => {
    const big = 'x'.repeat(1_500_000);
    const { project } = timed(`services:\n  a:\n    image: a:1\n    env_file: big.env\n    environment:\n      BIG: "${big}"\n`, { 'big.env': `FROM_FILE=${big} # a comment\nSPACES=${' '.repeat(100_000)}x\n` });
    expect(project!.services[0].def.environment.BIG).toHaveLength(1_500_000);
    expect(project!.services[0].envFileVariables.map(v => [v.name, v.value.length])).toEqual([['FROM_FILE', 1_500_000], ['SPACES', 1]]);
  });

  test('resolves a chain of 20,000 extends without running out of stack, and finds a cycle across files', () => {
    let compose = 'services:\n';
    for (let i = 0; i < 20_000; i++) compose += `  s${i}:\n    ${i === 19_999 ? 'image: a:1\n    environment: {A: "1"}' : `extends: s${i + 1}`}\n`;
    const { project } = timed(compose);
    expect(project!.services[0].def).toMatchObject({ image: 'a:1', environment: { A: '1' } });
    const cycle = timed('services:\n  a:\n    extends: {file: b.yml, service: b}\n', { 'b.yml': 'services:\n  b:\n    extends: {file: docker-compose.yml, service: a}\n' });
    expect(cycle.error?.message).toMatch(/\] fromCompose: services\.a\.extends forms a cycle/);
  });

  test('keeps keys named __proto__ as keys', () => {
    const { project } = timed('services:\n  a:\n    image: a:1\n    environment:\n      __proto__: polluted\n      A: "1"\n');
    const env = project!.services[0].def.environment;
    expect(Object.keys(env)).toEqual(['__proto__', 'A']);
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
  });

  test('loads 5,000 services', () => {
    expect(timed(manyServices(5000)).project!.services).toHaveLength(5000);
  });
});
