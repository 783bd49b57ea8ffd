// `offer-sync doctor`: one line per check (Redis, then each configured platform); exit 0 when
// every check passes (warnings allowed), 1 otherwise.
import type { Command } from 'commander';
import { createConfiguredClients } from '../../app/platform-clients.js';
import type { Config } from '../../config/index.js';
import { checkPlatform, checkRedis, type CheckResult } from '../../doctor/checks.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

const MARK: Record<CheckResult['status'], string> = {
  ok: 'ok  ',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
};

export async function runDoctor(config: Config, out: (line: string) => void): Promise<number> {
  const results = await checkRedis(config.redis);
  // No limiter here: one call per platform, and doctor must work even when Redis does not.
  const clients = createConfiguredClients(config, {});
  for (const platform of ['offerit', 'offerslook'] as const) {
    const client = clients[platform];
    results.push(
      client
        ? await checkPlatform(client)
        : {
            name: platform,
            status: 'skip',
            detail: `not configured (set the ${platform.toUpperCase()}_* variables)`,
          },
    );
  }
  for (const result of results) out(`${MARK[result.status]}  ${result.name}: ${result.detail}`);
  const failed = results.filter((result) => result.status === 'fail');
  out(
    failed.length === 0
      ? 'all checks passed'
      : `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((result) => result.name).join(', ')}`,
  );
  return failed.length === 0 ? EXIT.OK : EXIT.FAILED;
}

export const registerDoctorCommand: CommandRegistrar = (program: Command) => {
  program
    .command('doctor')
    .description('check Redis and each configured platform with one cheap authenticated call')
    .action(async () => {
      process.exitCode = await runDoctor(configOrExit(), (line) =>
        process.stdout.write(`${line}\n`),
      );
    });
};
