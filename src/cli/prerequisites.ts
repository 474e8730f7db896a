import { Prerequisite, PrerequisiteCheck, PrerequisiteKind, Prerequisites, PrerequisiteStatus } from '../outputs';

/** What each kind of prerequisite is called on one line. */
const LABELS: { [kind in PrerequisiteKind]: string } = {
  [PrerequisiteKind.GATEWAY_CLASS]: 'GatewayClass',
  [PrerequisiteKind.INGRESS_CLASS]: 'IngressClass',
  [PrerequisiteKind.STORAGE_CLASS]: 'StorageClass',
  [PrerequisiteKind.SECRET]: 'Secret',
  [PrerequisiteKind.CONFIG_MAP]: 'ConfigMap',
  [PrerequisiteKind.CUSTOM_RESOURCE]: 'custom resource',
  [PrerequisiteKind.IMAGE_REGISTRY]: 'image registry',
  [PrerequisiteKind.NFS_CLIENT]: 'NFS export',
  [PrerequisiteKind.NETWORK_POLICY_ENGINE]: 'NetworkPolicy engine',
  [PrerequisiteKind.HEALTH_ENDPOINTS]: 'health endpoints',
};

/** At most this many items are listed on the terminal; the file has them all. */
const MAX_LISTED = 15;

/** A prerequisite on one line: `Secret catalog-db in shop (keys: connection-string)`. */
export function prerequisiteLine(p: Prerequisite): string {
  if (p.kind === PrerequisiteKind.NETWORK_POLICY_ENGINE) return 'a NetworkPolicy engine (a CNI that enforces them)';
  if (p.kind === PrerequisiteKind.HEALTH_ENDPOINTS) return `health endpoints ${p.name} in the image of ${p.usedBy.join(', ')}`;
  const ns = p.namespace ? ` in ${p.namespace}` : '';
  const keys = p.keys.length > 0 ? ` (keys: ${p.keys.join(', ')})` : '';
  return `${LABELS[p.kind]} ${p.name}${ns}${keys}`;
}

/** The short list `convert` prints: each item on a line, the file with the details, and how to check a cluster. */
export function prerequisitesSummary(prerequisites: Prerequisites, file: string): string {
  const items = byKind(prerequisites.items, p => p);
  if (items.length === 0) return `the cluster needs nothing these manifests do not create (${file})\n`;
  const lines = [`before kubectl apply, the cluster needs (how to provide each: ${file}):`];
  for (const item of items.slice(0, MAX_LISTED)) lines.push(`  - ${prerequisiteLine(item)}`);
  if (items.length > MAX_LISTED) lines.push(`  - and ${items.length - MAX_LISTED} more`);
  lines.push('compare with a cluster: k8s-course-constructs check --help');
  return `${lines.join('\n')}\n`;
}

/** Status words, aligned. */
const STATUS: { [status in PrerequisiteStatus]: string } = {
  [PrerequisiteStatus.PRESENT]: 'present    ',
  [PrerequisiteStatus.MISSING]: 'missing    ',
  [PrerequisiteStatus.NOT_CHECKED]: 'not checked',
};

/** One line per prerequisite compared with a cluster. */
export function checkLines(checks: PrerequisiteCheck[]): string[] {
  return byKind(checks, c => c.prerequisite).map(c => `${STATUS[c.status]} ${prerequisiteLine(c.prerequisite)}: ${c.detail}`);
}

/** `3 present, 1 missing, 2 not checked`. */
export function checkCounts(checks: PrerequisiteCheck[]): string {
  const n = (s: PrerequisiteStatus) => checks.filter(c => c.status === s).length;
  return `${n(PrerequisiteStatus.PRESENT)} present, ${n(PrerequisiteStatus.MISSING)} missing, ${n(PrerequisiteStatus.NOT_CHECKED)} not checked`;
}

/** In the order of the Markdown file's sections (the order of the kinds), each kind in its own order. */
function byKind<T>(list: T[], of: (t: T) => Prerequisite): T[] {
  const order = Object.values(PrerequisiteKind);
  return list.map((t, i) => ({ t, i })).sort((a, b) => order.indexOf(of(a.t).kind) - order.indexOf(of(b.t).kind) || a.i - b.i).map(x => x.t);
}
