import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { App } from 'cdk8s';
import { Command, CommanderError, Option } from 'commander';
import { lintFiles } from './lint';
import { composeCode, composeInto } from '../compose/build';
import { ComposeOptions, PublishedPortExposure } from '../compose/options';
import { Skaffold } from '../outputs/skaffold';
import { StackDiagram } from '../outputs/stack-diagram';
import { Platform } from '../platform/platform';
import { MicroserviceStack } from '../stack/microservice-stack';

/** Where the command-line tool reads and writes; the process's by default, a test's in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: { [name: string]: string | undefined };
}

/** The process's standard streams, directory and environment. */
export function processIo(): CliIo {
  return {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A failure to report as `error: <message>` with exit code 1, without a stack trace. */
class CliError extends Error {}

/** The files docker compose reads when given no -f, in its order of preference. */
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

const PLATFORMS: { [name: string]: Platform } = { local: Platform.LOCAL, aks: Platform.AKS, gke: Platform.GKE };
const PUBLISHED: { [name: string]: PublishedPortExposure } = {
  'gateway': PublishedPortExposure.GATEWAY,
  'node-port': PublishedPortExposure.NODE_PORT,
  'load-balancer': PublishedPortExposure.LOAD_BALANCER,
};

/**
 * Runs the command-line tool with `argv` (without `node` and the script). Returns the exit code:
 * 0 on success, 1 on errors (and on lint findings).
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, c => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`error: ${message.split('\n').join('\nerror: ')}\n`);
    if (io.env.K8S_COURSE_CONSTRUCTS_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command('k8s-course-constructs')
    .description('Convert docker-compose applications to Kubernetes with the course\'s defaults, and check Kubernetes YAML.')
    .version(packageJson().version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const convert = withComposeOptions(program.command('convert'))
    .description('write the Kubernetes YAML of a compose application, and the warnings for what is not mapped')
    .option('-o, --output <dir>', 'folder to write <name>.k8s.yaml to', 'dist');
  convert.action(async (opts: any) => {
    const { files, options } = composeOptions(opts, io);
    const outdir = resolve(io.cwd, opts.output);
    const app = new App({ outdir });
    const { stack, warnings } = build(app, options, opts.name);
    app.synth();
    const file = join(outdir, `${stack.node.id}.k8s.yaml`);
    const objects = stack.toJson().length;
    printWarnings(io, warnings);
    io.stdout(`wrote ${show(io, file)} (${objects} objects) from ${files.map(f => show(io, f)).join(', ')}${warnings.length > 0 ? `, with ${warnings.length} warnings` : ''}\n`);
  });

  const init = withComposeOptions(program.command('init'))
    .description('write a TypeScript cdk8s app (main.ts, cdk8s.yaml, package.json, tsconfig.json) that builds what convert writes, to edit and own')
    .option('-o, --output <dir>', 'folder of the new app', 'k8s')
    .option('--force', 'overwrite files that exist');
  init.action(async (opts: any) => {
    const { options } = composeOptions(opts, io);
    const outDir = resolve(io.cwd, opts.output);
    const { code, id, warnings } = quietly(() => composeCode({ ...options, buildContextRoot: outDir }, outDir, opts.name));
    const files: Array<[string, string]> = [
      ['main.ts', code],
      ['cdk8s.yaml', 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n'],
      ['package.json', `${JSON.stringify(appPackageJson(id), undefined, 2)}\n`],
      ['tsconfig.json', `${JSON.stringify(APP_TSCONFIG, undefined, 2)}\n`],
    ];
    const existing = files.map(([f]) => join(outDir, f)).filter(f => existsSync(f));
    if (existing.length > 0 && !opts.force) {
      throw new CliError(`${existing.map(f => show(io, f)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another folder with -o`);
    }
    mkdirSync(outDir, { recursive: true });
    for (const [f, text] of files) writeFileSync(join(outDir, f), text);
    printWarnings(io, warnings);
    io.stdout(`wrote ${files.map(([f]) => show(io, join(outDir, f))).join(', ')}\n`);
    io.stdout(`next: cd ${show(io, outDir)} && npm install && npx cdk8s synth\n`);
  });

  program.command('lint')
    .description('check Kubernetes YAML for references that kubectl accepts but that leave an application broken (Services that select no pods, missing ConfigMaps, Secrets and claims, probe ports, restricted Pod Security, ...)')
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
      for (const line of result.lines) io.stdout(`${line}\n`);
      io.stderr(`${result.files} files, ${result.objects} objects: ${result.lines.length === 0 ? 'no findings' : `${result.lines.length} findings`}\n`);
      if (result.lines.length > 0) exit(1);
    });

  withComposeOptions(program.command('diagram'))
    .description('write a Mermaid diagram (Markdown) of the application a compose file converts to')
    .option('-o, --output <file>', 'Markdown file to write (default: standard output)')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const { stack, warnings } = build(new App(), options, opts.name);
      printWarnings(io, warnings);
      const diagram = StackDiagram.of(stack);
      if (opts.output) {
        diagram.writeTo(resolve(io.cwd, opts.output));
        io.stdout(`wrote ${opts.output}\n`);
      } else {
        io.stdout(diagram.toMarkdown());
      }
    });

  withComposeOptions(program.command('skaffold'))
    .description('write a skaffold.yaml for the application a compose file converts to: one artifact per service with a build, the cdk8s output as manifests')
    .option('-o, --output <file>', 'file to write (default: standard output); build contexts are written relative to it')
    .option('--manifests <dir>', 'where cdk8s synth writes the manifests, relative to the Skaffold file', 'dist')
    .action(async (opts: any) => {
      const { options } = composeOptions(opts, io);
      const file = opts.output ? resolve(io.cwd, opts.output) : undefined;
      const { stack, warnings } = build(new App(), { ...options, buildContextRoot: file ? dirname(file) : io.cwd }, opts.name);
      printWarnings(io, warnings);
      const skaffold = Skaffold.forStack(stack, { manifestsDir: opts.manifests });
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        skaffold.writeTo(file);
        io.stdout(`wrote ${opts.output}\n`);
      } else {
        io.stdout(skaffold.toYaml());
      }
    });

  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(add --help for usage)');
  return program;
}

/** The options every command that reads compose files takes. */
function withComposeOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <path>', 'compose file; repeat to merge overrides in order (default: compose.yaml or docker-compose.yml, and its override file)', collect)
    .option('--env-file <path>', 'variables file (default: .env next to the first file)')
    .option('--profile <name>', 'activate a profile (repeatable)', collect)
    .addOption(new Option('--platform <platform>', 'the cluster it runs on').choices(Object.keys(PLATFORMS)).default('local'))
    .addOption(new Option('--published-ports <how>', 'how published ports reach clients').choices(Object.keys(PUBLISHED)).default('gateway'))
    .option('--name <name>', 'the stack\'s name, used for the file name (default: the compose project name)')
    .option('-n, --namespace <namespace>', 'namespace (default: the compose project name)')
    .option('--image-registry <registry>', 'registry put in front of images that name none')
    .option('--image-tag <tag>', 'tag for images that have none')
    .option('--route <service=path>', 'route a service through the gateway at a path, such as webapigw=/ (repeatable)', collect)
    .option('--backing <service>', 'run a service as a backing service (StatefulSet with its own claim); replaces the detection by image (repeatable)', collect)
    .option('--external <service=host>', 'replace a service by an ExternalName to a host outside the cluster (repeatable)', collect);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...previous ?? [], value];
}

function pairs(values: string[] | undefined, option: string, example: string): { [key: string]: string } | undefined {
  if (!values) return undefined;
  const out: { [key: string]: string } = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new CliError(`${option} must be <service>=<value> (got "${v}"); write it as ${option} ${example}`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** ComposeOptions from the command line; the environment gives the interpolation variables. */
function composeOptions(opts: any, io: CliIo): { files: string[]; options: ComposeOptions } {
  let files: string[] = (opts.file ?? []).map((f: string) => resolve(io.cwd, f));
  if (files.length === 0) {
    const base = DEFAULT_FILES.find(f => existsSync(join(io.cwd, f)));
    if (!base) throw new CliError(`no compose file given and none found in ${io.cwd} (${DEFAULT_FILES.join(', ')}); pass -f docker-compose.yml`);
    files = [join(io.cwd, base)];
    const override = OVERRIDE_FILES.find(f => existsSync(join(io.cwd, f)));
    if (override) files.push(join(io.cwd, override));
  }
  const variables: { [name: string]: string } = {};
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) variables[k] = v;
  const options: ComposeOptions = {
    files,
    envFile: opts.envFile !== undefined ? resolve(io.cwd, opts.envFile) : undefined,
    variables,
    profiles: opts.profile,
    platform: PLATFORMS[opts.platform],
    publishedPorts: PUBLISHED[opts.publishedPorts],
    namespace: opts.namespace,
    imageRegistry: opts.imageRegistry,
    defaultImageTag: opts.imageTag,
    routes: pairs(opts.route, '--route', 'webapigw=/'),
    backingServices: opts.backing,
    externals: pairs(opts.external, '--external', 'sqldata=eshop.database.windows.net'),
  };
  return { files, options };
}

/** Builds the stack with its warnings collected rather than printed as they come. */
function build(app: App, options: ComposeOptions, name: string | undefined): { stack: MicroserviceStack; warnings: string[] } {
  const stack = quietly(() => composeInto(app, options, name));
  return { stack, warnings: [...stack.warnings] };
}

/** Runs `fn` with console.warn silenced: the stack prints each warning as it is raised, the tool prints them once at the end. */
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

function printWarnings(io: CliIo, warnings: string[]): void {
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
}

function show(io: CliIo, file: string): string {
  const rel = relative(io.cwd, file);
  return rel.startsWith('..') ? file : rel;
}

interface PackageJson {
  readonly version: string;
  readonly peerDependencies: { [name: string]: string };
  readonly devDependencies: { [name: string]: string };
}

function packageJson(): PackageJson {
  // src/cli and lib/cli are both two folders below the package root.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8'));
}

/** The package.json of an app written by init: the library's own versions of its peers and of TypeScript. */
function appPackageJson(id: string): object {
  const pkg = packageJson();
  const dev = pkg.devDependencies;
  return {
    name: `${id}-k8s`,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s synth',
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      'cdk8s': pkg.peerDependencies.cdk8s,
      'cdk8s-plus-28': pkg.peerDependencies['cdk8s-plus-28'],
      'constructs': pkg.peerDependencies.constructs,
      'k8s-course-constructs': pkg.version === '0.0.0' ? 'latest' : `^${pkg.version}`,
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20',
      'cdk8s-cli': '^2',
      'ts-node': dev['ts-node'] ?? '^10.9.2',
      'typescript': dev.typescript ?? '~6.0.3',
    },
  };
}

/** ts-node needs a tsconfig with TypeScript 6: its built-in defaults use options TypeScript 6 refuses. */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    lib: ['es2022'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['*.ts'],
};
