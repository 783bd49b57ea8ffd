// Golden tests from the seeds' own example payloads: each fixture holds the input as the
// platform sends it, the links the sync layer would have, and the expected mapping (and, where
// given, the expected reverse mapping of the result). Inputs are read through the platform's
// record schema first, as the client does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadMappings,
  platformRecordSchemas,
  tableResolver,
  type LinkKind,
  type MappingResult,
  type MappingSet,
} from '../../../src/mapping/index.js';

const DIR = 'test/fixtures/mappings/golden';

interface Golden {
  seed: string;
  route: string;
  links: Partial<Record<LinkKind, Record<string, string>>>;
  input: Record<string, unknown>;
  expected: MappingResult;
  reverse?: { links: Partial<Record<LinkKind, Record<string, string>>>; expected: MappingResult };
}

const NOW = new Date('2024-01-01T00:00:00Z');
let mappings: MappingSet;
beforeAll(async () => {
  mappings = await loadMappings('mappings');
});

describe('golden mappings of the seed payloads', () => {
  const names = readdirSync(DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();

  it('covers every seed (000 to 004)', () => {
    expect(new Set(names.map((name) => name.slice(0, 3)))).toEqual(
      new Set(['000', '001', '002', '003', '004']),
    );
  });

  for (const name of names) {
    it(name, () => {
      const golden = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Golden;
      const route = mappings.routes.get(golden.route);
      expect(route, golden.route).toBeDefined();
      const record = platformRecordSchemas(route!.source.platform, route!.source.entity)!.parse(
        golden.input,
      ) as Record<string, unknown>;
      const result = route!.apply(record, { now: NOW, resolve: tableResolver(golden.links) });
      expect(result).toEqual(golden.expected);
      if (golden.reverse) {
        const back = route!.reverse!.apply(result.value, {
          now: NOW,
          resolve: tableResolver(golden.reverse.links),
        });
        expect(back).toEqual(golden.reverse.expected);
      }
    });
  }
});
