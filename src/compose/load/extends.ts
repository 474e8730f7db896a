import { dirname, resolve } from 'path';
import { LoadContext, LoadedFile } from './context';
import { mergeNormalized, withoutDependencies } from './merge';
import { Normalized, normalizeService } from './normalize';
import { composeError, keyPath, suggestion } from '../diagnostics';

/**
 * The services of one compose file, normalized and with their `extends` resolved: from the same
 * file, or from another file inside the project (one outside is not read: a warning, and the
 * service extends nothing). Paths of a service extended from another file are relative to that
 * file.
 */
export function resolveFileServices(ctx: LoadContext, src: LoadedFile): Map<string, Normalized> {
  const resolver = new ExtendsResolver(ctx);
  const services = new Map<string, Normalized>();
  for (const name of Object.keys(src.source.data.services ?? {})) services.set(name, resolver.resolve(src, name, ctx.directory));
  return services;
}

class ExtendsResolver {
  /** Services being resolved, to find cycles: `file#name`. */
  private readonly resolving = new Set<string>();

  constructor(private readonly ctx: LoadContext) {}

  public resolve(file: LoadedFile, name: string, baseDir: string): Normalized {
    const cached = file.resolved.get(`${baseDir}#${name}`);
    if (cached) return cached;
    const raw = file.source.data.services?.[name];
    let n = normalizeService(raw, file.source, name, baseDir);
    const ext = raw?.extends;
    if (ext !== undefined) {
      const id = `${file.source.path}#${name}`;
      if (this.resolving.has(id)) {
        throw composeError(file.source.locate(['services', name, 'extends']), { key: keyPath(['services', name, 'extends']), rule: 'forms a cycle', value: ext, fix: 'make the chain of extends end at a service that extends nothing' });
      }
      this.resolving.add(id);
      const base = this.base(file, name, ext, baseDir);
      if (base) n = mergeNormalized(withoutDependencies(base), n);
      this.resolving.delete(id);
    }
    file.resolved.set(`${baseDir}#${name}`, n);
    return n;
  }

  /** The service `ext` names, resolved; undefined when its file lies outside the project. */
  private base(file: LoadedFile, name: string, ext: any, baseDir: string): Normalized | undefined {
    const baseName = typeof ext === 'string' ? ext : String(ext.service);
    const other = typeof ext === 'object' && ext.file ? this.otherFile(file, name, String(ext.file)) : file;
    if (!other) return undefined;
    if (!Object.prototype.hasOwnProperty.call(other.source.data.services ?? {}, baseName)) {
      throw composeError(file.source.locate(['services', name, 'extends']), {
        key: keyPath(['services', name, 'extends']),
        rule: `names a service that ${other === file ? 'this file' : 'that file'} does not have`,
        value: baseName,
        fix: `name one of its services${suggestion(baseName, Object.keys(other.source.data.services ?? {}))}`,
      });
    }
    return this.resolve(other, baseName, other === file ? baseDir : dirname(other.source.path));
  }

  /** The file `extends.file` names, when it lies inside the project. */
  private otherFile(file: LoadedFile, name: string, written: string): LoadedFile | undefined {
    const segments = ['services', name, 'extends', 'file'];
    const where = file.source.locate(segments);
    const real = this.ctx.boundary.inside(resolve(dirname(file.source.path), written));
    if (real === undefined) {
      this.ctx.warn(where, keyPath(segments), `names a file outside the project folder: it is not read, and ${keyPath(['services', name])} extends nothing; move the file into the project folder, or pass --project-directory with a folder that holds both`);
      return undefined;
    }
    if (!this.ctx.fs.stat(real)?.isFile) {
      throw composeError(where, { key: keyPath(segments), rule: 'names a file that does not exist', value: written, fix: 'fix the path (relative to this compose file)' });
    }
    return this.ctx.load(real);
  }
}
