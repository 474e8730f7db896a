import { writeFileSync } from 'fs';
import { Yaml } from 'cdk8s';
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
   * Where `cdk8s synth` writes the manifests, relative to the Skaffold file. Each stack's
   * manifests are `<manifestsDir>/<stack id>.k8s.yaml`, as cdk8s names them.
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
   * default, and each stack gets a profile named after its platform.
   *
   * @example
   * Skaffold.forStacks([local, aks, gke]).writeTo('skaffold.yaml');
   */
  public static forStacks(stacks: MicroserviceStack[], options: SkaffoldOptions = {}): Skaffold {
    checkArguments(factoryFail('Skaffold.forStacks', 'Skaffold'), { stacks: [stacks, STACKS], options: [options, t.props(SKAFFOLD_OPTIONS)] });
    return new Skaffold(stacks, options);
  }

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

  /** The configuration as JSON. */
  public toJson(): any {
    const models = this.stacks.map(s => s.model());
    const [main] = models;
    return {
      apiVersion: this.options.apiVersion ?? 'skaffold/v4beta11',
      kind: 'Config',
      metadata: { name: main.appName },
      ...this.render(main),
      deploy: { kubectl: {} },
      portForward: this.forward(main),
      profiles: models.length > 1 ? models.map(m => ({ name: m.platform.name, ...this.render(m), portForward: this.forward(m) })) : [],
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
  private render(model: StackModel): any {
    const dir = (this.options.manifestsDir ?? 'dist').replace(/\/+$/, '');
    const artifacts = [...model.services, ...model.backingServices, ...model.jobs]
      .filter(s => s.buildContext !== undefined)
      // Skaffold matches and replaces the repository part of the manifests' images.
      .map(s => ({ image: imageRepository(s.image), context: s.buildContext, docker: dockerOf(s) }));
    return {
      build: { artifacts, local: { push: model.platform.cloud !== undefined, useBuildkit: true } },
      manifests: { rawYaml: [`${dir}/${model.id}.k8s.yaml`] },
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
