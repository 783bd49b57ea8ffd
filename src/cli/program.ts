// Builds the `offer-sync` command tree. Each command lives in its own file under commands/
// and registers itself here; entry points stay thin.
import { Command } from 'commander';

/**
 * Exit codes are a contract: 0 ok, 1 a check or item failed, 2 usage or configuration error,
 * 3 nothing could run it (`sync --wait` found no worker on a queue it would wait on).
 */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, NO_WORKER: 3 } as const;

export type CommandRegistrar = (program: Command) => void;

export function buildProgram(registrars: readonly CommandRegistrar[]): Command {
  const program = new Command('offer-sync')
    .description('Mirror offers, goals and commission changes between Offerit and Offerslook.')
    .showHelpAfterError()
    .exitOverride((error) => {
      // commander's usage errors exit 2, as every other usage error here does; help exits 0.
      process.exit(error.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
    });
  for (const register of registrars) register(program);
  return program;
}
