import { readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { appFacts, compareFacts, Fact, image, quantity } from './kompose-facts';
import { FIXTURES } from './support';
import { ComposeImport } from '../../src';
import { Manifest, synthValid } from '../support';

/**
 * Kompose's own test fixtures (test/compose/fixtures/kompose, see SOURCES.md there): each compose
 * file set converts (none is refused), and our output carries the facts of Kompose's expected
 * objects (kompose-facts.ts says what a fact is). The table of what is missed, per fixture and per
 * category, is written to $TMPDIR/kompose-facts.md and is the message of a failing assertion.
 */
const KOMPOSE = join(FIXTURES, 'kompose');

interface Case {
  readonly name: string;
  readonly files: string[];
  /** Kompose's expected output for the same files (none: Kompose expects only a warning). */
  readonly expected?: string;
  /** Kompose merged services into one workload by a command-line flag: compare facts across workloads. */
  readonly grouped?: boolean;
}

const CASES: Case[] = [
  { name: 'change-in-volume', files: ['change-in-volume/compose.yaml'], expected: 'change-in-volume/output-k8s.yaml' },
  { name: 'compose-env-interpolation', files: ['compose-env-interpolation/compose.yaml'], expected: 'compose-env-interpolation/output-k8s.yaml' },
  { name: 'compose-file-env-variable', files: ['compose-file-env-variable/compose.yaml', 'compose-file-env-variable/alternative-compose.yaml'], expected: 'compose-file-env-variable/output-k8s.yaml' },
  { name: 'compose-file-support', files: ['compose-file-support/compose.yaml'], expected: 'compose-file-support/output-k8s.yaml' },
  { name: 'configmap-file-configs-1', files: ['configmap-file-configs/compose.yaml'], expected: 'configmap-file-configs/output-k8s-1.yaml' },
  { name: 'configmap-file-configs-2', files: ['configmap-file-configs/compose-2.yaml'], expected: 'configmap-file-configs/output-k8s-2.yaml' },
  { name: 'configmap-file-configs-3', files: ['configmap-file-configs/compose-3.yaml'], expected: 'configmap-file-configs/output-k8s-3.yaml' },
  { name: 'configmap-pod', files: ['configmap-pod/compose.yaml'], expected: 'configmap-pod/output-k8s.yaml' },
  { name: 'configmap-volume', files: ['configmap-volume/compose.yaml'], expected: 'configmap-volume/output-k8s.yaml' },
  { name: 'configmap-volume-withlabel', files: ['configmap-volume/compose-withlabel.yaml'], expected: 'configmap-volume/output-k8s-withlabel.yaml' },
  { name: 'cronjob', files: ['cronjob/compose.yaml'], expected: 'cronjob/output-k8s.yaml' },
  { name: 'deploy-labels', files: ['deploy/labels/compose.yaml'], expected: 'deploy/labels/output-k8s.yaml' },
  { name: 'deploy-placement', files: ['deploy/placement/compose-placement.yaml'], expected: 'deploy/placement/output-placement-k8s.yaml' },
  { name: 'env', files: ['env/compose.yaml'], expected: 'env/output-k8s.yaml' },
  { name: 'envvars-interpolation', files: ['envvars-interpolation/compose.yaml'], expected: 'envvars-interpolation/output-k8s.yaml' },
  { name: 'envvars-with-status', files: ['envvars-with-status/compose.yaml'], expected: 'envvars-with-status/output-k8s.yaml' },
  { name: 'expose', files: ['expose/compose.yaml'], expected: 'expose/output-k8s.yaml' },
  { name: 'external-traffic-policy-v1', files: ['external-traffic-policy/compose-v1.yaml'], expected: 'external-traffic-policy/output-k8s-v1.yaml' },
  { name: 'external-traffic-policy-v2', files: ['external-traffic-policy/compose-v2.yaml'], expected: 'external-traffic-policy/output-k8s-v2.yaml' },
  { name: 'fsgroup', files: ['fsgroup/compose.yaml'], expected: 'fsgroup/output-k8s.yaml' },
  { name: 'healthcheck', files: ['healthcheck/compose-healthcheck.yaml'], expected: 'healthcheck/output-healthcheck-k8s.yaml' },
  { name: 'host-port-protocol', files: ['host-port-protocol/compose.yaml'], expected: 'host-port-protocol/output-k8s.yaml' },
  { name: 'hpa', files: ['hpa/compose.yaml'], expected: 'hpa/output-k8s.yaml' },
  { name: 'initcontainer', files: ['initcontainer/compose.yaml'], expected: 'initcontainer/output-k8s.yaml' },
  { name: 'label', files: ['label/compose.yaml'], expected: 'label/output-k8s.yaml' },
  { name: 'multiple-files', files: ['multiple-files/first.yaml', 'multiple-files/second.yaml'], expected: 'multiple-files/output-k8s.yaml' },
  { name: 'multiple-type-volumes', files: ['multiple-type-volumes/compose.yaml'], expected: 'multiple-type-volumes/output-k8s.yaml' },
  { name: 'namespace', files: ['namespace/compose.yaml'], expected: 'namespace/output-k8s.yaml' },
  { name: 'network-mode-service', files: ['network-mode-service/compose.yaml'], expected: 'network-mode-service/output-k8s.yaml' },
  { name: 'network-policies', files: ['network-policies/compose.yaml'], expected: 'network-policies/output-k8s.yaml' },
  { name: 'no-profile-warning', files: ['no-profile-warning/compose.yaml'] },
  { name: 'read-only', files: ['read-only/compose.yaml'], expected: 'read-only/output-k8s.yaml' },
  { name: 'resources-lowercase', files: ['resources-lowercase/compose.yaml'], expected: 'resources-lowercase/output-k8s.yaml' },
  { name: 'service-group', files: ['service-group/compose.yaml'], expected: 'service-group/output-k8s.yaml', grouped: true },
  { name: 'single-file-output', files: ['single-file-output/compose.yaml'], expected: 'single-file-output/output-k8s.yaml' },
  { name: 'statefulset', files: ['statefulset/compose.yaml'], expected: 'statefulset/output-k8s.yaml' },
  { name: 'v2', files: ['v2/compose.yaml'], expected: 'v2/output-k8s.yaml' },
  { name: 'v3.0', files: ['v3.0/compose.yaml'], expected: 'v3.0/output-k8s.yaml' },
  { name: 'vols-subpath', files: ['vols-subpath/compose.yaml'], expected: 'vols-subpath/output-k8s.yaml' },
  { name: 'volume-mounts-windows', files: ['volume-mounts/windows/compose.yaml'], expected: 'volume-mounts/windows/output-k8s.yaml' },
];

/**
 * Fixtures whose compose files `docker compose config` itself rejects, which may fail to convert
 * (fixture → why). None today: every Kompose fixture is a file compose accepts.
 */
const REJECTED_BY_COMPOSE: { [fixture: string]: string } = {};

/** Fixtures kept out of the facts (fixture → why): their expected output is not what the files say. */
const NOT_COMPARED: { [fixture: string]: string } = {
  'no-profile-warning': 'Kompose expects only a warning (no service is in an active profile), no objects',
};

/**
 * Facts of Kompose's output that are not facts of the compose file (fixture → what they match, as
 * `workload/category: text`, and why): Kompose derives them from its own `kompose.*` labels, or
 * gets compose wrong.
 */
const NOT_FACTS: { [fixture: string]: Array<{ match: RegExp; why: string }> } = {
  'healthcheck': [
    { match: /^(postgresql|mongo|mysql)\/probes: livenessProbe /, why: 'the liveness check comes from kompose.service.healthcheck.liveness.* labels; the compose healthcheck has no test (the image has none)' },
    { match: /\/probes: readinessProbe /, why: 'readiness probes come from kompose.service.healthcheck.readiness.* labels; compose has no readiness check' },
  ],
  'fsgroup': [{ match: /\/security: fsGroup /, why: 'from the kompose.security-context.fsgroup label' }],
  'deploy-labels': [{ match: /ephemeral-storage/, why: 'from the kompose.ephemeral-storage.* labels' }],
  'configmap-pod': [{ match: /^redis\/env: ALLOW_EMPTY_PASSWORD=yes$/, why: 'compose gives environment precedence over env_file, so the service runs with ALLOW_EMPTY_PASSWORD=no; Kompose lets env_file win' }],
};

const OVERALL_MINIMUM = 0.85;

function kompose(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(KOMPOSE, file), 'utf-8')).map(d => d.toJSON()).filter(Boolean);
}

function convert(c: Case): { manifests: Manifest[]; warnings: string[] } {
  const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: c.files.map(f => join(KOMPOSE, f)), variables: {} });
  return { manifests: synthValid(stack), warnings: stack.warnings };
}

interface Row {
  readonly name: string;
  readonly expected: number;
  readonly missed: Fact[];
}

function percent(carried: number, of: number): string {
  return of === 0 ? '-' : `${(100 * carried / of).toFixed(1)}%`;
}

/** The markdown report: per fixture, per category, and every missed fact. */
function report(rows: Row[]): string {
  const total = rows.reduce((n, r) => n + r.expected, 0);
  const missed = rows.reduce((n, r) => n + r.missed.length, 0);
  const lines = [
    '# Kompose facts carried by ComposeImport',
    '',
    `Overall: ${total - missed} of ${total} facts (${percent(total - missed, total)}).`,
    '',
    '| fixture | facts | carried | % |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(r => `| ${r.name} | ${r.expected} | ${r.expected - r.missed.length} | ${percent(r.expected - r.missed.length, r.expected)} |`),
    '',
    '## Misses per category',
    '',
    '| category | missed | fixtures |',
    '| --- | ---: | --- |',
  ];
  const byCategory = new Map<string, Row[]>();
  for (const r of rows) for (const f of r.missed) byCategory.set(f.category, [...byCategory.get(f.category) ?? [], r]);
  for (const [category, rs] of [...byCategory].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`| ${category} | ${rs.length} | ${[...new Set(rs.map(r => r.name))].join(', ')} |`);
  }
  lines.push('', '## Missed facts', '');
  for (const r of rows) for (const f of r.missed) lines.push(`- ${r.name} / ${f.workload} / ${f.category}: ${f.text}`);
  return lines.join('\n') + '\n';
}

describe('Kompose\'s fixtures', () => {
  test.each(CASES.map(c => [c.name, c] as const))('%s converts without an error', (name, c) => {
    if (REJECTED_BY_COMPOSE[name]) {
      expect(() => convert(c)).toThrow();
      return;
    }
    expect(() => convert(c)).not.toThrow();
  });

  test('a profile no service declares selects nothing, with a warning, as compose does', () => {
    const { warnings } = convert(CASES.find(c => c.name === 'no-profile-warning')!);
    expect(warnings.join('\n')).toMatch(/profile/);
  });

  test(`the output carries at least ${OVERALL_MINIMUM * 100}% of the facts of Kompose's expected objects`, () => {
    const rows: Row[] = [];
    for (const c of CASES) {
      if (!c.expected || NOT_COMPARED[c.name] || REJECTED_BY_COMPOSE[c.name]) continue;
      const fact = (f: Fact) => !(NOT_FACTS[c.name] ?? []).some(n => n.match.test(`${f.workload}/${f.category}: ${f.text}`));
      const { expected, missed } = compareFacts(appFacts(kompose(c.expected)), appFacts(convert(c).manifests), c.grouped);
      rows.push({ name: c.name, expected: expected.filter(fact).length, missed: missed.filter(fact) });
    }
    const text = report(rows);
    writeFileSync(join(tmpdir(), 'kompose-facts.md'), text);
    const total = rows.reduce((n, r) => n + r.expected, 0);
    const carried = total - rows.reduce((n, r) => n + r.missed.length, 0);
    expect(total).toBeGreaterThan(300);
    if (carried / total < OVERALL_MINIMUM) throw new Error(text);
  });
});

describe('the facts of a Kubernetes object', () => {
  const deployment = (container: any, pod: any = {}): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', ...container }], ...pod } } },
  });
  const texts = (manifests: Manifest[]) => {
    const facts = appFacts(manifests).workloads.get('web')!;
    return [...facts.facts, ...facts.containers.flatMap(c => c.facts)].map(f => `${f.category}: ${f.text}`);
  };

  test('resolve environment variables from ConfigMaps and Secrets, and mounted files by their content', () => {
    const facts = texts([
      deployment({
        image: 'redis',
        env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'cm', key: 'B' } } }],
        envFrom: [{ secretRef: { name: 's' } }],
        volumeMounts: [{ name: 'conf', mountPath: '/etc/app/app.conf', subPath: 'app.conf' }],
      }, { volumes: [{ name: 'conf', configMap: { name: 'files' } }] }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { B: 'two' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'files' }, binaryData: { 'app.conf': Buffer.from('x=1').toString('base64') } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { C: Buffer.from('three').toString('base64') } },
    ]);
    expect(facts).toEqual(expect.arrayContaining([
      'image: docker.io/library/redis:latest', 'env: A=1', 'env: B=two', 'env: C=three', 'mounts: /etc/app/app.conf',
      expect.stringMatching(/^files: \/etc\/app\/app\.conf sha256:/), 'replicas: replicas 2', 'kind: keeps running',
    ]));
  });

  test('the reached ports are the Services\' target ports, named ports resolved', () => {
    const facts = texts([
      deployment({ image: 'web:1', ports: [{ name: 'http', containerPort: 8080 }] }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other-name' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }, { port: 53, protocol: 'UDP' }] } },
    ]);
    expect(facts).toEqual(expect.arrayContaining(['service ports: reachable on 8080/TCP', 'service ports: reachable on 53/UDP', 'container ports: 8080/TCP']));
  });

  test('image references and quantities are compared as what they mean', () => {
    expect(image('redis')).toBe(image('docker.io/library/redis:latest'));
    expect(image('ghcr.io/a/b')).toBe('ghcr.io/a/b:latest');
    expect(image('localhost:5000/app:1')).toBe('localhost:5000/app:1');
    expect(quantity('1Gi')).toBe(quantity('1073741824'));
    expect(quantity('500m')).toBe('0.5');
  });

  test('a Pod that is not restarted runs to completion; Kompose\'s own labels are not facts', () => {
    const pod: Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', annotations: { 'kompose.cmd': 'x', 'team': 'a' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'web:1' }] },
    };
    expect(texts([pod])).toEqual(expect.arrayContaining(['kind: runs to completion', 'kind: restart Never', 'annotations: team=a']));
    expect(texts([pod])).not.toContain('annotations: kompose.cmd=x');
  });
});
