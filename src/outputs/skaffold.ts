import { writeFileSync } from 'fs';
import { App, Names, Yaml, YamlOutputType } from 'cdk8s';
import { SKAFFOLD_OPTIONS, STACK, STACKS, FILE } from './prop-types';
import { propError } from '../core/errors';
import { imageRepository } from '../core/image-ref';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';
import { MicroserviceStack, StackImageBuildModel, StackModel } from '../stack';

/**
 * Options of {@link Skaffold}.
 */
export interface SkaffoldOptions {
  /**
   * Where `cdk8s synth` writes the manifests, relative to the directory Skaffold runs in. Each
   * stack's manifests are the file cdk8s writes for its chart, `<manifestsDir>/<stack id>.k8s.yaml`
   * (the id as cdk8s spells file names, with the App's `outputFileExtension`).
   *
   * @default "dist"
   */
  readonly manifestsDir?: string;

  /**
   * Local port forwarded to an in-cluster gateway (YARP, Ocelot).
   *
   * @default 8080
   */
  readonly localPort?: number;

  /**
   * Skaffold schema version.
   *
   * @default "skaffold/v4beta11"
   */
  readonly apiVersion?: string;
}

/**
 * A `skaffold.yaml` for one application: one build artifact per service built from source (image
 * names equal to the manifests', which `rawYaml` requires), the stack's cdk8s output as raw
 * manifests, `kubectl` deploys, a port forward to an in-cluster gateway, and, given the same
 * application on several platforms, one profile per platform (`skaffold dev -p aks`).
 *
 * Skaffold's repository is announced to be archived in early 2027; the same loop works with
 * `docker build`, `cdk8s synth` and `kubectl apply -f dist/`.
 *
 * @see https://skaffold.dev/docs/references/yaml/
 */
export class Skaffold {
  /**
   * The Skaffold configuration of one stack.
   *
   * @example
   * Skaffold.forStack(stack).writeTo('skaffold.yaml');
   */
  public static forStack(stack: MicroserviceStack, options: SkaffoldOptions = {}): Skaffold {
    checkArguments(factoryFail('Skaffold.forStack', 'Skaffold'), { stack: [stack, STACK], options: [options, t.props(SKAFFOLD_OPTIONS)] });
    return new Skaffold([stack], options);
  }

  /**
   * The Skaffold configuration of one application on several platforms: the first stack is the
   * default, and each stack gets a profile named after its platform that builds its images and
   * deploys its own manifest file. Give the stacks different ids in one App (the same `appName`
   * keeps the labels and names the same), as cdk8s writes each chart to a file named after it.
   *
   * @example
   * const local = new MicroserviceStack(app, 'eshop-local', { appName: 'eshop', namespace: 'eshop', platform: Platform.LOCAL });
   * const gke = new MicroserviceStack(app, 'eshop-gke', { appName: 'eshop', namespace: 'eshop', platform: Platform.GKE });
   * Skaffold.forStacks([local, gke]).writeTo('skaffold.yaml'); // skaffold dev -p gke
   */
  public static forStacks(stacks: MicroserviceStack[], options: SkaffoldOptions = {}): Skaffold {
    checkArguments(factoryFail('Skaffold.forStacks', 'Skaffold'), { stacks: [stacks, STACKS], options: [options, t.props(SKAFFOLD_OPTIONS)] });
    return new Skaffold(stacks, options);
  }

  private readonly files: string[];

  private constructor(private readonly stacks: MicroserviceStack[], private readonly options: SkaffoldOptions) {
    if (stacks.length === 0) {
      throw propError('<root>', 'Skaffold', { prop: 'stacks', rule: 'must not be empty', value: stacks, fix: 'pass the application\'s MicroserviceStack' });
    }
    const port = options.localPort ?? 8080;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw propError(stacks[0], 'Skaffold', {
        prop: 'localPort',
        rule: 'must be an integer from 1 to 65535',
        value: port,
        fix: 'use a free local port such as 8080',
      });
    }
    checkPlatforms(stacks);
    const dir = (options.manifestsDir ?? 'dist').replace(/\/+$/, '');
    this.files = stacks.map(s => `${dir}/${manifestsFile(s)}`);
    checkFiles(stacks, this.files);
  }

  /** The configuration as JSON. */
  public toJson(): any {
    const models = this.stacks.map(s => s.model());
    const [main] = models;
    return {
      apiVersion: this.options.apiVersion ?? 'skaffold/v4beta11',
      kind: 'Config',
      metadata: { name: main.appName },
      ...this.render(main, this.files[0]),
      deploy: { kubectl: {} },
      portForward: this.forward(main),
      profiles: models.length > 1
        ? models.map((m, i) => ({ name: m.platform.name, ...this.render(m, this.files[i]), portForward: this.forward(m) }))
        : [],
    };
  }

  /** The configuration as YAML. */
  public toYaml(): string {
    return Yaml.stringify(this.toJson());
  }

  /** Writes the configuration to a file (usually `skaffold.yaml` next to `cdk8s.yaml`). */
  public writeTo(file: string): void {
    checkArguments(factoryFail('Skaffold.writeTo', 'Skaffold'), { file: [file, FILE] });
    writeFileSync(file, this.toYaml());
  }

  /** The build and manifests of one stack: its images, pushed only to a cloud cluster. */
  private render(model: StackModel, file: string): any {
    const artifacts = [...model.services, ...model.backingServices, ...model.jobs]
      .filter(s => s.buildContext !== undefined)
      // Skaffold matches and replaces the repository part of the manifests' images.
      .map(s => ({ image: imageRepository(s.image), context: s.buildContext, docker: dockerOf(s) }));
    return {
      build: { artifacts, local: { push: model.platform.cloud !== undefined, useBuildkit: true } },
      manifests: { rawYaml: [file] },
    };
  }

  private forward(model: StackModel): any[] {
    const target = model.forwardTarget;
    return target ? [{
      resourceType: 'service',
      resourceName: target.service,
      namespace: model.namespace ?? 'default',
      port: target.port,
      localPort: this.options.localPort ?? 8080,
    }] : [];
  }
}

/** The docker builder of an artifact: its Dockerfile, and the stage and arguments when given. */
function dockerOf(s: StackImageBuildModel): any {
  const args = s.buildArgs && Object.keys(s.buildArgs).length > 0 ? s.buildArgs : undefined;
  return { dockerfile: s.dockerfile, ...s.buildTarget !== undefined ? { target: s.buildTarget } : {}, ...args ? { buildArgs: args } : {} };
}

/** One stack per platform: a profile is named after its platform. */
function checkPlatforms(stacks: MicroserviceStack[]): void {
  const names = new Map<string, string>();
  for (const s of stacks) {
    const first = names.get(s.platform.name);
    if (first !== undefined) {
      throw propError(s, 'Skaffold', {
        prop: 'stacks',
        rule: `must be on different platforms (${first} is on ${s.platform.name} too)`,
        value: s.node.path,
        fix: 'give each platform one stack, or name a custom platform differently with Platform.with({ name })',
      });
    }
    names.set(s.platform.name, s.node.path);
  }
}

/**
 * The file (or files) `cdk8s synth` writes a stack's manifests to, relative to the App's outdir:
 * the chart's name as cdk8s spells it, with the App's extension.
 */
function manifestsFile(stack: MicroserviceStack): string {
  const app = App.of(stack);
  const extension = app.outputFileExtension ?? '.k8s.yaml';
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP: return `app${extension}`;
    case YamlOutputType.FILE_PER_RESOURCE: return `*${extension}`;
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: return `${Names.toDnsLabel(stack)}/*${extension}`;
    default: return `${Names.toDnsLabel(stack)}${extension}`;
  }
}

/**
 * Each profile must deploy its own stack: two stacks read from one file (the same id in two Apps,
 * whose synths overwrite each other's file, or an App that writes one file for all its charts)
 * would make every profile deploy whichever stack was synthesized last.
 */
function checkFiles(stacks: MicroserviceStack[], files: string[]): void {
  const owners = new Map<string, MicroserviceStack>();
  stacks.forEach((s, i) => {
    const first = owners.get(files[i]);
    if (first !== undefined) {
      const id = `${s.node.id}-${s.platform.name}`;
      throw propError(s, 'Skaffold', {
        prop: 'stacks',
        rule: `must each have a manifest file of their own, but ${first.node.path} (${first.platform.name}) is read from ${files[i]} too, so every profile would deploy whichever stack was synthesized last`,
        value: s.node.path,
        fix: `create the stacks in one App with different ids, such as new MicroserviceStack(app, '${id}', { appName: '${s.appName}', ... }), and keep the App's default YamlOutputType.FILE_PER_CHART`,
      });
    }
    owners.set(files[i], s);
  });
}
