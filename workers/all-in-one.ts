// Process entry point: HTTP server, sync and reconcile workers and the scheduler in one process
// (the same as `offer-sync start`). Extra arguments are passed on, e.g. `--concurrency 8`.
import { runCli } from '../src/cli/run-cli.js';

await runCli(['start', ...process.argv.slice(2)]);
