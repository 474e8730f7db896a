import { readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { fixture, planFiles } from './support';

/**
 * Kompose's own test fixtures (test/compose/fixtures/kompose, Apache-2.0, see its SOURCES.md):
 * every compose file loads and plans without an error, and no active service is lost. (The
 * comparison with Kompose's expected objects comes when the plan is emitted to the stack.)
 */
const ROOT = fixture('kompose');

/** Runs of Kompose's test driver that read several files at once. */
const TOGETHER: { [folder: string]: string[] } = {
  'multiple-files': ['first.yaml', 'second.yaml'],
  'compose-file-env-variable': ['compose.yaml', 'alternative-compose.yaml'],
};

function composeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return composeFiles(path);
    return /\.ya?ml$/.test(name) && !name.startsWith('output') ? [path] : [];
  });
}

function runs(): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  const grouped = new Set<string>();
  for (const [folder, files] of Object.entries(TOGETHER)) {
    out.push([folder, files.map(f => join(ROOT, folder, f))]);
    files.forEach(f => grouped.add(join(ROOT, folder, f)));
  }
  for (const f of composeFiles(ROOT).sort()) if (!grouped.has(f)) out.push([relative(ROOT, f), [f]]);
  return out;
}

test('finds every compose file of the Kompose fixtures', () => {
  // GIVEN the copied fixtures WHEN they are listed THEN none is missed
  expect(runs().length).toBe(40);
});

test.each(runs())('plans Kompose\'s %s without an error and keeps every active service', (_name, files) => {
  // WHEN the files are loaded and planned
  const plan = planFiles({ files, variables: {} });
  // THEN every active service is a workload or a container of one
  const planned = plan.services.flatMap(s => s.containers.map(c => c.service)).sort();
  expect(planned).toEqual([...plan.active].sort());
  for (const s of plan.services) expect(s.containers.length).toBeGreaterThan(0);
});
