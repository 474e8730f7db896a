import { Prerequisite, PrerequisiteKind } from '../prerequisite';

const TITLES: { [kind in PrerequisiteKind]: string } = {
  [PrerequisiteKind.GATEWAY_CLASS]: 'Gateway classes',
  [PrerequisiteKind.INGRESS_CLASS]: 'Ingress classes',
  [PrerequisiteKind.STORAGE_CLASS]: 'Storage classes',
  [PrerequisiteKind.CUSTOM_RESOURCE]: 'Custom resources and their controllers',
  [PrerequisiteKind.SECRET]: 'Secrets the app reads but does not create',
  [PrerequisiteKind.CONFIG_MAP]: 'ConfigMaps the app reads but does not create',
  [PrerequisiteKind.IMAGE_REGISTRY]: 'Image registries',
  [PrerequisiteKind.NFS_CLIENT]: 'NFS',
  [PrerequisiteKind.NETWORK_POLICY_ENGINE]: 'NetworkPolicy enforcement',
  [PrerequisiteKind.HEALTH_ENDPOINTS]: 'Health endpoints the images must answer',
};

/** The prerequisites as Markdown: one section per kind, a checkbox per item, commands in code blocks. */
export function prerequisitesMarkdown(title: string, items: Prerequisite[], checkCommand: string): string {
  const lines = [`# Prerequisites of ${title}`, '', 'What these manifests assume of the cluster and do not create. Provide each before `kubectl apply`.', ''];
  for (const kind of Object.values(PrerequisiteKind)) {
    const list = items.filter(i => i.kind === kind);
    if (list.length === 0) continue;
    lines.push(`## ${TITLES[kind]}`, '');
    for (const item of list) {
      const where = item.namespace ? ` (namespace \`${item.namespace}\`)` : '';
      lines.push(`- [ ] \`${item.name}\`${where}: ${item.how}`);
      lines.push(`  Used by ${item.usedBy.map(u => `\`${u}\``).join(', ')}.`);
      if (item.command) lines.push('', '  ```sh', ...item.command.split('\n').map(l => `  ${l}`), '  ```');
    }
    lines.push('');
  }
  lines.push('## Checking a cluster', '', 'Compare this list with what a cluster has (the `jq` filter blanks Secret values: only their keys are compared):', '', '```sh', checkCommand, '```', '');
  return lines.join('\n');
}
