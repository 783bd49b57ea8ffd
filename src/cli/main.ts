#!/usr/bin/env node
// The CLI entry point: loads `.env`, registers every command, runs.
import { loadDotEnv } from '../config/index.js';
import { buildProgram } from './program.js';
import { registrars } from './registrars.js';

loadDotEnv();
await buildProgram(registrars).parseAsync(process.argv);
