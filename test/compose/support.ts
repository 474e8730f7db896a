import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { App, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { ComposeImport, ComposeOptions, MicroserviceStack } from '../../src';
import { Manifest, synthValid } from '../support';

/** The fixtures folder. */
export const FIXTURES = join(__dirname, 'fixtures');

/** Writes files (path → text) into a new temporary folder and returns it. */
export function writeProject(files: { [path: string]: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A conversion and its synthesized, schema-validated manifests. */
export interface Converted {
  readonly stack: MicroserviceStack;
  readonly manifests: Manifest[];
  readonly warnings: string[];
}

/** Converts a compose file given as text (and more files of its project), synthesizes and validates the result. */
export function convert(compose: string, options: Partial<ComposeOptions> = {}, files: { [path: string]: string } = {}): Converted {
  const dir = writeProject({ 'docker-compose.yml': compose, ...files });
  return convertFiles([join(dir, 'docker-compose.yml')], options);
}

/** Converts compose files, synthesizes and validates the result. */
export function convertFiles(paths: string[], options: Partial<ComposeOptions> = {}): Converted {
  const stack = stackOf(paths, options);
  const manifests = synthValid(stack);
  return { stack, manifests, warnings: stack.warnings };
}

/** The stack of compose files, without synthesizing it. */
export function stackOf(paths: string[], options: Partial<ComposeOptions> = {}): MicroserviceStack {
  return ComposeImport.toStack(Testing.app(), 'shop', { files: paths, ...options });
}

/** The stack of a compose file given as text, without synthesizing it (for errors). */
export function stackFrom(compose: string, options: Partial<ComposeOptions> = {}, files: { [path: string]: string } = {}): MicroserviceStack {
  const dir = writeProject({ 'docker-compose.yml': compose, ...files });
  return stackOf([join(dir, 'docker-compose.yml')], options);
}

/**
 * Runs a `main.ts` written by `init` in this process, against the library's sources: the
 * TypeScript is transpiled, its import of 'k8s-course-constructs' mapped to ../../src, and its
 * other imports to the packages the tests use (so cdk8s classes are the same). Returns its
 * exports (`build`).
 */
export function loadGenerated(code: string, dir: string): { build(app: App): MicroserviceStack } {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(code, { compilerOptions }).outputText;
  const module = { exports: {} as any };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (name: string) => (name === 'k8s-course-constructs' ? require('../../src') : require(name));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', '__dirname', '__filename', js)(load, module, module.exports, dir, join(dir, 'main.ts'));
  return module.exports;
}
