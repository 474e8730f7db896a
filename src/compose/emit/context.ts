import { relative } from 'path';
import { ProjectFiles } from '../map/context';
import { AppPlan, NetworkPlan, ObjectPlan, ServicePlan, VolumePlan } from '../map/plan';
import { ComposeModel, ComposeServiceModel } from '../model';
import { ComposeOptions, PublishedPortExposure } from '../options';
import { Expr, Program } from '../program';

/** A project file the printed app mounts: the CLI copies it into the app's folder. */
export interface AppFile {
  /** Where the app reads it, relative to the app's folder (`files/nginx/nginx.conf`). */
  readonly path: string;
  /** Where it is now: its real path inside the project folder. */
  readonly sourcePath: string;
}

/** What the emitter reads: the plan, the typed model it came from, and the options. */
export interface EmitInput {
  readonly plan: AppPlan & { readonly loadWarnings: string[] };
  readonly model: ComposeModel;
  readonly files: ProjectFiles;
  readonly options: ComposeOptions;
  readonly stackId: string;
  /** The real path of the project folder: project files are written relative to it. */
  readonly projectRoot: string;
}

/** What every emitter reads and writes: the program, the stack variable, and the plan indexed by name. */
export class EmitContext {
  public readonly program = new Program();
  public stack!: Expr;
  /** Variables of the volumes the app creates (`addVolume`), by plan name. */
  public readonly volumeVars = new Map<string, Expr>();
  /** Project files the app reads, by real path. */
  private readonly appFiles = new Map<string, string>();
  private readonly volumes: Map<string, VolumePlan>;
  private readonly objects: Map<string, ObjectPlan>;
  private readonly networks: Map<string, NetworkPlan>;
  private readonly byCompose: Map<string, ComposeServiceModel>;
  private readonly workloads: Map<string, ServicePlan>;
  private readonly owners: Map<string, string>;

  constructor(public readonly input: EmitInput) {
    this.volumes = new Map(input.plan.volumes.map(v => [v.name, v]));
    this.objects = new Map(input.plan.objects.map(o => [`${o.kind}/${o.name}`, o]));
    this.networks = new Map(input.plan.networks.map(n => [n.composeName, n]));
    this.byCompose = new Map(input.model.services.map(s => [s.name, s]));
    this.workloads = new Map(input.plan.services.map(s => [s.name, s]));
    this.owners = new Map(input.plan.services.flatMap(s => s.containers.map(c => [c.service, s.name] as [string, string])));
  }

  /** The workload a compose service runs in (its own, or the pod it joins as a sidecar). */
  public ownerOf(composeName: string): string | undefined {
    return this.owners.get(composeName);
  }

  public get options(): ComposeOptions {
    return this.input.options;
  }

  public get plan(): AppPlan {
    return this.input.plan;
  }

  /** How published ports reach clients. */
  public get published(): PublishedPortExposure {
    return this.options.publishedPorts ?? PublishedPortExposure.GATEWAY;
  }

  /** The typed compose service of a compose name. */
  public service(composeName: string): ComposeServiceModel {
    return this.byCompose.get(composeName)!;
  }

  /** The workload of a Kubernetes name, if one runs under it. */
  public workload(name: string): ServicePlan | undefined {
    return this.workloads.get(name);
  }

  public volume(name: string): VolumePlan | undefined {
    return this.volumes.get(name);
  }

  public object(kind: ObjectPlan['kind'], name: string): ObjectPlan | undefined {
    return this.objects.get(`${kind}/${name}`);
  }

  /** The Kubernetes name of a compose network. */
  public networkName(composeName: string): string {
    return this.networks.get(composeName)?.name ?? composeName;
  }

  /**
   * A project file or folder (its real path) as the program reads it: there when it runs, from
   * the app's own copy (`files/<path in the project>`) when it is printed. `members` are the files
   * of a folder, relative to it, which the app copies one by one.
   */
  public projectPath(realPath: string, members?: string[]): Expr {
    const inProject = relative(this.input.projectRoot, realPath).split('\\').join('/');
    const appPath = `files/${inProject}`;
    if (members === undefined) this.appFiles.set(realPath, appPath);
    for (const m of members ?? []) this.appFiles.set(`${realPath}/${m}`, `${appPath}/${m}`);
    return Expr.path(realPath, appPath);
  }

  /** The project files the printed app reads, in a stable order. */
  public get filesToCopy(): AppFile[] {
    return [...this.appFiles].map(([sourcePath, path]) => ({ path, sourcePath })).sort((a, b) => a.path.localeCompare(b.path));
  }
}
