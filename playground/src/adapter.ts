/**
 * The playground's one door into the library. Everything the page shows comes from here, through
 * the library's public API, as the command-line tool calls it: `convert` (ComposeImport and
 * `App.synth()`), the warnings (`Warnings`), `diagram` (StackDiagram), the prerequisites and
 * `init` (ComposeImport.toTypeScript and the init app's files). When the compose pipeline
 * changes, this file is the one to change.
 *
 * The project lives in memory at /project: the compose pipeline reads it (compose files, `.env`,
 * the files services mount) through an InMemoryFileSystem (ComposeOptions.fileSystem), and the
 * code that still uses Node's `fs` (the stack reading mounted files at synth, cdk8s' synth into
 * /project/dist) reads and writes the page's disk (shims/disk), which holds the same files.
 */
import { App } from 'cdk8s';
import { errorLines, Message, parseMessages } from './messages';
import { devDependencies, peerDependencies, version } from '../../package.json';
import {
  ComposeImport, ComposeOptions, InMemoryFileSystem, NetworkPolicyMode, Platform, Prerequisites, PublishedPortExposure,
  StackDiagram, Warnings,
} from '../../src';
import * as disk from './shims/disk';
import { PROJECT_DIR } from './shims/process';
import { appFiles } from '../../src/cli/app-files';

/** The editor's fixed files; a project may hold others (files the compose files mount). */
export const COMPOSE_FILE = 'docker-compose.yml';
export const OVERRIDE_FILE = 'docker-compose.override.yml';
export const ENV_FILE = '.env';

/** The command line's options the page offers, as the command line spells their values. */
export interface PlaygroundOptions {
  /** `--platform` */
  readonly platform: string;
  /** `--published-ports` */
  readonly publishedPorts: string;
  /** `--profile`, as typed: names separated by commas or spaces. */
  readonly profiles: string;
  /** `--image-tag`, empty for none. */
  readonly imageTag: string;
  /** The stack's `networkPolicy` (NetworkPolicyMode, lowercase with dashes). */
  readonly networkPolicy: string;
}

const PLATFORMS: { [name: string]: Platform } = { local: Platform.LOCAL, aks: Platform.AKS, gke: Platform.GKE };
const PUBLISHED: { [name: string]: PublishedPortExposure } = {
  'gateway': PublishedPortExposure.GATEWAY,
  'node-port': PublishedPortExposure.NODE_PORT,
  'load-balancer': PublishedPortExposure.LOAD_BALANCER,
};
/** NETWORKS first: a converted compose app is reachable as compose's networks say, unless told otherwise. */
const POLICIES: { [name: string]: NetworkPolicyMode } = {
  'networks': NetworkPolicyMode.NETWORKS,
  'call-graph': NetworkPolicyMode.CALL_GRAPH,
  'none': NetworkPolicyMode.NONE,
};

/** The choices of each option with choices, the first the command line's default. */
export const CHOICES = {
  platform: Object.keys(PLATFORMS),
  publishedPorts: Object.keys(PUBLISHED),
  networkPolicy: Object.keys(POLICIES),
} as const;

export const DEFAULT_OPTIONS: PlaygroundOptions = { platform: 'local', publishedPorts: 'gateway', profiles: '', imageTag: '', networkPolicy: 'networks' };

/** A file the page shows or offers for download. */
export interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/** What `convert` writes for the project, and what the page shows beside it. */
export interface Conversion {
  /** One `<chart>.k8s.yaml` per chart, as `convert -o dist` writes them. */
  readonly yaml: OutputFile[];
  /** What the cluster needs installed first (`<id>.prerequisites.md`). */
  readonly prerequisites: OutputFile;
  readonly warnings: Message[];
  /** The Mermaid source of the application's diagram. */
  readonly diagram: string;
}

/** A conversion that failed: the project's errors, each with its file and line where known. */
export class ConversionFailed extends Error {
  public constructor(public readonly messages: Message[]) {
    super(messages.map(m => m.text).join('\n'));
  }
}

/** `k8s-course-constructs convert` with these files and options, in memory. */
export function convert(files: { [name: string]: string }, options: PlaygroundOptions): Conversion {
  const names = Object.keys(files);
  return guarded(names, () => {
    const outdir = `${PROJECT_DIR}/dist`;
    const app = new App({ outdir });
    const stack = ComposeImport.toProjectStack(app, composeOptions(files, options));
    const warnings = Warnings.collect(stack);
    app.synth();
    const yaml = disk.filesUnder(outdir).map(name => ({ name, text: new TextDecoder().decode(disk.read(`${outdir}/${name}`)) }));
    const prerequisites = Prerequisites.of(stack);
    return {
      yaml,
      prerequisites: { name: prerequisites.fileName, text: prerequisites.toMarkdown() },
      warnings: parseMessages(warnings, 'warning', names),
      diagram: StackDiagram.of(stack).toMermaid(),
    };
  });
}

/** The app `init -o k8s` writes: its four files, and the project files it mounts under `k8s/files/`. */
export interface TypeScriptApp {
  /** The stack's id, which names the zip. */
  readonly stackId: string;
  /** `k8s/main.ts`, `k8s/package.json`, `k8s/tsconfig.json`, `k8s/cdk8s.yaml`, then `k8s/files/...`. */
  readonly files: OutputFile[];
}

/**
 * What `k8s-course-constructs init -o k8s` writes: the app reads the files its services mount from
 * its own folder, so they are copied there (ComposeImport.toTypeScript's `files`), read from the
 * same in-memory file system the conversion read.
 */
export function typescriptApp(files: { [name: string]: string }, options: PlaygroundOptions): TypeScriptApp {
  return guarded(Object.keys(files), () => {
    const outDir = `${PROJECT_DIR}/k8s`;
    const compose = composeOptions(files, options);
    const ts = ComposeImport.toTypeScript({ ...compose, buildContextRoot: outDir }, outDir);
    const app = [['main.ts', ts.code], ...appFiles(ts.stackId, { version, peerDependencies, devDependencies })];
    const mounted = ts.files.map(f => [f.path, compose.fileSystem!.readText(f.sourcePath)]);
    return { stackId: ts.stackId, files: [...app, ...mounted].map(([name, text]) => ({ name: `k8s/${name}`, text })) };
  });
}

/** The command line that writes the same YAML, run in the project's folder. */
export function commandLine(options: PlaygroundOptions): string {
  const args = ['k8s-course-constructs', 'convert'];
  if (options.platform !== DEFAULT_OPTIONS.platform) args.push('--platform', options.platform);
  if (options.publishedPorts !== DEFAULT_OPTIONS.publishedPorts) args.push('--published-ports', options.publishedPorts);
  for (const p of profiles(options)) args.push('--profile', p);
  if (options.imageTag.trim() !== '') args.push('--image-tag', options.imageTag.trim());
  const policy = options.networkPolicy !== DEFAULT_OPTIONS.networkPolicy ? `  # the command line has no flag for networkPolicy ${options.networkPolicy} yet` : '';
  return args.join(' ') + policy;
}

/** The project's files on the page's disk, and the ComposeOptions the command line would pass for them. */
function composeOptions(files: { [name: string]: string }, options: PlaygroundOptions): ComposeOptions {
  disk.clear();
  const inMemory: { [path: string]: string } = {};
  for (const [name, text] of Object.entries(files)) {
    if (isOptionalAndBlank(name, text)) continue;
    disk.write(`${PROJECT_DIR}/${name}`, text);
    inMemory[`${PROJECT_DIR}/${name}`] = text;
  }
  const composeFiles = [COMPOSE_FILE, OVERRIDE_FILE].filter(f => inMemory[`${PROJECT_DIR}/${f}`] !== undefined);
  const policy = POLICIES[options.networkPolicy];
  const active = profiles(options);
  return {
    files: composeFiles.map(f => `${PROJECT_DIR}/${f}`),
    fileSystem: new InMemoryFileSystem({ files: inMemory }),
    variables: {},
    profiles: active.length > 0 ? active : undefined,
    platform: PLATFORMS[options.platform] ?? Platform.LOCAL,
    publishedPorts: PUBLISHED[options.publishedPorts] ?? PublishedPortExposure.GATEWAY,
    defaultImageTag: options.imageTag.trim() === '' ? undefined : options.imageTag.trim(),
    networkPolicy: policy ?? NetworkPolicyMode.NETWORKS,
  };
}

/** An override or .env tab left empty is a file the project does not have, as on disk. */
function isOptionalAndBlank(name: string, text: string): boolean {
  return name !== COMPOSE_FILE && text.trim() === '';
}

function profiles(options: PlaygroundOptions): string[] {
  return options.profiles.split(/[\s,]+/).filter(p => p !== '');
}

/** Runs a library call; its errors become a ConversionFailed with one message per problem. */
function guarded<T>(names: string[], run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new ConversionFailed(parseMessages(errorLines(e), 'error', names));
  }
}
