// `offer-sync sandbox`: both platform simulators, standalone, until Ctrl-C. Prints the
// environment that points offer-sync at them.
import { Option, type Command } from 'commander';
import { parseRateLimit } from '../../config/index.js';
import { startSandboxes } from '../../sandbox/demo/start-sandboxes.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export const registerSandboxCommand: CommandRegistrar = (program: Command) => {
  program
    .command('sandbox')
    .description('run simulated Offerit and Offerslook APIs (for tests, demos and benchmarks)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--offerit-port <port>', 'Offerit sandbox port (0 = any free one)', '4101')
    .option('--offerslook-port <port>', 'Offerslook sandbox port (0 = any free one)', '4102')
    .option('--no-seed', 'start empty instead of with the sample network')
    .addOption(
      new Option('--offerslook-rate-limit <max/duration>', 'Offerslook budget, or "none"').default(
        '50/10s',
      ),
    )
    .addOption(
      new Option(
        '--answers <version>',
        'answer shapes of the platform contract version, both sandboxes (single switches: POST <url>/__sandbox/settings {"variants":{...}})',
      )
        .choices(['v1', 'v2'])
        .default('v2'),
    )
    .action(
      async (options: {
        host: string;
        offeritPort: string;
        offerslookPort: string;
        seed: boolean;
        offerslookRateLimit: string;
        answers: 'v1' | 'v2';
      }) => {
        const limit =
          options.offerslookRateLimit === 'none'
            ? null
            : parseRateLimit(options.offerslookRateLimit);
        if (limit === undefined) {
          process.stderr.write(
            `--offerslook-rate-limit: expected <max>/<duration> such as 50/10s, or none\n`,
          );
          process.exit(EXIT.USAGE);
        }
        const sandboxes = await startSandboxes({
          host: options.host,
          offeritPort: Number(options.offeritPort),
          offerslookPort: Number(options.offerslookPort),
          seed: options.seed,
          offerslookRateLimit: limit,
          answers: options.answers,
        });
        process.stdout.write(
          `offerit sandbox:    ${sandboxes.urls.offerit}\nofferslook sandbox: ${sandboxes.urls.offerslook}\n`,
        );
        process.stdout.write(`answers:            ${options.answers} (both sandboxes)\n`);
        process.stdout.write('point offer-sync at them with:\n');
        for (const [name, value] of Object.entries(sandboxes.env))
          process.stdout.write(`  export ${name}=${value}\n`);
        process.stdout.write(
          'control: GET <url>/__sandbox/log, POST <url>/__sandbox/reset|seed|settings\n',
        );
        const stop = () => {
          void sandboxes.stop().then(() => process.exit(EXIT.OK));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
};
