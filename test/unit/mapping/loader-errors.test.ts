// Broken mapping files: every error names file:line:column, the rule, what was expected, and the
// nearest valid name. The texts are the contract with the person editing the files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMappings, MappingLoadError } from '../../../src/mapping/index.js';

const DIR = 'test/fixtures/mappings/broken';

function errorsOf(name: string): string[] {
  const file = join(DIR, name);
  try {
    // Coverage gaps are warnings except in the fixture about coverage, so each file shows its own mistake.
    compileMappings([{ file, text: readFileSync(file, 'utf8') }], {
      coverage: name.startsWith('uncovered') ? 'error' : 'warn',
    });
  } catch (error) {
    if (error instanceof MappingLoadError) return error.errors.map(String);
    throw error;
  }
  return [];
}

const EXPECTED: Record<string, (file: string) => string[]> = {
  'bad-shapes.yaml': (file) => [
    `${file}:2:16: "source" holds number 5 (expected text or a list)`,
    `${file}:4:56: rule "payout": "decimal" holds string "yes" (expected true or a mapping)`,
    `${file}:5:60: rule "revenue": "scale" holds string "two" (expected a number)`,
    `${file}:6:43: rule "preview_url": "when" holds a list (expected a mapping)`,
  ],
  'bad-conditions.yaml': (file) => [
    `${file}:11:34: rule "base_event.conversion_protocol": "imgae" is never a value of offerit.offer field "conversion_type" (expected one of image, post, iframe); did you mean "image"?`,
    `${file}:13:45: rule "base_event.conversion_protocol": unknown test "gtt" (expected one of eq, in, not, present, empty, gt, gte, lt, lte, size); did you mean "gt"?`,
    `${file}:15:33: rule "base_event.conversion_protocol": unknown source field "comission_type" of offerit.offer (expected a field of offerit.offer); did you mean "commission_type"?`,
  ],
  'bad-route.yaml': (file) => [
    `${file}:1:8: unknown offerit entity "offers" (expected one of offer, goal, commission_change, affiliate); did you mean "offer"?`,
  ],
  'bad-values.yaml': (file) => [
    `${file}:3:11: invalid value "newest-win" for "conflict" (expected one of newest-wins, manual); did you mean "newest-wins"?`,
    `${file}:5:29: rule "name": invalid value "allways" for "sync" (expected one of always, once, never); did you mean "always"?`,
    `${file}:6:46: rule "advertiser_id": invalid value "advertisers" for "link" (expected one of offer, goal, affiliate, advertiser); did you mean "advertiser"?`,
    `${file}:10:78: rule "payout": invalid value "half_up" for "rounding" (expected one of up, down, ceil, floor, half-up, half-down, half-even); did you mean "half-up"?`,
  ],
  'bad-yaml.yaml': (file) => [`${file}:5:3: Map keys must be unique`],
  'enum-target.yaml': (file) => [
    `${file}:6:28: rule "offer_approval": 4 is not allowed in offerslook.offer field "offer_approval" (expected one of 1, 2, 3)`,
    `${file}:10:27: rule "payout_type": "CSP" is not allowed in offerslook.offer field "payout_type" (expected one of CPC, CPI, CPA, CPL, CPM, CPS, CPA+CPS); did you mean "CPS"?`,
    `${file}:13:31: rule "base_event.conversion_protocol": "ifrmae" is never a value of offerit.offer field "conversion_type" (expected one of image, post, iframe); did you mean "iframe"?`,
  ],
  'missing-required.yaml': (file) => [
    `${file}:3:1: target field "offer_approval" is required by offerslook.offer on create but no rule writes it (expected a rule for "offer_approval"; a "const" will do)`,
  ],
  'not-invertible.yaml': (file) => [
    `${file}:12:3: rule "revenue_type": cannot derive the reverse of this rule: the map is not one-to-one: conversion and dynamic_conversion both become RPA (expected a "reverse:" block naming the fields to write back, or "reverse: {}" for a one-way field)`,
    `${file}:15:3: rule "description": cannot derive the reverse of this rule: a template cannot be read back into its fields (expected a "reverse:" block naming the fields to write back, or "reverse: {}" for a one-way field)`,
  ],
  'reverse-twice.yaml': (file) => [
    `${file}:6:3: rule "description (reverse name)": the reverse route would write "name" twice (also from rule "name (reverse name)") (expected one reverse rule per field: write "reverse: {}" on one of them, or write the reverse out)`,
  ],
  'typo-source-field.yaml': (file) => [
    `${file}:10:11: rule "payout": unknown source field "flat_amount_per_conversoin" of offerit.offer (expected a field of offerit.offer); did you mean "flat_amount_per_conversion"?`,
  ],
  'uncovered-source.yaml': (file) => [
    `${file}:5:1: source field "goal_id" of offerit.goal is not mapped, declared lossy or ignored (expected a rule reading it, an entry under "lossy:" with the reason, or a name under its "ignore:")`,
    `${file}:5:1: source field "revenue_type" of offerit.goal is not mapped, declared lossy or ignored (expected a rule reading it, an entry under "lossy:" with the reason, or a name under its "ignore:")`,
    `${file}:5:1: source field "revenue_amount" of offerit.goal is not mapped, declared lossy or ignored (expected a rule reading it, an entry under "lossy:" with the reason, or a name under its "ignore:")`,
  ],
  'unknown-rule-key.yaml': (file) => [
    `${file}:5:5: rule "name": unknown key "form" (expected one of from, const, template, compute, cases, map, decimal, integer, boolean, date, list, replace, single_key, link, when, default, sync, owner, reverse, note); did you mean "from"?`,
  ],
  'unknown-table.yaml': (file) => [
    `${file}:11:42: rule "destination_url": unknown table "macro" (expected one of macros); did you mean "macros"?`,
    `${file}:12:52: rule "preview_url": a rule converts its value one way; found map and replace (expected one of map, decimal, integer, boolean, date, list, replace (plus single_key before and link after))`,
    `${file}:13:27: rule "description": cannot read the expression: the expression ends too early (expected decimal arithmetic such as "revenue * 0.8" (+ - * / and parentheses))`,
    `${file}:14:3: rule "payot": unknown target field "payot" of offerslook.offer (expected a field of offerslook.offer); did you mean "payout"?`,
  ],
};

describe('broken mapping files', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reports ${name} exactly`, () => {
      expect(errorsOf(name)).toEqual(expected(join(DIR, name)));
    });
  }

  it('has a case for every broken fixture', () => {
    const fixtures = readdirSync(DIR)
      .filter((name) => name.endsWith('.yaml'))
      .sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtures);
  });

  it('puts every error of every file into one MappingLoadError, one line each', () => {
    const files = ['typo-source-field.yaml', 'bad-route.yaml'].map((name) => ({
      file: join(DIR, name),
      text: readFileSync(join(DIR, name), 'utf8'),
    }));
    expect(() => compileMappings(files, { coverage: 'warn' })).toThrow(
      /^2 mapping errors:\n {2}test\/fixtures\/mappings\/broken\/typo-source-field\.yaml:10:11: .*\n {2}test\/fixtures\/mappings\/broken\/bad-route\.yaml:1:8: /,
    );
  });

  it('refuses a route declared twice', () => {
    const text = readFileSync('mappings/offer.yaml', 'utf8');
    expect(() =>
      compileMappings([
        { file: 'a.yaml', text },
        { file: 'b.yaml', text },
      ]),
    ).toThrow('b.yaml:3:8: route offerit.offer->offerslook.offer is already declared in a.yaml');
  });
});
