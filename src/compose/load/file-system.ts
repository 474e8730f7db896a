/**
 * What a compose import learns about a path without reading it.
 */
export interface ComposeFileStat {
  /** Whether the path is a regular file (after following symlinks). */
  readonly isFile: boolean;
  /** Whether the path is a folder (after following symlinks). */
  readonly isDirectory: boolean;
  /** The size in bytes. */
  readonly size: number;
}

/**
 * The files a compose import reads: compose files, `.env` and `env_file` files, `extends` files,
 * config and secret files, Dockerfiles and bind-mounted files. The import reads only through this
 * interface, so it can run on the local disk (`NodeFileSystem`, the default) or on files held in
 * memory (`InMemoryFileSystem`: tests, a playground in the browser).
 *
 * Paths are absolute. Every method follows symlinks; `realPath` says where they lead, so the
 * import can check that a file lies inside the project folder before it reads it.
 */
export interface IComposeFileSystem {
  /**
   * The text of a file, decoded as UTF-8.
   *
   * Throws when the path is not a readable file.
   */
  readText(path: string): string;

  /**
   * The path with every symlink resolved, or undefined when it does not exist (or a symlink on
   * the way is dangling or loops).
   */
  realPath(path: string): string | undefined;

  /** What the path is, or undefined when it does not exist. */
  stat(path: string): ComposeFileStat | undefined;

  /**
   * The names of the entries of a folder, sorted.
   *
   * Throws when the path is not a readable folder.
   */
  readDir(path: string): string[];
}
