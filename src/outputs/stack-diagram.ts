import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { MicroserviceStack } from '../stack/microservice-stack';

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
    return new StackDiagram(stack);
  }

  private constructor(private readonly stack: MicroserviceStack) {}

  /** The Mermaid source (`flowchart LR ...`). */
  public toMermaid(): string {
    const lines: string[] = ['flowchart LR'];
    const id = (kind: string, name: string) => `${kind}_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
    const model = this.stack._diagramModel();

    if (model.gateway) {
      lines.push('  client([client])');
      lines.push(`  ${id('gw', model.gateway.name)}{{"${model.gateway.label}"}}`);
      lines.push(`  client --> ${id('gw', model.gateway.name)}`);
    }
    for (const s of model.services) {
      const label = s.release ? `${s.name}<br/>${s.release}` : s.name;
      lines.push(`  ${id('svc', s.name)}["${label}"]`);
    }
    for (const b of model.backing) lines.push(`  ${id('svc', b.name)}[("${b.name}<br/>${b.image}")]`);
    for (const e of model.externals) lines.push(`  ${id('svc', e.name)}>"${e.name}: ${e.host}"]`);
    for (const v of model.volumes) lines.push(`  ${id('vol', v.name)}[("${v.label}")]`);

    if (model.gateway) {
      for (const r of model.routes) {
        lines.push(`  ${id('gw', model.gateway.name)} -- "${r.path}" --> ${id('svc', r.service)}`);
      }
    }
    for (const s of model.services) {
      for (const target of s.talksTo) lines.push(`  ${id('svc', s.name)} --> ${id('svc', target)}`);
    }
    for (const m of model.mounts) lines.push(`  ${id('svc', m.service)} -.- ${id('vol', m.volume)}`);
    return `${lines.join('\n')}\n`;
  }

  /** The diagram in a Markdown file, as GitHub shows it. */
  public toMarkdown(): string {
    return `# ${this.stack.appName}\n\n\`\`\`mermaid\n${this.toMermaid()}\`\`\`\n`;
  }

  /** Writes the Markdown file (beside the manifests, for example `dist/eshop.md`). */
  public writeTo(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, this.toMarkdown());
  }
}
