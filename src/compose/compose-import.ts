import { Construct } from 'constructs';
import { ComposeOptions } from './options';
import { composeCode, composeInto } from './pipeline';
import { MicroserviceStack } from '../stack';

/**
 * The TypeScript of a cdk8s app that builds the stack of a compose application, from
 * {@link ComposeImport.toTypeScript}.
 */
export interface ComposeTypeScript {
  /** The source of `main.ts`: a `build(app)` function and a main that synthesizes. */
  readonly code: string;
  /** The stack's id. */
  readonly stackId: string;
  /** What the compose files say that the app does not do, one line each (also in the code, as comments). */
  readonly warnings: string[];
  /**
   * The project files the app mounts (bind-mounted files and folders, file-backed configs and
   * secrets), which its code reads from its own folder: copy each `sourcePath` to `path` in the
   * app's folder, keeping its mode (an executable script stays executable).
   */
  readonly files: ComposeAppFile[];
}

/**
 * A project file that the TypeScript of {@link ComposeImport.toTypeScript} reads from the app's
 * own folder.
 */
export interface ComposeAppFile {
  /** Where the app reads it, relative to the app's folder (`files/nginx/nginx.conf`). */
  readonly path: string;
  /** Where it is: its real path inside the compose project's folder. */
  readonly sourcePath: string;
}

/**
 * Imports docker-compose applications: reads the compose files as `docker compose` does and
 * builds the {@link MicroserviceStack} they describe (services, backing services, volumes,
 * routes and configuration), or writes it as TypeScript to own. Everything the files say that
 * the stack does not do is named in the stack's `warnings`, with its file, line, service and key.
 *
 * The importer sits above the stack: the stack knows nothing of compose.
 */
export class ComposeImport {
  /**
   * A stack built from docker-compose files.
   *
   * @example
   * const shop = ComposeImport.toStack(app, 'eshop', {
   *   files: ['docker-compose.yml', 'docker-compose.override.yml'],
   *   platform: Platform.AKS,
   * });
   */
  public static toStack(scope: Construct, id: string, options: ComposeOptions): MicroserviceStack {
    return composeInto(scope, options, id);
  }

  /**
   * A stack built from docker-compose files, whose id is the compose project's name (`name:`, else
   * the folder of the first file) as a DNS label.
   */
  public static toProjectStack(scope: Construct, options: ComposeOptions): MicroserviceStack {
    return composeInto(scope, options);
  }

  /**
   * The TypeScript of a cdk8s app (a `main.ts` in `outDir`) whose synth writes the same YAML as
   * the stack of {@link ComposeImport.toStack}: `addService`, `addBackingService` and the other
   * calls, with each warning as a comment.
   *
   * The code reads no file outside its own folder: the project files it mounts are listed in
   * `files`, to be copied under `files/` next to `main.ts` (it reads them from `__dirname`, so
   * `cdk8s synth` may run from any folder).
   *
   * @param outDir the folder the `main.ts` is for; paths in the code are relative to it
   * @param stackId the stack's id; by default the compose project's name as a DNS label
   */
  public static toTypeScript(options: ComposeOptions, outDir: string, stackId?: string): ComposeTypeScript {
    const { code, id, warnings, files } = composeCode(options, outDir, stackId);
    return { code, stackId: id, warnings, files };
  }

  private constructor() {}
}
