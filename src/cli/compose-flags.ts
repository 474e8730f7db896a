import { existsSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { Command, Option } from 'commander';
import { Construct } from 'constructs';
import { collect, pairs } from './flags';
import { CliError, CliIo, show } from './io';
import { platformOf, withPlatformOptions } from './platform-flags';
import { ComposeImport, ComposeOptions, PublishedPortExposure } from '../compose';
import { MicroserviceStack, NetworkPolicyMode } from '../stack';

/** The files docker compose reads when given no -f, in its order of preference. */
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** How the converted app's NetworkPolicies are drawn: compose's networks, the inferred call graph, or none. */
const NETWORK_POLICY: { [name: string]: NetworkPolicyMode } = {
  networks: NetworkPolicyMode.NETWORKS,
  graph: NetworkPolicyMode.CALL_GRAPH,
  none: NetworkPolicyMode.NONE,
};

const PUBLISHED: { [name: string]: PublishedPortExposure } = {
  'gateway': PublishedPortExposure.GATEWAY,
  'node-port': PublishedPortExposure.NODE_PORT,
  'load-balancer': PublishedPortExposure.LOAD_BALANCER,
};

/** The options every command that reads compose files takes. */
export function withComposeOptions(cmd: Command): Command {
  return withPlatformOptions(cmd
    .option('-f, --file <path>',
      'compose file; repeat to merge overrides in order (default: compose.yaml or docker-compose.yml, and its override file)', collect)
    .option('--env-file <path>', 'variables file (default: .env next to the first file)')
    .option('--profile <name>', 'activate a profile (repeatable)', collect))
    .addOption(new Option('--published-ports <how>', 'how published ports reach clients').choices(Object.keys(PUBLISHED)).default('gateway'))
    .addOption(new Option('--network-policy <mode>',
      'NetworkPolicies: networks (each compose network admits its members, egress open, as compose runs), '
      + 'graph (only the calls the files show, egress to DNS, the app and --external hosts), or none').choices(Object.keys(NETWORK_POLICY)).default('networks'))
    .option('--restricted', 'run every workload under restricted Pod Security, and fail, listing them, where the files do not prove it works')
    .option('--name <name>', 'the stack\'s name, used for the file name (default: the compose project name)')
    .option('-n, --namespace <namespace>', 'namespace (default: the compose project name)')
    .option('--image-registry <registry>', 'registry put in front of images that name none')
    .option('--image-tag <tag>', 'tag for images that have none')
    .option('--route <service=path>', 'route a service through the gateway at a path, such as webapigw=/ (repeatable)', collect)
    .option('--backing <service>',
      'run a service as a backing service (StatefulSet with its own claim); replaces the detection by image (repeatable)', collect)
    .option('--external <service=host>', 'replace a service by an ExternalName to a host outside the cluster (repeatable)', collect);
}

/** ComposeOptions from the command line; the environment gives the interpolation variables. */
export function composeOptions(opts: any, io: CliIo): { files: string[]; options: ComposeOptions } {
  const files = composeFiles(opts, io);
  const variables: { [name: string]: string } = {};
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) variables[k] = v;
  const options: ComposeOptions = {
    files,
    envFile: opts.envFile !== undefined ? resolve(io.cwd, opts.envFile) : undefined,
    variables,
    profiles: opts.profile,
    platform: platformOf(opts),
    publishedPorts: PUBLISHED[opts.publishedPorts],
    networkPolicy: NETWORK_POLICY[opts.networkPolicy],
    requireRestricted: opts.restricted === true ? true : undefined,
    namespace: opts.namespace,
    imageRegistry: opts.imageRegistry,
    defaultImageTag: opts.imageTag,
    routes: pairs(opts.route, '--route', 'webapigw=/'),
    backingServices: opts.backing,
    externals: pairs(opts.external, '--external', 'sqldata=eshop.database.windows.net'),
  };
  return { files, options };
}

/** The stack of the compose files, named `name` or after the compose project. */
export function composeStack(scope: Construct, options: ComposeOptions, name: string | undefined): MicroserviceStack {
  return name !== undefined ? ComposeImport.toStack(scope, name, options) : ComposeImport.toProjectStack(scope, options);
}

/** Whether the command has a compose file: given with -f, or one docker compose reads by default in the working folder. */
export function hasComposeFile(opts: any, io: CliIo): boolean {
  return (opts.file ?? []).length > 0 || DEFAULT_FILES.some(f => existsSync(join(io.cwd, f)));
}

/** The files given with -f, else the ones docker compose reads by default. */
function composeFiles(opts: any, io: CliIo): string[] {
  const given: string[] = (opts.file ?? []).map((f: string) => resolve(io.cwd, f));
  for (const file of given) checkComposeFile(file, io);
  if (given.length > 0) return given;
  const base = DEFAULT_FILES.find(f => existsSync(join(io.cwd, f)));
  if (!base) throw new CliError(`no compose file given and none found in ${io.cwd} (${DEFAULT_FILES.join(', ')}); pass -f docker-compose.yml`);
  const override = OVERRIDE_FILES.find(f => existsSync(join(io.cwd, f)));
  return override ? [join(io.cwd, base), join(io.cwd, override)] : [join(io.cwd, base)];
}

/** A folder given as -f gets the file to pass instead; a file that does not exist, the folder it was looked for in. */
function checkComposeFile(file: string, io: CliIo): void {
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    return; // the loader names a file that does not exist
  }
  if (!folder) return;
  const inside = DEFAULT_FILES.find(f => existsSync(join(file, f)));
  const fix = inside ? `pass -f ${show(io.cwd, join(file, inside))}` : `pass the compose file in it, such as -f ${show(io.cwd, join(file, 'compose.yaml'))}`;
  throw new CliError(`-f ${show(io.cwd, file)} is a folder, not a compose file; ${fix}`);
}
