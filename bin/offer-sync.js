#!/usr/bin/env node
// In a checkout (src/ present) runs the TypeScript sources through tsx, so the CLI is never a
// stale build; in the production image (only dist/) runs the compiled code.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sources = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(sources).href);
} else {
  await import(new URL('../dist/src/cli/main.js', import.meta.url).href);
}
