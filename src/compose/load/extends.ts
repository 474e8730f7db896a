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

/** A service to resolve: its file, its name, and the folder its relative paths are relative to. */
interface ServiceRef {
  readonly file: LoadedFile;
  readonly name: string;
  readonly baseDir: string;
}

class ExtendsResolver {
  constructor(private readonly ctx: LoadContext) {}

  /**
   * A service with its chain of `extends` resolved, without recursion (a chain can be thousands
   * of services long): the chain is walked down to a service that extends nothing (or one
   * resolved before), then merged back up.
   */
  public resolve(file: LoadedFile, name: string, baseDir: string): Normalized {
    const chain: ServiceRef[] = [];
    const ids = new Set<string>();
    let ref: ServiceRef | undefined = { file, name, baseDir };
    let base: Normalized | undefined;
    while (ref) {
      base = ref.file.resolved.get(`${ref.baseDir}#${ref.name}`);
      if (base) break;
      const id = `${ref.file.source.path}#${ref.name}`;
      const ext: unknown = ref.file.source.data.services?.[ref.name]?.extends;
      if (ids.has(id)) {
        throw composeError(ref.file.source.locate(['services', ref.name, 'extends']), { key: keyPath(['services', ref.name, 'extends']), rule: 'forms a cycle', value: ext, fix: 'make the chain of extends end at a service that extends nothing' });
      }
      ids.add(id);
      chain.push(ref);
      ref = ext === undefined ? undefined : this.base(ref, ext);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const { file: f, name: n, baseDir: dir } = chain[i];
      const own = normalizeService(f.source.data.services?.[n], f.source, n, dir);
      // `base` is what this service extends: the one below it in the chain, a service resolved
      // before, or nothing (the chain ends, or its next file lies outside the project: warned).
      base = base ? mergeNormalized(withoutDependencies(base), own) : own;
      f.resolved.set(`${dir}#${n}`, base);
    }
    return base!;
  }

  /** The service `ext` names; undefined when its file lies outside the project. */
  private base(from: ServiceRef, ext: any): ServiceRef | undefined {
    const { file, name, baseDir } = from;
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
    // Paths of a service extended from another file are relative to that file.
    return { file: other, name: baseName, baseDir: other === file ? baseDir : dirname(other.source.path) };
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
