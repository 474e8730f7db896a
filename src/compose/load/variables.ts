import { resolve } from 'path';
import { LoadContext } from './context';
import { readDotEnv } from './dotenv';
import { readLimited } from './limits';
import { composeError } from '../diagnostics';

/**
 * The variables of the variables file: the one the user names (`--env-file`, read wherever it
 * is), else `.env` in the project directory when it exists and lies inside the project (a `.env`
 * symlink that leads out of it is not read, with a warning). `given` variables win over the
 * file's, and its `${VAR}`s see them.
 */
export function readVariablesFile(ctx: LoadContext, envFile: string | undefined, given: (name: string) => string | undefined): Map<string, string> {
  const path = envFile !== undefined ? resolve(envFile) : resolve(ctx.directory, '.env');
  const stat = ctx.fs.stat(path);
  if (!stat?.isFile) {
    if (envFile === undefined) return new Map();
    throw composeError({ file: path }, {
      key: 'env file',
      rule: stat?.isDirectory ? 'is a folder, not a file' : 'does not exist',
      value: envFile,
      fix: 'pass the path of an existing .env file, or leave --env-file out',
    });
  }
  let readFrom: string | undefined = path;
  if (envFile === undefined) {
    readFrom = ctx.boundary.inside(path);
    if (readFrom === undefined) {
      ctx.warn({ file: path }, '.env', 'leads outside the project folder (a symlink) and is not read: its variables are not set; copy the file into the project folder, or pass it with --env-file');
      return new Map();
    }
  }
  const text = readLimited(ctx.fs, readFrom, ctx.limits, { file: path }, 'env file');
  return new Map(readDotEnv(text, path, given, ctx.limits).map(v => [v.name, v.value]));
}
