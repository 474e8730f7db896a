import { readFileSync } from 'fs';
import { Command } from 'commander';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ManifestValidator, ManifestValidatorOptions } from '../../validation';
import { collect } from '../flags';
import { CliIo } from '../io';
import { yamlFiles } from '../yaml-files';

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
      for (const line of result.skipped) io.stderr(`skipped ${line}\n`);
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
  /** Symlinks in the folders given that were not followed (they lead out of the folder, or nowhere). */
  readonly skipped: string[];
}

/**
 * Runs the cross-object checks over Kubernetes YAML files (all of them together: a Service in
 * one file may select pods of a Deployment in another) and names the file of each finding.
 */
export function lintFiles(patterns: string[], cwd: string, options: ManifestValidatorOptions): LintResult {
  const { files, skipped } = yamlFiles(patterns, cwd);
  const lines: string[] = [];
  const manifests: any[] = [];
  const fileOf = new ObjectFiles(options.defaultNamespace ?? 'default');
  for (const { shown, path } of files) {
    const lineCounter = new LineCounter();
    for (const doc of parseAllDocuments(readFileSync(path, 'utf-8'), { lineCounter })) {
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
      fileOf.add(m, shown);
    }
  }
  for (const f of ManifestValidator.validateManifests(manifests, options)) {
    const file = fileOf.get(f.kind, f.namespace, f.name);
    lines.push(`${file}: ${f.kind}/${f.name}: ${f.message} (${f.rule})`);
  }
  return { lines, files: files.length, objects: manifests.length, skipped };
}

/** The file each object came from, by kind and name, then namespace (cluster-scoped objects have none that counts). */
class ObjectFiles {
  private readonly byName = new Map<string, Array<{ namespace: string; file: string }>>();

  constructor(private readonly defaultNamespace: string) {}

  public add(m: any, file: string): void {
    const key = JSON.stringify([m.kind, m.metadata.name]);
    const list = this.byName.get(key) ?? [];
    list.push({ namespace: m.metadata.namespace ?? this.defaultNamespace, file });
    this.byName.set(key, list);
  }

  public get(kind: string, namespace: string | undefined, name: string): string {
    const list = this.byName.get(JSON.stringify([kind, name])) ?? [];
    return (list.find(o => o.namespace === namespace) ?? list[0])?.file ?? '<unknown file>';
  }
}
