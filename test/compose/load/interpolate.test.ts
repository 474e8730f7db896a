import { interpolateString, VariableScope } from '../../../src/compose/load/interpolate';

function scope(vars: { [name: string]: string }, unset: string[] = []): VariableScope {
  return { lookup: name => vars[name], unset: name => unset.push(name) };
}

function interpolate(text: string, vars: { [name: string]: string } = {}, unset: string[] = []): string {
  return interpolateString(text, scope(vars, unset), { where: () => ({ file: 'docker-compose.yml', line: 3, col: 5 }), key: 'services.catalog.image' });
}

describe('interpolation', () => {
  test.each([
    ['${TAG}', { TAG: '1.2.0' }, '1.2.0'],
    ['$TAG-suffix', { TAG: '1.2.0' }, '1.2.0-suffix'],
    ['${TAG:-1.0.0}', {}, '1.0.0'],
    ['${TAG:-1.0.0}', { TAG: '' }, '1.0.0'],
    ['${TAG-1.0.0}', { TAG: '' }, ''],
    ['${TAG-1.0.0}', {}, '1.0.0'],
    ['${TAG:+set}', { TAG: 'x' }, 'set'],
    ['${TAG:+set}', { TAG: '' }, ''],
    ['${TAG+set}', { TAG: '' }, 'set'],
    ['${TAG+set}', {}, ''],
    ['price: $$5 and $${NOT}', {}, 'price: $5 and ${NOT}'],
    ['a $ alone', {}, 'a $ alone'],
    ['${CS:-Server=sql;Database=catalog;User=sa:1}', {}, 'Server=sql;Database=catalog;User=sa:1'],
    ['${A:-${B:-nested}}', {}, 'nested'],
    ['${A:-${B}}', { B: 'from-b' }, 'from-b'],
    ['${A:-x}/${B:-y}', { B: 'b' }, 'x/b'],
  ])('reads %s', (text, vars, expected) => {
    expect(interpolate(text, vars)).toBe(expected);
  });

  test('replaces an unset variable without a default by an empty string, and reports it', () => {
    const unset: string[] = [];
    expect(interpolate('eshop/catalog:${TAG}', {}, unset)).toBe('eshop/catalog:');
    expect(unset).toEqual(['TAG']);
  });

  test('throws for an unset required variable, with the file, key, message and fix', () => {
    expect(() => interpolate('${DB_PASSWORD:?set it in .env}')).toThrow(
      '[docker-compose.yml:3:5] fromCompose: services.catalog.image requires the variable DB_PASSWORD, set and not empty: set it in .env (got nothing); '
      + 'set DB_PASSWORD in the .env file next to the compose file, in the environment, or with --env-file');
  });

  test('throws for an empty required variable with :? but not with ?', () => {
    expect(() => interpolate('${DB:?}', { DB: '' })).toThrow(/requires the variable DB, set and not empty \(got ""\)/);
    expect(interpolate('${DB?}', { DB: '' })).toBe('');
    expect(() => interpolate('${DB?missing}')).toThrow(/requires the variable DB: missing \(got nothing\)/);
  });

  test('throws for a "${" without its "}"', () => {
    expect(() => interpolate('image:${TAG')).toThrow(/\[docker-compose.yml:3:5\] fromCompose: services.catalog.image has a "\$\{" without its closing "\}" \(got "image:\$\{TAG"\); close the variable with "\}", or write "\$\$" for a literal "\$"/);
  });

  test('throws for an invalid variable name', () => {
    expect(() => interpolate('${1TAG}')).toThrow(/has an invalid variable "\$\{1TAG\}" \(got "\$\{1TAG\}"\); write \$\{VAR\}, \$\{VAR:-default\}/);
  });
});
