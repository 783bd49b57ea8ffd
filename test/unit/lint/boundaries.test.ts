// The architecture's "never" arrows and the circle check are lint rules (eslint.config.js): each
// one fails on a deliberately bad import, and the allowed ones pass. Bad imports are linted as if
// they sat at a path in src/ (lintText with that path; nothing is written there); the circle is a
// real pair of files in test/fixtures/lint, which the normal lint run ignores.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// `ignore: false`: the fixture folder is ignored by `npm run lint`, not here. The would-be files
// are in no TypeScript program, so the type-aware rules are off (the boundary rules need none).
const eslint = new ESLint({
  cwd: ROOT,
  ignore: false,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function problemsOf(path: string, code: string): Promise<{ rule: string; text: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? []).map((message) => ({
    rule: message.ruleId ?? '(parse)',
    text: message.message,
  }));
}

const FORBIDDEN: [what: string, path: string, code: string, rule: string, says: RegExp][] = [
  [
    'the mapping engine importing the queue',
    'src/mapping/engine/lint-fixture.ts',
    "import { connectRedis } from '../../queue/index.js';\nexport const x = connectRedis;\n",
    'import-x/no-restricted-paths',
    /mapping engine and the sync planner import no I\/O/,
  ],
  [
    'the sync planner reading a file',
    'src/sync/plan/lint-fixture.ts',
    "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
    'no-restricted-imports',
    /import no I\/O/,
  ],
  [
    'the sync planner importing a Redis store',
    'src/sync/plan/lint-fixture.ts',
    "import { RedisLinkStore } from '../../store/index.js';\nexport const x = RedisLinkStore;\n",
    'import-x/no-restricted-paths',
    /import no I\/O/,
  ],
  [
    'the sync use case importing the queue',
    'src/sync/run/lint-fixture.ts',
    "import { enqueueSync } from '../../queue/index.js';\nexport const x = enqueueSync;\n",
    'import-x/no-restricted-paths',
    /through their ports/,
  ],
  [
    'a platform adapter importing sync policy',
    'src/platforms/offerit/lint-fixture.ts',
    "import { runSync } from '../../sync/run/index.js';\nexport const x = runSync;\n",
    'import-x/no-restricted-paths',
    /know no sync policy/,
  ],
  [
    'a CLI command importing the sandbox',
    'src/cli/commands/lint-fixture.ts',
    "import { createOfferitSandbox } from '../../sandbox/offerit/index.js';\nexport const x = createOfferitSandbox;\n",
    'import-x/no-restricted-paths',
    /only the sandbox itself, the demo/,
  ],
];

describe('lint boundaries', () => {
  it.each(FORBIDDEN)('fails on %s', async (_what, path, code, rule, says) => {
    const problems = await problemsOf(path, code);
    expect(problems).toContainEqual({ rule, text: expect.stringMatching(says) });
  });

  it('lets the pure layers read plain definitions, and the demo use the sandbox', async () => {
    expect(
      await problemsOf(
        'src/mapping/catalog/lint-fixture.ts',
        "import { offeritOfferSchema } from '../../platforms/offerit/records.js';\nexport const x = offeritOfferSchema;\n",
      ),
    ).toEqual([]);
    const demo = await eslint.lintFiles([`${ROOT}src/app/demo.ts`]);
    expect(demo[0]?.messages).toEqual([]);
  });

  it('fails on an import circle', async () => {
    const [result] = await eslint.lintFiles([`${ROOT}test/fixtures/lint/cycle/first.ts`]);
    expect(result?.messages.map((message) => message.ruleId)).toContain('import-x/no-cycle');
  });
});
