// `direction: both`: the reverse of a rule, derived when the rule is invertible (a copy, a
// one-to-one map, an exact conversion, a link) and refused otherwise, so that nobody relies
// on a reverse that would silently change values.
import type { RuleBody } from '../dsl/index.js';
import { scalarKey } from '../values/presence.js';

export type Inversion =
  | { kind: 'rule'; target: string; body: RuleBody }
  /** Nothing flows back (a constant), and nothing needs to. */
  | { kind: 'none'; reason: string }
  | { kind: 'refuse'; reason: string };

const ONE_WAY: readonly (keyof RuleBody)[] = [
  'cases',
  'template',
  'compute',
  'when',
  'default',
  'single_key',
];
const WHY: Partial<Record<keyof RuleBody, string>> = {
  cases: 'a rule with cases picks among several sources',
  template: 'a template cannot be read back into its fields',
  compute: 'arithmetic with rounding is not exactly reversible',
  when: 'a conditional rule says nothing about records that fail its condition',
  default: 'a default cannot be told apart from a real value on the way back',
  single_key: 'a single_key rule keeps only a name out of a record',
};

export function invertRule(
  body: RuleBody,
  forwardTarget: string,
  tables: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Inversion {
  if ('const' in body) return { kind: 'none', reason: 'written by a constant' };
  const oneWay = ONE_WAY.find((key) => key in body);
  if (oneWay) return { kind: 'refuse', reason: WHY[oneWay]! };
  if (body.from === undefined) return { kind: 'refuse', reason: 'the rule has no source field' };

  const reverse: RuleBody = { from: forwardTarget };
  if (body.sync !== undefined) reverse.sync = body.sync;
  if (body.owner !== undefined) reverse.owner = body.owner;
  if (body.link !== undefined) reverse.link = body.link;
  if (body.integer) reverse.integer = true;
  if (body.boolean !== undefined) reverse.boolean = body.boolean;
  if (body.list !== undefined) reverse.list = body.list;

  if (body.map !== undefined) {
    const inverse: Record<string, string> = {};
    for (const [key, value] of Object.entries(body.map)) {
      const image = scalarKey(value)!;
      if (image in inverse) {
        return {
          kind: 'refuse',
          reason: `the map is not one-to-one: ${inverse[image]} and ${key} both become ${image}`,
        };
      }
      inverse[image] = key;
    }
    reverse.map = inverse;
  }
  if (body.decimal !== undefined) {
    if (body.decimal !== true && body.decimal.scale !== undefined) {
      return { kind: 'refuse', reason: 'rounding to a scale loses digits' };
    }
    reverse.decimal = body.decimal;
  }
  if (body.date !== undefined) {
    if ((body.date.offerit === 'day') !== (body.date.offerslook === 'day')) {
      return { kind: 'refuse', reason: 'a date-only form drops the time of day' };
    }
    reverse.date = body.date;
  }
  if (body.replace !== undefined) {
    const table = typeof body.replace === 'string' ? tables[body.replace] : body.replace;
    // An unknown table is reported by the forward rule; derive nothing from it.
    if (!table) return { kind: 'none', reason: 'unknown table' };
    const inverse: Record<string, string> = {};
    for (const [key, value] of Object.entries(table)) {
      if (value === '' || value in inverse) {
        return { kind: 'refuse', reason: `the replace table is not one-to-one at "${value}"` };
      }
      inverse[value] = key;
    }
    reverse.replace = inverse;
  }
  return { kind: 'rule', target: body.from, body: reverse };
}
