/**
 * `npm run examples`: synthesizes every example app into examples/<name>/dist/, validates each
 * manifest against the Kubernetes schema of its kind, and prints one line per example.
 * Exits non-zero when any example fails to synthesize or validate.
 *
 * Kubernetes manifests are the `*.k8s.yaml` files cdk8s writes; other files an example writes
 * (skaffold.yaml, a diagram) are left alone.
 *
 * Each example runs as its own process (`main.ts` with cwd = its folder), exactly as
 * `cdk8s synth` would run it.
 */
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { schemaErrors } from '../tools/kube-schema';

const root = __dirname;
const only = process.argv.slice(2);
const names = readdirSync(root)
  .filter(n => statSync(join(root, n)).isDirectory() && existsSync(join(root, n, 'main.ts')))
  .filter(n => only.length === 0 || only.includes(n))
  .sort();

let failed = 0;
for (const name of names) {
  const dir = join(root, name);
  const outdir = join(dir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], {
    cwd: dir,
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`FAIL ${name}: synth exited with ${run.status}\n${indent(run.stderr || run.stdout)}`);
    continue;
  }
  const kinds = new Map<string, number>();
  const errors: string[] = [];
  let objects = 0;
  const files = existsSync(outdir) ? readdirSync(outdir, { recursive: true }).map(String).filter(f => f.endsWith('.k8s.yaml')).sort() : [];
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(join(outdir, file), 'utf-8'))) {
      if (doc.errors.length > 0) {
        errors.push(`${file}: ${doc.errors[0].message}`);
        continue;
      }
      const manifest = doc.toJS();
      if (!manifest || typeof manifest !== 'object' || !manifest.kind) continue;
      objects++;
      kinds.set(manifest.kind, (kinds.get(manifest.kind) ?? 0) + 1);
      for (const e of schemaErrors(manifest)) errors.push(`${file}: ${manifest.kind}/${manifest.metadata?.name}: ${e}`);
    }
  }
  if (objects === 0) errors.push('no Kubernetes objects were written');
  const summary = [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  if (errors.length > 0) {
    failed++;
    console.log(`FAIL ${name}: ${objects} objects (${summary})\n${indent(errors.join('\n'))}`);
  } else {
    console.log(`ok   ${name}: ${objects} objects (${summary})`);
  }
}
console.log(`${names.length - failed} of ${names.length} examples synthesized and validated`);
if (failed > 0 || names.length === 0) process.exit(1);

function indent(text: string): string {
  return text.trim().split('\n').map(l => `     ${l}`).join('\n');
}
