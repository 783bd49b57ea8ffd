// `offer-sync sandbox --answers v1|v2`: both standalone sandboxes answer in the chosen version of
// the contract (v2 unless told), and any other version is refused.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, waitForOutput } from '../../helpers/cli.js';

const HEADERS = { 'api-key': 'sandbox-offerit-key', 'api-username': 'sandbox' };
const OFFERSLOOK_AUTH = {
  authorization: `Basic ${Buffer.from('sandbox:sandbox-offerslook-key').toString('base64')}`,
};

describe('offer-sync sandbox --answers', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
  });

  const start = async (args: string[]) => {
    child = spawnCli(['sandbox', '--offerit-port', '0', '--offerslook-port', '0', ...args], {});
    const [, url, offerslookUrl, answers] = await waitForOutput(
      child,
      /offerit sandbox:\s+(\S+)\nofferslook sandbox:\s+(\S+)\n[^]*?answers:\s+(v\d) \(both sandboxes\)\n/,
    );
    const search = await fetch(`${url!}/affiliate/search?loginid=3`, { headers: HEADERS });
    const offers = await fetch(`${offerslookUrl!}/v1/offers?limit=1`, { headers: OFFERSLOOK_AUTH });
    const page = (await offers.json()) as { data: { rowset: { status: string }[] } };
    return {
      answers,
      search: (await search.json()) as Record<string, unknown>,
      status: page.data.rowset[0]?.status,
    };
  };

  it('answers v2 by default, v1 when told', async () => {
    const v2 = await start([]);
    expect(v2.answers).toBe('v2');
    expect(Object.keys(v2.search)).toEqual(['3']);
    expect(v2.status).toMatch(/^[A-Z]/); // v2: capitalised statuses
    await new Promise((resolve) => {
      child!.once('exit', resolve);
      child!.kill('SIGTERM');
    });
    const v1 = await start(['--answers', 'v1']);
    expect(v1.answers).toBe('v1');
    expect(v1.search).toMatchObject({ result: 'Success' });
    expect(v1.status).toMatch(/^[a-z]/);
  });

  it('refuses another version, naming the choices', async () => {
    const run = await runCli(['sandbox', '--answers', 'v3'], {});
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('v1, v2');
  });
});
