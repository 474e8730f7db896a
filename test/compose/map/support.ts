import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'fs';
import { join, relative, resolve, sep } from 'path';
import { AppPlan, ContainerPlan, MapOptions, planApp, ProjectFiles, ServicePlan } from '../../../src/compose/map';
import { buildModel } from '../../../src/compose/model-build';
import { loadProject, LoadOptions } from '../../../src/compose/project';
import { writeProject } from '../support';

/** The project folder as the mappers may read it, on the Node file system (the loader passes its own). */
export function nodeFiles(directory: string): ProjectFiles {
  const root = realpathSync(directory);
  const within = (real: string) => real === root || real.startsWith(root + sep);
  return {
    inside: path => {
      if (!existsSync(path)) return undefined;
      const real = realpathSync(path);
      return within(real) ? real : undefined;
    },
    stat: real => {
      if (!within(real) || !existsSync(real)) return undefined;
      const s = statSync(real);
      return { kind: s.isDirectory() ? 'directory' : 'file', size: s.size };
    },
    list: real => walk(real).map(f => relative(real, f).split(sep).join('/')).sort(),
    readText: real => (within(real) && existsSync(real) && statSync(real).isFile() ? readFileSync(real, 'utf-8') : undefined),
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) return [];
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** A plan and its warnings as lines. */
export type Planned = AppPlan & { readonly loadWarnings: string[]; readonly lines: string[]; readonly active: string[] };

/** Loads compose files and plans them. */
export function planFiles(load: LoadOptions, options: MapOptions = {}): Planned {
  const project = loadProject(load);
  const plan = planApp(buildModel(project), nodeFiles(project.directory), options);
  return { ...plan, lines: plan.warnings.map(w => w.line), active: project.services.map(s => s.name) };
}

/** Plans a compose file given as text, with more files of its project. */
export function planText(compose: string, files: { [path: string]: string } = {}, options: MapOptions = {}): Planned {
  const dir = writeProject({ 'docker-compose.yml': compose, ...files });
  return planFiles({ files: [join(dir, 'docker-compose.yml')] }, options);
}

/** A compose file of one service `svc` from its body. */
export function oneService(body: string, extra = ''): string {
  return `services:\n  svc:\n${body.split('\n').map(l => (l ? `    ${l}` : l)).join('\n')}\n${extra}`;
}

/** The plan of a service by compose name. */
export function serviceOf(plan: AppPlan, composeName: string): ServicePlan {
  const s = plan.services.find(x => x.composeName === composeName);
  if (!s) throw new Error(`no workload for ${composeName}: ${plan.services.map(x => x.composeName).join(', ')}`);
  return s;
}

/** The container of a compose service, wherever it runs. */
export function containerOf(plan: AppPlan, composeName: string): ContainerPlan {
  const c = plan.services.flatMap(s => s.containers).find(x => x.service === composeName);
  if (!c) throw new Error(`no container for ${composeName}`);
  return c;
}

/** A path of the repository's test fixtures. */
export function fixture(...parts: string[]): string {
  return resolve(__dirname, '..', 'fixtures', ...parts);
}
