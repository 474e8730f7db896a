import { join } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** Type-checks a generated main.ts against the library's sources and the packages the repository has. */
export function typeErrors(file: string): string[] {
  const modules = join(ROOT, 'node_modules');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(modules, '@types')],
    paths: {
      'k8s-course-constructs': [join(ROOT, 'src', 'index.ts')],
      'cdk8s': [join(modules, 'cdk8s')],
      'cdk8s-plus-28': [join(modules, 'cdk8s-plus-28')],
      'cdk8s-plus-28/*': [join(modules, 'cdk8s-plus-28', '*')],
      'constructs': [join(modules, 'constructs')],
    },
  });
  return ts.getPreEmitDiagnostics(program)
    .filter(d => d.file?.fileName === file)
    .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
