import { readdirSync, existsSync } from 'fs';
import { join } from 'path';
import { planFiles } from './test/compose/map/support';
const apps: Array<[string, string[]]> = [];
const root = '/work/notes/corpus/apps';
const find = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? find(join(dir, e.name)) : [join(dir, e.name)]);
const files = find(root).filter(f => /(docker-)?compose(\.[a-z]+)?\.ya?ml$|docker-stack\.yml$/.test(f.split('/').pop()!) && !/override/.test(f));
for (const f of files) {
  const override = f.replace(/docker-compose\.yml$/, 'docker-compose.override.yml');
  apps.push([f.replace(root + '/', ''), existsSync(override) && override !== f ? [f, override] : [f]]);
}
let ok = 0;
for (const [name, fs] of apps) {
  try {
    const p = planFiles({ files: fs, variables: {} });
    ok++;
    const lv = p.services.map(s => `${s.composeName}:${s.kind[0]}${s.containers.length > 1 ? '+' + (s.containers.length - 1) : ''}/${s.podSecurity[0]}`).join(' ');
    console.log(`OK   ${name} (${p.services.length} workloads, ${p.warnings.length} warnings) ${process.env.V ? lv : ''}`);
  } catch (e: any) {
    console.log(`FAIL ${name}: ${String(e.message).split('\n')[0].slice(0, 300)}`);
  }
}
console.log(`${ok}/${apps.length} plan without error`);
