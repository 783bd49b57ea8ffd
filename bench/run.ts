// `npm run bench`: every benchmark, one after another, each in its own process (so one's
// memory and timers never colour another's numbers). Each prints its ratios against the
// baseline or bound it works out in the same run; a bench that misses its target exits non-zero
// (and so does this). `npm run bench -- reconcile latency` runs only those.
//   mapping    compiled mapping engine vs a hand-written route (>= 0.5x)
//   limiter    grants vs the budget, 1 and 3 processes; live and reconcile classes (no window over)
//   pipeline   overhead vs an empty processor; budget use (>= 0.9); requests per live sync vs minimum
//   reconcile  requests per created/updated/unchanged offer vs minimum; wall time vs minimum / B
//              (<= 1.15); RSS at 10,000 vs 100,000 offers (<= 1.3)
//   latency    webhook-to-mirrored p95 during a 10,000-offer reconcile at 50/10s (< 20 s)
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
