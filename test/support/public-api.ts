import { join } from 'path';
import * as ts from 'typescript';

/**
 * The public API as the TypeScript compiler sees it (src/index.ts and what it exports): the
 * parameters of every constructor, method and factory, and the props of each options object, with
 * their declared types. The wrong-types harness reads it, so that a prop or parameter added later is
 * fed wrong values without anyone listing it.
 */

/** What a declared type is, as far as a wrong value goes. */
export type TypeKind = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'map' | 'object' | 'any';

/** A prop of an options object, or a parameter. */
export interface ApiValue {
  readonly name: string;
  readonly optional: boolean;
  readonly kind: TypeKind;
  /** The kind of the items of an array or the values of a map. */
  readonly element?: TypeKind;
  /** Whether the type is an options object (a struct of the public API): its props are fed wrong values one by one. */
  readonly struct: boolean;
}

/** A constructor (`ProbedDeployment`), factory (`HealthProbe.exec`) or method (`MicroserviceStack.addService`) of the public API. */
export interface ApiCall {
  readonly name: string;
  readonly parameters: ApiValue[];
}

const ROOT = join(__dirname, '..', '..');
let cache: { checker: ts.TypeChecker; exports: ts.Symbol[] } | undefined;

function program(): { checker: ts.TypeChecker; exports: ts.Symbol[] } {
  if (cache) return cache;
  const options = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true, types: [] };
  const p = ts.createProgram([join(ROOT, 'src', 'index.ts')], options);
  const checker = p.getTypeChecker();
  const index = checker.getSymbolAtLocation(p.getSourceFile(join(ROOT, 'src', 'index.ts'))!)!;
  const exports = checker.getExportsOfModule(index).map(s => (has(s.flags, ts.SymbolFlags.Alias) ? checker.getAliasedSymbol(s) : s));
  cache = { checker, exports };
  return cache;
}

/** Every constructor, static method and public method of the exported classes, declared in src/ (not inherited from cdk8s-plus). */
export function publicCalls(): ApiCall[] {
  const { checker, exports } = program();
  const calls: ApiCall[] = [];
  for (const symbol of exports.filter(s => has(s.flags, ts.SymbolFlags.Class))) {
    const decl = symbol.valueDeclaration as ts.ClassDeclaration;
    for (const member of decl.members) {
      const modifiers = ts.getCombinedModifierFlags(member);
      const isPublic = !has(modifiers, ts.ModifierFlags.Private) && !has(modifiers, ts.ModifierFlags.Protected);
      if (!isPublic || ts.getJSDocTags(member).some(tag => tag.tagName.text === 'internal')) continue;
      if (ts.isConstructorDeclaration(member)) {
        calls.push({ name: symbol.name, parameters: member.parameters.map(p => valueOf(checker, p)) });
      } else if (ts.isMethodDeclaration(member) && member.name.getText().match(/^[a-z]/)) {
        calls.push({ name: `${symbol.name}.${member.name.getText()}`, parameters: member.parameters.map(p => valueOf(checker, p)) });
      }
    }
  }
  return calls;
}

/** The props of the options object a call takes as `parameter`, inherited ones included. */
export function propsOf(call: string, parameter: string): ApiValue[] {
  const { checker } = program();
  const found = publicCallDeclaration(call).parameters.find(p => p.name.getText() === parameter);
  if (!found) throw new Error(`${call} has no parameter ${parameter}`);
  const type = checker.getNonNullableType(checker.getTypeAtLocation(found));
  return checker.getPropertiesOfType(type).map(prop => {
    const propType = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
    return { name: prop.name, optional: has(prop.flags, ts.SymbolFlags.Optional), ...kindOf(checker, propType) };
  });
}

function publicCallDeclaration(call: string): ts.SignatureDeclaration {
  const { exports } = program();
  const [className, method] = call.split('.');
  const symbol = exports.find(s => s.name === className && has(s.flags, ts.SymbolFlags.Class));
  if (!symbol) throw new Error(`no exported class ${className}`);
  const decl = symbol.valueDeclaration as ts.ClassDeclaration;
  const member = decl.members.find(m => (method === undefined
    ? ts.isConstructorDeclaration(m)
    : ts.isMethodDeclaration(m) && m.name.getText() === method));
  if (!member) throw new Error(`no ${call}`);
  return member as ts.SignatureDeclaration;
}

function valueOf(checker: ts.TypeChecker, parameter: ts.ParameterDeclaration): ApiValue {
  const type = checker.getNonNullableType(checker.getTypeAtLocation(parameter));
  const optional = parameter.questionToken !== undefined || parameter.initializer !== undefined;
  return { name: parameter.name.getText(), optional, ...kindOf(checker, type) };
}

function kindOf(checker: ts.TypeChecker, type: ts.Type): { kind: TypeKind; element?: TypeKind; struct: boolean } {
  const plain = (kind: TypeKind) => ({ kind, struct: false });
  const is = (t: ts.Type, flag: ts.TypeFlags) => has(t.flags, flag);
  const all = (flag: ts.TypeFlags) => type.isUnion() && type.types.every(t => is(t, flag));
  if (is(type, ts.TypeFlags.Any) || is(type, ts.TypeFlags.Unknown)) return plain('any');
  if (is(type, ts.TypeFlags.BooleanLike) || all(ts.TypeFlags.BooleanLiteral)) return plain('boolean');
  if (is(type, ts.TypeFlags.EnumLike) || all(ts.TypeFlags.EnumLiteral)) return plain('enum');
  if (is(type, ts.TypeFlags.StringLike)) return plain('string');
  if (is(type, ts.TypeFlags.NumberLike)) return plain('number');
  if (checker.isArrayType(type)) {
    return { kind: 'array', element: kindOf(checker, checker.getTypeArguments(type as ts.TypeReference)[0]).kind, struct: false };
  }
  const index = type.getStringIndexType();
  if (index && checker.getPropertiesOfType(type).length === 0) return { kind: 'map', element: kindOf(checker, index).kind, struct: false };
  const symbol = type.getSymbol();
  const struct = symbol !== undefined && has(symbol.flags, ts.SymbolFlags.Interface) && !/^I[A-Z]/.test(symbol.name)
    && checker.getPropertiesOfType(type).every(p => p.valueDeclaration === undefined || !ts.isMethodSignature(p.valueDeclaration));
  return { kind: 'object', struct };
}

/** Whether a TypeScript flag set has a flag (the compiler's flags are bit sets). */
function has(flags: number, flag: number): boolean {
  // eslint-disable-next-line no-bitwise
  return (flags & flag) !== 0;
}

/** Values of the wrong type for a declared kind: the wrong primitive, null, and a wrong item or entry. */
export function wrongValues(value: Pick<ApiValue, 'kind' | 'element'>): unknown[] {
  const wrongItem: { [kind in TypeKind]: unknown } = {
    string: 42,
    number: '8080',
    boolean: 'yes',
    enum: 'NOT_A_MEMBER',
    array: 'not an array',
    map: 'not an object',
    object: 'not an object',
    any: undefined,
  };
  switch (value.kind) {
    case 'any':
      return [];
    case 'array':
      return ['not an array', null, ...value.element === 'any' ? [] : [[wrongItem[value.element!]]]];
    case 'map':
      return ['not an object', null, [], ...value.element === 'any' ? [] : [{ A: wrongItem[value.element!] }]];
    case 'object':
      return ['not an object', 42, null];
    default:
      return [wrongItem[value.kind], null];
  }
}
