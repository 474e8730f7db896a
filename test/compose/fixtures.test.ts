import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { copyAppFiles } from './app-files';
import { Difference, fidelityDifferences, Placement } from './fidelity';
import { planFiles } from './map/support';
import { FIXTURES, loadGenerated } from './support';
import { ComposeImport, ComposeOptions } from '../../src';
import { synthValid } from '../support';

/**
 * Each fixture class of issue 10, modelled on real applications, converted and compared with what
 * `docker compose up` runs: every difference the fidelity checker finds must be one the
 * conversion names in a warning (its compose key), and most fixtures have none at all.
 */
const CASES: Array<[string, string[]]> = [
  ['dotnet-shop', ['docker-compose.yml', 'docker-compose.override.yml']],
  ['backing', ['docker-compose.yml']],
  ['reverse-proxy', ['docker-compose.yml']],
  ['migration', ['docker-compose.yml']],
  ['dapr-sidecar', ['docker-compose.yml']],
  ['ports', ['docker-compose.yml']],
  ['same-name', ['docker-compose.yml']],
  ['forms', ['docker-compose.yml', 'docker-compose.override.yml']],
];

/** Where each compose service runs, from the plan's names. */
export function placements(files: string[]): (service: string) => Placement | undefined {
  const plan = planFiles({ files, variables: {} });
  const at = new Map<string, Placement>();
  for (const s of plan.services) {
    s.containers.forEach((c, i) => at.set(c.service, { workload: s.name, container: i === 0 ? undefined : c.name }));
  }
  return name => at.get(name);
}

/** The differences no warning names. */
function unexplained(differences: Difference[], warnings: string[]): Difference[] {
  return differences.filter(d => !warnings.some(w => w.includes(`] fromCompose: ${d.key} `) || w.includes(`] fromCompose: ${d.key}.`) || w.includes(`] fromCompose: ${d.key}[`)));
}

describe('fixtures modelled on real applications behave as docker compose up', () => {
  test.each(CASES)('%s converts, and runs what compose runs or says where it does not', (dir, names) => {
    const files = names.map(f => join(FIXTURES, dir, f));
    const options: ComposeOptions = { files, variables: {} };
    const stack = ComposeImport.toStack(Testing.app(), 'shop', options);
    const manifests = synthValid(stack);
    const differences = fidelityDifferences({ files }, manifests, placements(files));
    expect(unexplained(differences, stack.warnings)).toEqual([]);
  });

  test.each(CASES)('%s: init\'s app, with the files it mounts copied beside it, writes the YAML convert writes', (dir, names) => {
    const options: ComposeOptions = { files: names.map(f => join(FIXTURES, dir, f)), variables: {} };
    const direct = new App();
    ComposeImport.toStack(direct, 'shop', options);
    const appDir = copyAppFiles(ComposeImport.toTypeScript(options, '/nowhere/k8s', 'shop'));
    const generated = new App();
    loadGenerated(readFileSync(join(appDir, 'main.ts'), 'utf-8'), appDir).build(generated);
    expect(generated.synthYaml()).toBe(direct.synthYaml());
  });
});

describe('the fidelity checker', () => {
  const files = [join(FIXTURES, 'reverse-proxy', 'docker-compose.yml')];
  const converted = () => synthValid(ComposeImport.toStack(Testing.app(), 'shop', { files, variables: {} }));
  const texts = (mutate: (m: any[]) => void) => {
    const manifests = converted();
    mutate(manifests);
    return fidelityDifferences({ files }, manifests, placements(files)).map(d => `${d.key} ${d.text}`);
  };
  const deployment = (m: any[], name: string) => m.find(x => x.kind === 'Deployment' && x.metadata.name === name);

  test('finds nothing on the converted fixture', () => {
    expect(texts(() => undefined)).toEqual([]);
  });

  test('finds a missing port, another command, another user and a missing mount', () => {
    expect(texts(m => {
      const backend = deployment(m, 'backend').spec.template.spec;
      backend.containers[0].ports = [];
      backend.containers[0].args = ['--debug'];
      backend.containers[0].securityContext.runAsUser = 0;
      deployment(m, 'proxy').spec.template.spec.containers[0].volumeMounts = [];
    })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^services\.backend\.expose\[0\] listens on 8000\/TCP under compose, not a container port here/),
      expect.stringMatching(/^services\.backend\.command runs the command undefined, here \["--debug"\]/),
      expect.stringMatching(/^services\.backend\.user runs as the image's user \(65532\) under compose, here as 0/),
      expect.stringMatching(/^services\.proxy\.volumes\[0\] mounts \/etc\/nginx under compose, nothing here/),
    ]));
  });

  test('finds a mounted file whose content differs, a closed port and a one-shot kind', () => {
    expect(texts(m => {
      const cm = m.find(x => x.kind === 'ConfigMap' && /nginx/.test(x.metadata.name));
      cm.data[Object.keys(cm.data)[0]] = 'changed';
      m.find(x => x.kind === 'NetworkPolicy' && x.metadata.name === 'allow-backend').spec.ingress = [];
      deployment(m, 'backend').kind = 'Job';
    })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^services\.proxy\.volumes\[0\] mounts \/etc\/nginx\/.* with the project's content, here other content/),
      expect.stringMatching(/^services\.backend\.expose\[0\] is reached by proxy on 8000\/TCP under compose, not here/),
      expect.stringMatching(/^services\.backend\.restart keeps running under compose, but is a Job/),
    ]));
  });
});
