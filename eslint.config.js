// Lint rules: typescript-eslint's type-aware recommended set, plus the few rules that catch
// the mistakes this codebase cares about (floating promises lose jobs; `any` hides wire-shape bugs),
// and the architecture's "never" arrows with a circle check (README, Architecture):
//   - the mapping engine and the sync planner import no I/O (no client, store, queue, Redis,
//     HTTP or file system), so they stay pure and testable on plain values;
//   - the sync use cases reach platforms and storage through ports only: no queue, Redis,
//     HTTP server, CLI or wiring;
//   - the platform adapters know no sync policy (nothing of sync, stores, queues or wiring);
//   - nothing but the sandbox itself, the demo and `offer-sync sandbox` imports the sandbox;
//   - no import circles in src.
// test/lint-boundaries checks that each of these fails on a deliberately bad file.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Modules that do I/O, or wire it: what the pure layers must not import. */
const IO_PACKAGES = ['got', 'ioredis', 'bullmq', 'fastify', '@fastify/*', '@bull-board/*', 'pino'];
const IO_BUILTINS = [
  'node:fs',
  'node:fs/*',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
];

/** `from` folders (under src/) a layer may not import. */
const zone = (target, from, message, except = {}) =>
  from.map((folder) => ({
    target,
    from: `./src/${folder}`,
    message,
    ...(except[folder] ? { except: except[folder] } : {}),
  }));

/**
 * Files of those folders that are plain definitions (zod record schemas, the link and conflict
 * shapes), which the pure layers may read.
 */
const PURE_DEFINITIONS = {
  platforms: ['./offerit/records.ts', './offerslook/records.ts'],
  store: ['./links/link.ts', './conflicts/conflict.ts'],
};

const PURE = ['./src/mapping/!(loader)/**', './src/mapping/*.ts', './src/sync/plan/**'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bin/**',
      'stubs/**',
      'eslint.config.js',
      // Deliberately bad files that test/unit/lint/boundaries.test.ts lints on purpose.
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/fixtures/lint/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // What import-x needs to parse TypeScript dependencies (without it no-cycle sees no edges).
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...PURE.flatMap((target) =>
              zone(
                target,
                [
                  'platforms',
                  'store',
                  'queue',
                  'redis',
                  'ingress',
                  'app',
                  'cli',
                  'sandbox',
                  'doctor',
                ],
                'the mapping engine and the sync planner import no I/O: take what they need as plain values',
                PURE_DEFINITIONS,
              ),
            ),
            ...zone(
              './src/sync/**',
              ['queue', 'redis', 'ingress', 'app', 'cli', 'sandbox', 'doctor'],
              'the sync use cases reach platforms and storage through their ports (SyncDeps), never the queue, Redis, HTTP or wiring',
            ),
            ...zone(
              './src/platforms/**',
              ['sync', 'store', 'queue', 'app', 'cli', 'ingress', 'sandbox', 'mapping', 'doctor'],
              'platform adapters know no sync policy: nothing of sync, stores, queues, mappings or wiring',
            ),
            {
              target: './src/!(sandbox)/**',
              from: './src/sandbox',
              except: [],
              message: 'only the sandbox itself, the demo and `offer-sync sandbox` use the sandbox',
            },
          ],
        },
      ],
    },
  },
  {
    // The two places the sandbox is meant to be used from.
    files: ['src/app/demo.ts', 'src/cli/commands/sandbox.ts'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: PURE.map((glob) => glob.replace(/^\.\//, '')),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...IO_PACKAGES, ...IO_BUILTINS],
              message: 'the mapping engine and the sync planner import no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
