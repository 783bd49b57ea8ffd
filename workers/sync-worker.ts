// Process entry point: sync and reconcile workers only (the same as `offer-sync worker`). Run as
// many as you like, on as many hosts: the per-network limits are kept in Redis and hold across all.
import { runCli } from '../src/cli/run-cli.js';

await runCli(['worker', ...process.argv.slice(2)]);
