import { join, resolve } from 'path';
import { loadProject, LoadOptions } from '../../../src/compose/load';
import { AppPlan, ContainerPlan, MapOptions, planApp, ServicePlan } from '../../../src/compose/map';
import { projectFiles } from '../../../src/compose/map/project-files';
import { buildModel } from '../../../src/compose/model-build';
import { writeProject } from '../support';

/** A plan and its warnings as lines. */
export type Planned = AppPlan & { readonly loadWarnings: string[]; readonly lines: string[]; readonly active: string[] };

/** Loads compose files and plans them. */
export function planFiles(load: LoadOptions, options: MapOptions = {}): Planned {
  const project = loadProject(load);
  const plan = planApp(buildModel(project), projectFiles(project.fileSystem, project.boundary), options);
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
