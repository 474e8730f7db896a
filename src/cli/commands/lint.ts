import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { Command } from 'commander';
import { LineCounter, parseAllDocuments } from 'yaml';
import { objectKey } from '../../core/objects';
import { ManifestValidator, ManifestValidatorOptions } from '../../validation';
import { collect } from '../flags';
import { CliIo, show } from '../io';

/** `lint`: the cross-object checks over Kubernetes YAML files; exit code 1 on findings. */
export function addLintCommand(program: Command, io: CliIo, exit: (code: number) => void): void {
  program.command('lint')
    .description('check Kubernetes YAML for references that kubectl accepts but that leave an application broken '
      + '(Services that select no pods, missing ConfigMaps, Secrets and claims, probe ports, restricted Pod Security, ...)')
    .argument('<files...>', 'YAML files or folders (dist/*.yaml)')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('--external-secret <name>', 'a Secret created outside these files (repeatable)', collect)
    .option('--external-config-map <name>', 'a ConfigMap created outside these files (repeatable)', collect)
    .option('--external-claim <name>', 'a PersistentVolumeClaim created outside these files (repeatable)', collect)
    .option('--external-service <name>', 'a Service created outside these files (repeatable)', collect)
    .option('--skip-pod-security', 'do not check restricted Pod Security')
    .action(async (patterns: string[], opts: any) => {
      const result = lintFiles(patterns, io.cwd, {
        defaultNamespace: opts.namespace,
        externalSecrets: opts.externalSecret,
        externalConfigMaps: opts.externalConfigMap,
        externalClaims: opts.externalClaim,
        externalServices: opts.externalService,
        skipPodSecurity: opts.skipPodSecurity,
      });
      for (const line of result.lines) io.stdout(`${line}\n`);
      const findings = result.lines.length === 0 ? 'no findings' : `${result.lines.length} findings`;
      io.stderr(`${result.files} files, ${result.objects} objects: ${findings}\n`);
      if (result.lines.length > 0) exit(1);
    });
}

/** What `lint` found. */
export interface LintResult {
  /** One line per finding: `file: Kind/name: message (rule)`, or `file:line:col: ...` for YAML errors. */
  readonly lines: string[];
  readonly files: number;
  readonly objects: number;
}

/**
 * Runs the cross-object checks over Kubernetes YAML files (all of them together: a Service in
 * one file may select pods of a Deployment in another) and names the file of each finding.
 */
export function lintFiles(patterns: string[], cwd: string, options: ManifestValidatorOptions): LintResult {
  const files = expand(patterns, cwd);
  const lines: string[] = [];
  const manifests: any[] = [];
  const fileOf = new Map<string, string>();
  const defaultNs = options.defaultNamespace ?? 'default';
  for (const file of files) {
    const shown = show(cwd, file);
    const lineCounter = new LineCounter();
    for (const doc of parseAllDocuments(readFileSync(file, 'utf-8'), { lineCounter })) {
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const pos = e.linePos?.[0];
        const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        lines.push(`${shown}:${pos?.line ?? 1}:${pos?.col ?? 1}: not valid YAML: ${reason}`);
        continue;
      }
      const m = doc.toJS();
      if (!m || typeof m !== 'object') continue;
      if (!m.kind || !m.apiVersion || !m.metadata?.name) {
        const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : undefined;
        lines.push(`${shown}:${pos?.line ?? 1}:${pos?.col ?? 1}: not a Kubernetes object: apiVersion, kind and metadata.name are required`);
        continue;
      }
      manifests.push(m);
      const key = objectKey(m.kind, m.metadata.namespace ?? defaultNs, m.metadata.name);
      if (!fileOf.has(key)) fileOf.set(key, shown);
    }
  }
  for (const f of ManifestValidator.validateManifests(manifests, options)) {
    const file = fileOf.get(objectKey(f.kind, f.namespace, f.name)) ?? '<unknown file>';
    lines.push(`${file}: ${f.kind}/${f.name}: ${f.message} (${f.rule})`);
  }
  return { lines, files: files.length, objects: manifests.length };
}

/** Files named, folders (their YAML files) and simple globs (`dist/*.yaml`, for shells that do not expand them). */
function expand(patterns: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const path = resolve(cwd, p);
    if (/[*?]/.test(basename(path))) {
      const dir = dirname(path);
      const re = new RegExp(`^${basename(path).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      const matches = existsSync(dir) ? readdirSync(dir).filter(f => re.test(f)).sort().map(f => join(dir, f)) : [];
      if (matches.length === 0) throw new Error(`${p} matches no file; pass the YAML files to check, such as dist/*.yaml`);
      out.push(...matches);
    } else if (existsSync(path) && statSync(path).isDirectory()) {
      const yaml = readdirSync(path, { recursive: true }).map(String).filter(f => /\.ya?ml$/.test(f)).sort().map(f => join(path, f));
      if (yaml.length === 0) throw new Error(`${p} has no .yaml files; pass the YAML files to check, such as dist/*.yaml`);
      out.push(...yaml);
    } else if (existsSync(path)) {
      out.push(path);
    } else {
      throw new Error(`${p} does not exist; pass the YAML files to check, such as dist/*.yaml`);
    }
  }
  return [...new Set(out)];
}

