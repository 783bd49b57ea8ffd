// Commands that need configuration load it through here: a bad value prints one line per
// problem, naming the variable, and exits 2.
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { EXIT } from './program.js';

export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
      process.exit(EXIT.USAGE);
    }
    throw error;
  }
}
