import { parseDotEnv } from '../../../src/compose/load/dotenv';

describe('.env files', () => {
  test('reads comments, export, quotes, multi-line values and earlier variables', () => {
    const vars = parseDotEnv([
      '# a comment',
      'export TAG=1.2.0',
      'IMAGE=eshop/catalog:${TAG}   # a trailing comment',
      'LITERAL=\'${TAG} stays\'',
      'QUOTED="line one',
      'line two \\"quoted\\""',
      'EMPTY=',
      'CS=Server=sql;Password=p:w',
      'FROM_SHELL',
      '',
    ].join('\n'), '.env', name => (name === 'FROM_SHELL' ? 'shell' : undefined));
    expect(Object.fromEntries(vars)).toEqual({
      TAG: '1.2.0',
      IMAGE: 'eshop/catalog:1.2.0',
      LITERAL: '${TAG} stays',
      QUOTED: 'line one\nline two "quoted"',
      EMPTY: '',
      CS: 'Server=sql;Password=p:w',
      FROM_SHELL: 'shell',
    });
  });

  test('throws for a line that is not KEY=value, with its line number', () => {
    expect(() => parseDotEnv('A=1\nnot a variable\n', '.env', () => undefined)).toThrow(
      '[.env:2:1] fromCompose: line must be KEY=value; write one variable per line as NAME=value; start comments with #');
  });

  test('throws for an unclosed quote', () => {
    expect(() => parseDotEnv('A="open\n', '.env', () => undefined)).toThrow(/\[\.env:1:1\] fromCompose: A has a double quote without its closing quote/);
  });
});
