// `offer-sync doctor`: one line per check (Redis, then each configured connection); exit 0 when
// every check passes (warnings allowed), 1 otherwise. `--probe` asks each configured connection a
// few GET requests instead and says, per endpoint, how the account answers (src/doctor/probe).
import type { Command } from 'commander';
import { createConnectionClient } from '../../app/connection-clients.js';
import type { Config } from '../../config/index.js';
import { checkPlatform, checkRedis, type CheckResult } from '../../doctor/checks.js';
import { reportLines, runProbe } from '../../doctor/probe/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

const MARK: Record<CheckResult['status'], string> = {
  ok: 'ok  ',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
};

export interface DoctorOptions {
  probe?: boolean;
  json?: boolean;
}

export interface DoctorIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function runDoctor(
  config: Config,
  out: (line: string) => void,
  options: { json?: boolean } = {},
): Promise<number> {
  const results = await checkRedis(config.redis);
  // No limiter here: one call per connection, and doctor must work even when Redis does not.
  for (const connection of Object.values(config.connections)) {
    results.push(await checkPlatform(createConnectionClient(connection, {}), connection.name));
  }
  // Without a config file, a platform whose variables are unset is said so by name.
  if (config.configFile === undefined) {
    for (const platform of ['offerit', 'offerslook'] as const) {
      if (config.connections[platform]) continue;
      results.push({
        name: platform,
        status: 'skip',
        detail: `not configured (set the ${platform.toUpperCase()}_* variables)`,
      });
    }
  }
  const failed = results.filter((result) => result.status === 'fail');
  if (options.json) {
    out(JSON.stringify({ ok: failed.length === 0, checks: results }, null, 2));
    return failed.length === 0 ? EXIT.OK : EXIT.FAILED;
  }
  for (const result of results) out(`${MARK[result.status]}  ${result.name}: ${result.detail}`);
  out(
    failed.length === 0
      ? 'all checks passed'
      : `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((result) => result.name).join(', ')}`,
  );
  return failed.length === 0 ? EXIT.OK : EXIT.FAILED;
}

/** `doctor --probe`: exit 0 when every answer can be read, 1 naming the one that cannot. */
export async function runDoctorProbe(
  config: Config,
  io: DoctorIo,
  options: { json?: boolean } = {},
): Promise<number> {
  if (Object.keys(config.connections).length === 0) {
    io.err(
      'doctor --probe: no platform configured (set the OFFERIT_* or OFFERSLOOK_* variables, or name connections in offer-sync.yaml)',
    );
    return EXIT.USAGE;
  }
  const report = await runProbe(config);
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of reportLines(report)) io.out(line);
  return report.ok ? EXIT.OK : EXIT.FAILED;
}

export const registerDoctorCommand: CommandRegistrar = (program: Command) => {
  program
    .command('doctor')
    .description('check Redis and each configured connection with one cheap authenticated call')
    .option(
      '--probe',
      'send each configured connection a few GET requests and report, per endpoint, which answer variant it uses',
    )
    .option('--json', 'print one JSON object instead of lines')
    .action(async (options: DoctorOptions) => {
      const config = configOrExit();
      const io: DoctorIo = {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      };
      const json = options.json === true;
      process.exitCode = options.probe
        ? await runDoctorProbe(config, io, { json })
        : await runDoctor(config, io.out, { json });
    });
};
