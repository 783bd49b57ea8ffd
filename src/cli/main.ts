#!/usr/bin/env node
// The `offer-sync` CLI entry point.
import { runCli } from './run-cli.js';

await runCli(process.argv.slice(2));
