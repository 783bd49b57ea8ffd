// `npm run bench`: every benchmark, one after another, each in its own process (so one's
// memory and timers never colour another's numbers). Each prints its ratios against the
// baseline it measures in the same run; a bench that misses its target exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = ['mapping', 'limiter', 'pipeline', 'reconcile', 'latency'];
const only = process.argv.slice(2);
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let failed = 0;
for (const name of BENCHES.filter((bench) => only.length === 0 || only.includes(bench))) {
  const script = fileURLToPath(new URL(`./${name}/run.ts`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n== bench/${name}`);
  const run = spawnSync(process.execPath, [tsx, script], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
