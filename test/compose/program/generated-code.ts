import * as ts from 'typescript';

/** The modules a generated app may import. */
const MODULES = new Set(['cdk8s', 'cdk8s-plus-28', 'cdk8s-plus-28/lib/imports/k8s', 'k8s-course-constructs', 'fs', 'path']);

/** The end of every generated app, statement by statement. */
const MAIN = ['const app = new App();', 'build(app);', 'app.synth();'];

/** Plain values written as keywords. */
const KEYWORD_VALUES = [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword];

/** Plain values that are identifiers in TypeScript. */
const VALUE_NAMES = new Set(['undefined', 'NaN', 'Infinity', '__dirname']);

/**
 * What is wrong with a generated `main.ts`, if anything: syntax errors, and any statement or
 * expression the generator does not write. The generator writes imports, one exported
 * `build(app)` function of `const x = <expr>;`, `<expr>;` and `return x;`, and the
 * `require.main === module` block; its expressions are calls and `new` of imported names and
 * declared variables, member access, and literals (strings, numbers, booleans, null, arrays,
 * objects). Anything else (a call of `require`, a template, a function) came from input text.
 */
export function generatedCodeProblems(code: string): string[] {
  const problems: string[] = [];
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions });
  for (const d of out.diagnostics ?? []) problems.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const sf = ts.createSourceFile('main.ts', code, ts.ScriptTarget.ES2022, true);
  const declared = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) checkImport(st, declared, problems);
    else if (ts.isFunctionDeclaration(st) && st.name?.text === 'build') checkBuild(st, declared, problems);
    else if (ts.isIfStatement(st) && st.expression.getText() === 'require.main === module') checkMain(st, problems);
    else problems.push(`statement: ${ts.SyntaxKind[st.kind]} ${st.getText().slice(0, 80)}`);
  }
  return problems;
}

function checkImport(st: ts.ImportDeclaration, declared: Set<string>, problems: string[]): void {
  const from = (st.moduleSpecifier as ts.StringLiteral).text;
  if (!MODULES.has(from)) problems.push(`import from ${from}`);
  const bindings = st.importClause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
  else if (bindings) for (const e of bindings.elements) declared.add(e.name.text);
}

function checkBuild(fn: ts.FunctionDeclaration, imported: Set<string>, problems: string[]): void {
  const declared = new Set([...imported, ...fn.parameters.map(p => p.name.getText())]);
  for (const st of fn.body?.statements ?? []) {
    if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const d = st.declarationList.declarations[0];
      if (!ts.isIdentifier(d.name) || !d.initializer) problems.push(`declaration: ${st.getText().slice(0, 80)}`);
      else checkExpression(d.initializer, declared, problems);
      if (ts.isIdentifier(d.name)) declared.add(d.name.text);
    } else if (ts.isExpressionStatement(st)) {
      if (!ts.isCallExpression(st.expression) && !ts.isNewExpression(st.expression)) problems.push(`expression statement: ${st.getText().slice(0, 80)}`);
      checkExpression(st.expression, declared, problems);
    } else if (ts.isReturnStatement(st) && st.expression && ts.isIdentifier(st.expression) && declared.has(st.expression.text)) {
      continue;
    } else {
      problems.push(`statement in build: ${ts.SyntaxKind[st.kind]} ${st.getText().slice(0, 80)}`);
    }
  }
}

function checkMain(st: ts.IfStatement, problems: string[]): void {
  const body = ts.isBlock(st.thenStatement) ? st.thenStatement.statements.map(s => s.getText()) : [];
  if (body.join('\n') !== MAIN.join('\n') || st.elseStatement) problems.push(`main block: ${st.getText().slice(0, 120)}`);
}

/** Walks an expression, allowing only the kinds the generator writes. */
function checkExpression(e: ts.Expression, declared: Set<string>, problems: string[]): void {
  if (ts.isIdentifier(e)) {
    if (!declared.has(e.text) && !VALUE_NAMES.has(e.text)) problems.push(`identifier: ${e.text}`);
  } else if (ts.isPropertyAccessExpression(e)) {
    checkExpression(e.expression, declared, problems);
  } else if (ts.isElementAccessExpression(e)) {
    if (!ts.isStringLiteral(e.argumentExpression) && !ts.isNumericLiteral(e.argumentExpression)) problems.push(`element access: ${e.getText().slice(0, 80)}`);
    checkExpression(e.expression, declared, problems);
  } else if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    checkExpression(e.expression, declared, problems);
    for (const a of e.arguments ?? []) checkExpression(a, declared, problems);
  } else if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) checkProperty(p, declared, problems);
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const x of e.elements) checkExpression(x, declared, problems);
  } else if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    checkExpression(e.operand, declared, problems);
  } else if (!ts.isStringLiteral(e) && !ts.isNumericLiteral(e) && !KEYWORD_VALUES.includes(e.kind)) {
    problems.push(`expression: ${ts.SyntaxKind[e.kind]} ${e.getText().slice(0, 80)}`);
  }
}

function checkProperty(p: ts.ObjectLiteralElementLike, declared: Set<string>, problems: string[]): void {
  if (!ts.isPropertyAssignment(p)) {
    problems.push(`property: ${ts.SyntaxKind[p.kind]} ${p.getText().slice(0, 80)}`);
    return;
  }
  const key = p.name;
  const computedLiteral = ts.isComputedPropertyName(key) && ts.isStringLiteral(key.expression);
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key) && !ts.isNumericLiteral(key) && !computedLiteral) problems.push(`property key: ${key.getText().slice(0, 80)}`);
  checkExpression(p.initializer, declared, problems);
}
