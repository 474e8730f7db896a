import { warningLine, Where } from '../diagnostics';
import { DockerfileFacts, readDockerfile } from '../images/dockerfile';
import { findKnownImage, KnownImage } from '../images/known-images';
import { ComposeModel, ComposeServiceModel, KeyPath } from '../model';
import { DialedPort, dialedPorts } from './dialed-ports';
import { Names } from './names';
import { PlanWarning, VolumePlan } from './plan';

/**
 * The project's files as the mappers may read them: only inside the project folder. The loader
 * passes its boundary-checked file system; tests pass a Node one.
 */
export interface ProjectFiles {
  /** The real path (symlinks resolved) of `path` when it exists inside the project folder; else undefined. */
  inside(path: string): string | undefined;
  /** What is at a real path that `inside` gave. */
  stat(realPath: string): { readonly kind: 'file' | 'directory'; readonly size: number } | undefined;
  /** The files under a folder (a real path that `inside` gave), relative to it, nested folders included, sorted. */
  list(realDir: string): string[];
  /** The text of a file (a real path that `inside` gave). */
  readText(realPath: string): string | undefined;
  /**
   * Entries under a folder (a real path that `inside` gave), relative, that are symlinks leading
   * outside the project folder (or nowhere): a folder that holds one is not read.
   */
  links(realDir: string): string[];
}

/** What the mapping takes from the command line and ComposeOptions. */
export interface MapOptions {
  /** The tag of images that have none (`--image-tag`). */
  readonly imageTag?: string;
  /** Names the stack uses itself (its gateway): services of that name are renamed. */
  readonly reservedNames?: string[];
  /**
   * Services that run as one-replica StatefulSets with claims; given, it replaces the detection by
   * image (every other service is a Deployment or a Job).
   */
  readonly backingServices?: string[];
  /** Services that run outside the cluster, by the DNS name they have there: not deployed. */
  readonly externals?: { readonly [service: string]: string };
}

/** What is known about the image a service runs. */
export interface ImageFacts {
  /** The table entry of the image, or of the Dockerfile's base image for a built one. */
  readonly known?: KnownImage;
  /** The Dockerfile, for a service with `build`. */
  readonly dockerfile?: DockerfileFacts;
}

/** What every mapper reads and where it reports. */
export class MapContext {
  public readonly warnings: PlanWarning[] = [];
  public readonly names: Names;
  /** Claims of one workload's data folders (bind paths the project does not hold, image data paths), by `<workload>:<target>`. */
  public readonly dataClaims = new Map<string, VolumePlan>();
  private readonly images = new Map<string, ImageFacts>();
  private readonly lines = new Set<string>();
  private readonly byName: Map<string, ComposeServiceModel>;
  private dialed?: Map<string, DialedPort[]>;

  /**
   * @param names the Kubernetes names of the whole project: given when `model` leaves services out
   * (externals), whose names stay taken
   */
  constructor(public readonly model: ComposeModel, public readonly files: ProjectFiles, public readonly options: MapOptions = {}, names?: Names) {
    this.names = names ?? new Names(model, options.reservedNames ?? []);
    this.byName = new Map(model.services.map(s => [s.name, s]));
  }

  /** A warning about `key` of a service; `at` points more precisely when given. */
  public warn(svc: ComposeServiceModel, key: KeyPath, text: string, at?: KeyPath): void {
    this.warnAt(svc.source.where(at ?? key), svc.source.key(key), text, svc.name);
  }

  /** A warning at a place of the files, about a service when `service` names it. */
  public warnAt(where: Where, key: string, text: string, service?: string): void {
    const line = warningLine(where, key, text);
    if (this.lines.has(line)) return;
    this.lines.add(line);
    this.warnings.push({ where, key, text, line, service });
  }

  /** The image table entry and the Dockerfile of a service, read once. */
  public imageFacts(svc: ComposeServiceModel): ImageFacts {
    let facts = this.images.get(svc.name);
    if (!facts) {
      facts = this.readImageFacts(svc);
      this.images.set(svc.name, facts);
    }
    return facts;
  }

  /** The TCP ports a service listens on that its compose files say but its ports leave out (read once). */
  public dialedPorts(service: string): DialedPort[] {
    if (!this.dialed) this.dialed = dialedPorts(this.model);
    return this.dialed.get(service) ?? [];
  }

  /** A service of the model by its compose name. */
  public service(name: string): ComposeServiceModel | undefined {
    return this.byName.get(name);
  }

  private readImageFacts(svc: ComposeServiceModel): ImageFacts {
    const b = svc.build;
    if (!b) return { known: svc.image ? findKnownImage(svc.image) : undefined };
    if (b.remote || b.dockerfileInline !== undefined) return {};
    const path = (b.dockerfile ?? 'Dockerfile').startsWith('/') ? b.dockerfile! : `${b.context.replace(/\/$/, '')}/${b.dockerfile ?? 'Dockerfile'}`;
    const real = this.files.inside(path);
    if (real === undefined || this.files.stat(real)?.kind !== 'file') {
      this.warn(svc, ['build', b.dockerfile !== undefined ? 'dockerfile' : 'context'], 'names a Dockerfile this project folder does not hold: its USER, EXPOSE and HEALTHCHECK are not known, so nothing proves the service can run restricted');
      return {};
    }
    const dockerfile = readDockerfile(p => this.files.readText(p), real, { target: b.target, args: b.args });
    for (const p of dockerfile?.problems ?? []) this.warn(svc, ['build'], `Dockerfile ${p}`);
    return { known: dockerfile?.base, dockerfile };
  }
}
