/**
 * `npx ts-node --transpile-only --project bench/tsconfig.json bench/load.ts`: how the compose
 * loader copes with hostile and large input (issue 11): alias bombs, deep nesting, 40,000 keys,
 * and 1,000 to 5,000 services. Each case runs in a fresh child process `runs` times (so a case
 * pays its own start-up and its peak memory is its own); the median time is reported.
 *
 *   bench/load.ts            # every case, 3 runs each
 *   bench/load.ts 5          # 5 runs each
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadProject } from '../src/compose/load';
import { aliasBomb, deepBlock, deepFlow, manyKeys, manyServices } from '../test/compose/load/hostile-inputs';

const CASES: { [name: string]: () => string } = {
  'alias bomb, 50 KB': () => aliasBomb(50_000),
  'alias bomb, 110 KB': () => aliasBomb(110_000),
  'flow lists 2,000 deep': () => deepFlow(2000),
  'block mappings 2,000 deep': () => deepBlock(2000),
  '40,000 keys': () => manyKeys(40_000),
  '1,000 services': () => manyServices(1000),
  '2,000 services': () => manyServices(2000),
  '5,000 services': () => manyServices(5000),
};

interface Run {
  readonly ms: number;
  readonly rssMiB: number;
  readonly result: string;
}

/** In the child: loads one case and prints its time, memory and outcome. */
function child(name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  writeFileSync(join(dir, 'docker-compose.yml'), CASES[name]());
  const start = process.hrtime.bigint();
  let result: string;
  try {
    result = `${loadProject({ files: [join(dir, 'docker-compose.yml')] }).services.length} services`;
  } catch (e) {
    result = String((e as Error).message).split('\n')[0].replace(/^\[[^\]]*\] /, '').slice(0, 70);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssMiB: process.memoryUsage().rss / 2 ** 20, result }));
}

function main(runs: number): void {
  console.log(`| case | median ms (${runs} runs) | peak RSS MiB | outcome |`);
  console.log('| --- | ---: | ---: | --- |');
  for (const name of Object.keys(CASES)) {
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', name], { encoding: 'utf-8', maxBuffer: 1024 * 1024 });
      results.push(JSON.parse(out));
    }
    const sorted = results.map(r => r.ms).sort((a, b) => a - b);
    const rss = Math.max(...results.map(r => r.rssMiB));
    console.log(`| ${name} | ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} | ${rss.toFixed(0)} | ${results[0].result} |`);
  }
}

if (process.argv[2] === '--child') child(process.argv[3]);
else main(Number(process.argv[2] ?? 3));
