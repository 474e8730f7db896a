import { dotnetEnvVarName, envVarNameProblem } from '../../core/names';
import { parseDotEnv } from '../load/dotenv';
import { ComposeServiceModel, KeyPath } from '../model';
import { MapContext } from './context';
import { looksSecret } from '../../core/secrets';

/** The environment of a container: plain values, and values that look secret. */
export interface EnvironmentPart {
  readonly env: { [name: string]: string };
  readonly secretEnv: { [name: string]: string };
}

/**
 * `env_file` then `environment` (which wins), as compose merges them. Variables without a value
 * come from the shell or `.env`; names Kubernetes 1.28 rejects get the .NET form; host names of
 * renamed services are rewritten; values that look secret go apart, with one warning naming them.
 */
export function mapEnvironment(ctx: MapContext, svc: ComposeServiceModel): EnvironmentPart {
  const entries: Array<[string, string, KeyPath]> = [...envFileEntries(ctx, svc)];
  for (const e of svc.environment) {
    const value = e.value ?? ctx.model.project.variable(e.name);
    if (value === undefined) {
      ctx.warn(svc, e.key, 'has no value and is not set in the environment or .env: it is left out, as compose leaves it out');
      continue;
    }
    entries.push([e.name, value, e.key]);
  }
  const env: { [name: string]: string } = {};
  const secretEnv: { [name: string]: string } = {};
  const renamed: string[] = [];
  const secret: string[] = [];
  const rewritten: string[] = [];
  for (const [name, raw] of entries) {
    const k8sName = envVarNameProblem(name) ? dotnetEnvVarName(name) : name;
    if (k8sName !== name && !renamed.includes(`${name} -> ${k8sName}`)) renamed.push(`${name} -> ${k8sName}`);
    const value = rewriteHosts(ctx, raw);
    if (value !== raw) rewritten.push(k8sName);
    delete env[k8sName];
    delete secretEnv[k8sName];
    if (looksSecret(k8sName, value)) {
      secretEnv[k8sName] = value;
      if (!secret.includes(k8sName)) secret.push(k8sName);
    } else {
      env[k8sName] = value;
    }
  }
  warnEnvironment(ctx, svc, renamed, rewritten, secret);
  return { env, secretEnv };
}

function warnEnvironment(ctx: MapContext, svc: ComposeServiceModel, renamed: string[], rewritten: string[], secret: string[]): void {
  if (renamed.length > 0) {
    ctx.warn(svc, ['environment'], `has names Kubernetes 1.28 rejects, renamed to the .NET configuration form (.NET reads "__" as ":"): ${renamed.join(', ')}`);
  }
  if (rewritten.length > 0) ctx.warn(svc, ['environment'], `has host names of renamed services rewritten to their Kubernetes names in ${rewritten.join(', ')}`);
  if (secret.length > 0) {
    ctx.warn(svc, ['environment'], `has values that look like secrets (${secret.join(', ')}): they go to a Secret, not a ConfigMap; `
      + 'create that Secret outside the app and reference it before this reaches git');
  }
}

/** The variables of the service's env files that lie inside the project folder. */
function envFileEntries(ctx: MapContext, svc: ComposeServiceModel): Array<[string, string, KeyPath]> {
  const out: Array<[string, string, KeyPath]> = [];
  for (const f of svc.envFiles) {
    const real = ctx.files.inside(f.path);
    const stat = real === undefined ? undefined : ctx.files.stat(real);
    const text = real !== undefined && stat?.kind === 'file' ? ctx.files.readText(real) : undefined;
    if (text === undefined) {
      ctx.warn(svc, f.key, `"${f.written}" is not read: it is missing or outside the project folder${f.required ? '' : ' (optional)'}; its variables are left out`);
      continue;
    }
    for (const [k, v] of parseDotEnv(text, f.path, name => ctx.model.project.variable(name))) out.push([k, v, f.key]);
  }
  return out;
}

/** Host names of renamed services, rewritten in a value. */
export function rewriteHosts(ctx: MapContext, text: string): string {
  let out = text;
  for (const [from, to] of ctx.names.renamedHosts) out = out.replace(hostPattern(from), (_m, pre: string) => `${pre}${to}`);
  return out;
}

/** Host names in a value: after start, "/", "@", "=", ",", ";", quotes or space; before end, ":", "/", ";", ",", "?", ")", quotes or space. */
export function hostPattern(host: string): RegExp {
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[/@=,;"'\\s])${escaped}(?=$|[:/;,?)"'\\s])`, 'gi');
}
