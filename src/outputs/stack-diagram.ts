import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { FILE, STACK } from './prop-types';
import { checkArguments, factoryFail } from '../core/prop-types';
import { GatewayImplementation } from '../gateway';
import { MicroserviceStack, StackModel, StackServiceModel, StackVolumeModel } from '../stack';

/**
 * A Mermaid flowchart of a {@link MicroserviceStack}: the gateway and its routes, the services
 * and their releases, backing services, volumes, external names, and who talks to whom.
 * GitHub renders it in Markdown.
 *
 * @example
 * app.synth();
 * StackDiagram.of(stack).writeTo('dist/eshop.md');
 */
export class StackDiagram {
  /** The diagram of a stack. */
  public static of(stack: MicroserviceStack): StackDiagram {
    checkArguments(factoryFail('StackDiagram.of', 'StackDiagram'), { stack: [stack, STACK] });
    return new StackDiagram(stack);
  }

  private constructor(private readonly stack: MicroserviceStack) {}

  /** The Mermaid source (`flowchart LR ...`). */
  public toMermaid(): string {
    const model = this.stack.model();
    const lines = ['flowchart LR', ...nodes(model), ...edges(model)];
    return `${lines.join('\n')}\n`;
  }

  /** The diagram in a Markdown file, as GitHub shows it. */
  public toMarkdown(): string {
    return `# ${this.stack.model().appName}\n\n\`\`\`mermaid\n${this.toMermaid()}\`\`\`\n`;
  }

  /** Writes the Markdown file (beside the manifests, for example `dist/eshop.md`). */
  public writeTo(file: string): void {
    checkArguments(factoryFail('StackDiagram.writeTo', 'StackDiagram'), { file: [file, FILE] });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, this.toMarkdown());
  }
}

/** The gateway's node: a stack has one gateway, whatever its name. */
const GATEWAY = id('gw', 'gateway');

const GATEWAY_LABELS: { [kind: string]: string } = {
  [GatewayImplementation.GATEWAY_API]: 'Gateway API',
  [GatewayImplementation.INGRESS]: 'Ingress',
  [GatewayImplementation.YARP]: 'YARP',
  [GatewayImplementation.OCELOT]: 'Ocelot',
};

function nodes(model: StackModel): string[] {
  const lines: string[] = [];
  if (model.gateway) {
    lines.push('  client([client])');
    lines.push(`  ${GATEWAY}{{"gateway<br/>${GATEWAY_LABELS[model.gateway.implementation]}"}}`);
    lines.push(`  client --> ${GATEWAY}`);
  }
  for (const s of model.services) {
    const release = releaseLabel(s);
    lines.push(`  ${id('svc', s.name)}["${release ? `${s.name}<br/>${release}` : s.name}"]`);
  }
  for (const b of model.backingServices) lines.push(`  ${id('svc', b.name)}[("${b.name}<br/>${b.image}")]`);
  for (const e of model.externals) lines.push(`  ${id('svc', e.name)}>"${e.name}: ${e.host}"]`);
  for (const v of model.volumes) lines.push(`  ${id('vol', v.name)}[("${volumeLabel(v)}")]`);
  return lines;
}

function edges(model: StackModel): string[] {
  const lines: string[] = [];
  if (model.gateway) {
    for (const r of model.routes) lines.push(`  ${GATEWAY} -- "${r.path}" --> ${id('svc', r.service)}`);
  }
  for (const s of model.services) {
    for (const target of s.talksTo) lines.push(`  ${id('svc', s.name)} --> ${id('svc', target)}`);
  }
  for (const m of model.mounts) lines.push(`  ${id('svc', m.service)} -.- ${id('vol', m.volume)}`);
  return lines;
}

function id(kind: string, name: string): string {
  return `${kind}_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

/** How the diagram labels a service's release. */
function releaseLabel(s: StackServiceModel): string | undefined {
  if (s.canaryWeight !== undefined) return `canary ${s.canaryWeight}%`;
  if (s.activeSlot !== undefined) return `blue-green, ${s.activeSlot.toLowerCase()} active`;
  return undefined;
}

function volumeLabel(v: StackVolumeModel): string {
  return v.server ? `${v.name}<br/>nfs ${v.server}:${v.path}` : `${v.name}<br/>${v.storageClassName}`;
}
