import { resolve } from 'path';
import { LoadContext } from './context';
import { readDotEnv } from './dotenv';
import { readLimited } from './limits';
import { isRemote } from './normalize';
import type { ComposeService, TopLevelEntry } from './project';
import { composeError, keyPath } from '../diagnostics';

/** A variable of a service's `env_file`, read inside the project. */
export interface EnvFileVariable {
  readonly name: string;
  readonly value: string;
  /** The index of its file in the service's `env_file` list. */
  readonly index: number;
  /** Its line in that file. */
  readonly line: number;
}

/**
 * The variables of a service's `env_file` entries, in order (a later file wins, as in compose).
 * A file outside the project is not read (a warning); a missing file is an error unless it has
 * `required: false`.
 */
export function readEnvFiles(ctx: LoadContext, svc: ComposeService): EnvFileVariable[] {
  const out: EnvFileVariable[] = [];
  (svc.def.env_file ?? []).forEach((f: { path: string; written: string; required: boolean }, index: number) => {
    const where = svc.where(['env_file', index]);
    const key = svc.key(['env_file', index]);
    const real = ctx.boundary.inside(f.path);
    if (real === undefined) {
      ctx.warn(where, key, 'names a file outside the project folder: it is not read, and its variables are not set; move the file into the project folder, or set the variables under environment:');
      return;
    }
    if (!ctx.fs.stat(real)?.isFile) {
      if (f.required === false) return;
      throw composeError(where, { key, rule: 'names a file that does not exist', value: f.written, fix: 'create the file, fix the path (relative to the project directory), or add required: false' });
    }
    const text = readLimited(ctx.fs, real, ctx.limits, where, key);
    for (const v of readDotEnv(text, f.path, ctx.variable, ctx.limits)) out.push({ name: v.name, value: v.value, index, line: v.line });
  });
  return out;
}

/**
 * A top-level config or secret with `file:`: the real path of the file when it lies inside the
 * project (relative paths are relative to the project directory); a warning and no path when it
 * lies outside; an error when it does not exist.
 */
export function topLevelFile(ctx: LoadContext, section: string, entry: TopLevelEntry): string | undefined {
  const written = entry.def.file;
  if (typeof written !== 'string' || entry.def.external) return undefined;
  const key = keyPath([section, entry.name, 'file']);
  const real = ctx.boundary.inside(written);
  if (real === undefined) {
    const kind = section === 'secrets' ? 'Secret' : 'ConfigMap';
    ctx.warn(entry.where, key, `names a file outside the project folder: it is not read, and the ${kind} gets no content; move the file into the project folder`);
    return undefined;
  }
  if (!ctx.fs.stat(real)?.isFile) {
    throw composeError(entry.where, { key, rule: 'names a file that does not exist', value: written, fix: 'create the file or fix the path (relative to the project directory)' });
  }
  return real;
}

/**
 * Warns about a build context (or its Dockerfile) outside the project: the import reads neither
 * (the Dockerfile's USER, EXPOSE and HEALTHCHECK are not used).
 */
export function checkBuildContext(ctx: LoadContext, svc: ComposeService): void {
  const build = svc.def.build;
  if (!build || typeof build.context !== 'string' || isRemote(build.context)) return;
  const segments = build.dockerfile !== undefined ? ['build', 'dockerfile'] : ['build'];
  const dockerfile = resolve(build.context, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
  if (ctx.boundary.inside(build.context) !== undefined && ctx.boundary.inside(dockerfile) !== undefined) return;
  ctx.warn(svc.where(segments), svc.key(segments), 'is outside the project folder: its Dockerfile is not read (its USER, EXPOSE and HEALTHCHECK are not used); pass --project-directory with a folder that holds it');
}
