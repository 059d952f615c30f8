/**
 * `npm run bench`: runs every bench/<area>.ts (or the ones named: `npm run bench -- rt ep`) one after another,
 * each in its own process so that one area's memory does not colour the next. Each prints its figures as ratios
 * against a baseline it measures in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const areas = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((a) => wanted.length === 0 || wanted.includes(a));

let failed = 0;
for (const area of areas) {
  console.log(`\n=== bench/${area}.ts`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, `${area}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${area}.ts exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
