import * as ts from 'typescript';
import { commentLines, docComment, identifier, literal, memberAccess, propertyKey, stringLiteral } from '../../../src/compose/program/code';

/** What a TypeScript expression evaluates to (the literal printed, transpiled and run). */
function valueOf(expression: string): unknown {
  const js = ts.transpileModule(`module.exports = ${expression};`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: undefined as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('module', js)(module);
  return module.exports;
}

const NASTY = [
  'it\'s', 'say "hi"', 'back\\slash', '\\\'', '\\\\\'', 'line\nbreak', 'cr\rlf\r\n', 'sep\u2028para\u2029', 'tab\tnul\u0000del\u007f',
  '${process.exit(1)}', '`backtick`', '*/ require("child_process") /*', '// comment', '\b\f\v', 'lone \ud800 surrogate', 'emoji 🎉', '',
];

describe('code for input text', () => {
  test.each(NASTY)('a string literal of %j reads back as the same string, on one line', text => {
    const code = stringLiteral(text);
    expect(code).toMatch(/^'[^\n\r\u2028\u2029]*'$/);
    expect(valueOf(code)).toBe(text);
  });

  test('writes other plain values as literals, and refuses anything else', () => {
    expect([1.5, -2, 0, true, false, null, undefined, NaN, Infinity].map(literal)).toEqual(['1.5', '-2', '0', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);
    expect(() => literal({})).toThrow(/cannot write a object/);
    expect(() => literal(Symbol('x'))).toThrow(/cannot write a symbol/);
  });

  test.each(NASTY)('comment lines of %j stay comments', text => {
    const lines = commentLines(`warning: ${text} end`, '  ', 40);
    for (const line of lines) expect(line).toMatch(/^ {2}\/\/( |$)/);
    const code = `${lines.join('\n')}\nexport const x = 1;\n`;
    const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true);
    expect(sf.statements.map(s => s.getText())).toEqual(['export const x = 1;']);
    expect(code).not.toMatch(/\*\//);
  });

  test('wraps a long comment at the width, continuation lines indented', () => {
    expect(commentLines('warning: one two three four five six', '', 20)).toEqual(['// warning: one two', '//   three four five', '//   six']);
  });

  test('a doc comment holds any text on one line and cannot be closed early', () => {
    const doc = docComment('Builds the x */ require("fs") /* stack\ninto `app`.');
    expect(doc).toBe('/** Builds the x *\\/ require("fs") /* stack into `app`. */');
    const sf = ts.createSourceFile('x.ts', `${doc}\nexport const x = 1;\n`, ts.ScriptTarget.ES2022, true);
    expect(sf.statements).toHaveLength(1);
  });

  test.each([
    ['catalog.api', 'catalogApi'], ['new', 'newSvc'], ['1st', 'st'], ['x\ny', 'xY'], ['${a}', 'a'], ['', 'x'], ['🎉', 'x'], ['require', 'requireSvc'],
    ['eval', 'evalSvc'], ['__proto__', 'proto'], ['constructor', 'constructor'],
  ])('makes the identifier of %j %j', (text, expected) => {
    expect(identifier(text, new Set())).toBe(expected);
  });

  test('numbers identifiers already taken, and keeps out reserved names', () => {
    const taken = new Set<string>();
    expect(['a', 'a', 'A', 'kplus'].map(n => identifier(n, taken, new Set(['kplus'])))).toEqual(['a', 'a2', 'a3', 'kplusSvc']);
  });

  test('quotes property keys and members that are no identifiers, and __proto__ as a computed key', () => {
    expect(['name', 'Logging:Level', 'a\nb', '__proto__', '1'].map(propertyKey)).toEqual(['name', '\'Logging:Level\'', '\'a\\nb\'', '[\'__proto__\']', '\'1\'']);
    expect(['deployment', 'x-y', 0].map(memberAccess)).toEqual(['.deployment', '[\'x-y\']', '[0]']);
    expect(valueOf(`{ ${propertyKey('__proto__')}: 1 }`)).toEqual(JSON.parse('{"__proto__":1}'));
  });
});
