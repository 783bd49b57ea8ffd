// The I/O edge of the mapping engine: reads every `*.yaml`/`*.yml` file of a folder, compiles
// each, and either returns the routes or throws one MappingLoadError listing every problem.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogCache, platformRecordSchemas, type SchemaSource } from '../catalog/index.js';
import { compileMappingText } from '../compiler/compile-file.js';
import { MappingError, MappingLoadError } from '../errors.js';
import { readYamlSource } from '../source/index.js';
import type { CompiledRoute, MappingSet } from '../types.js';
import { createMappingSet } from './mapping-set.js';

export interface LoadMappingsOptions {
  /** Whether a source field nobody mapped, declared lossy or ignored stops loading. @defaultValue 'error' */
  coverage?: 'error' | 'warn';
  /** Record schemas to check field names against. @defaultValue the platforms' `records.ts` */
  schemas?: SchemaSource;
}

/** Compiles mapping texts already in memory (tests, tools); same checks and errors as loadMappings. */
export function compileMappings(
  files: readonly { file: string; text: string }[],
  options: LoadMappingsOptions = {},
): MappingSet {
  const catalog = catalogCache(options.schemas ?? platformRecordSchemas);
  const errors: MappingError[] = [];
  const warnings: string[] = [];
  const routes: CompiledRoute[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    const compiled = compileMappingText(text, file, {
      catalog,
      coverage: options.coverage ?? 'error',
    });
    errors.push(...compiled.errors);
    warnings.push(...compiled.warnings);
    for (const route of compiled.routes) {
      const first = seen.get(route.name);
      if (first !== undefined) {
        const position = readYamlSource(text, file).position(['route']);
        errors.push(
          new MappingError({
            file,
            ...position,
            message: `route ${route.name} is already declared in ${first}${route.derived ? ' (here as the reverse of a "both" route)' : ''}`,
            expected: 'each route in one file only',
          }),
        );
        continue;
      }
      seen.set(route.name, file);
      routes.push(route);
    }
  }
  if (errors.length > 0) throw new MappingLoadError(errors);
  return createMappingSet(routes, warnings);
}

/** Loads every mapping file in `dir` (sorted by name). Throws MappingLoadError with every error found. */
export async function loadMappings(
  dir: string,
  options: LoadMappingsOptions = {},
): Promise<MappingSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    throw new MappingLoadError([
      new MappingError({
        file: dir,
        line: 1,
        column: 1,
        message: `cannot read the mappings folder: ${(error as Error).message}`,
      }),
    ]);
  }
  if (names.length === 0) {
    throw new MappingLoadError([
      new MappingError({
        file: dir,
        line: 1,
        column: 1,
        message: 'no mapping files',
        expected: '*.yaml files, one route each',
      }),
    ]);
  }
  const files = await Promise.all(
    names.map(async (name) => ({
      file: join(dir, name),
      text: await readFile(join(dir, name), 'utf8'),
    })),
  );
  return compileMappings(files, options);
}
