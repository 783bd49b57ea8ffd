// An optional `.env` in the working directory fills in variables the environment leaves unset;
// the real environment always wins (Node's own loader, no dependency).
import { existsSync } from 'node:fs';

export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
