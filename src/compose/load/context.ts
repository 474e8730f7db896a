import { ProjectBoundary } from './boundary';
import { IComposeFileSystem } from './file-system';
import { interpolateTree, VariableScope } from './interpolate';
import { DEFAULT_LIMITS, expansionBudget, InputLimits } from './limits';
import { cast, Normalized } from './normalize';
import { schemaProblems } from './schema';
import { SourceFile } from './source';
import { ComposeError, warningLine, Where } from '../diagnostics';

/** A compose file read, interpolated and checked against the specification. */
export interface LoadedFile {
  readonly source: SourceFile;
  /** Its services after `extends`, by base folder and name. */
  readonly resolved: Map<string, Normalized>;
}

/** What every step of loading shares: the files, the boundary, the variables and the warnings. */
export class LoadContext {
  public readonly warnings: string[] = [];
  /** The size of the variables file's values: a compose file may copy each a few times. */
  public variablesSize = 0;
  /** Interpolation: the variables, and a warning for each unset one. */
  public readonly scope: VariableScope;
  private readonly loaded = new Map<string, LoadedFile>();

  constructor(
    public readonly fs: IComposeFileSystem,
    public readonly boundary: ProjectBoundary,
    public readonly directory: string,
    public readonly variable: (name: string) => string | undefined,
    public readonly limits: InputLimits = DEFAULT_LIMITS,
  ) {
    const reported = new Set<string>();
    this.scope = {
      lookup: variable,
      unset: (name, where, key) => {
        if (reported.has(name)) return;
        reported.add(name);
        this.warn(where, key, `uses the variable ${name}, which is not set: it is replaced by an empty string; set it in .env or the environment, or give a default with \${${name}:-default}`);
      },
    };
  }

  /** A compose file, read once however many times it is named. */
  public load(path: string): LoadedFile {
    let f = this.loaded.get(path);
    if (!f) {
      f = this.read(path);
      this.loaded.set(path, f);
    }
    return f;
  }

  /** Adds a warning: `[file:line:col] fromCompose: key text`. */
  public warn(where: Where, key: string, text: string): void {
    this.warnings.push(warningLine(where, key, text));
  }

  private read(path: string): LoadedFile {
    const raw = SourceFile.read(this.fs, path, this.limits);
    const total = expansionBudget(this.limits, (this.fs.stat(path)?.size ?? 0) + this.variablesSize);
    const { value, interpolated } = interpolateTree(raw.data, this.scope, s => raw.locate(s), { left: total, total });
    for (const p of interpolated) cast(value, p);
    const problems = schemaProblems(value, s => raw.locate(s));
    if (problems.length > 0) throw new ComposeError(problems);
    return { source: raw.withData(value), resolved: new Map() };
  }
}
