// The pure value helpers under the converters: decimal text, dates, booleans, presence, expressions.
import { describe, expect, it } from 'vitest';
import { levenshtein, nearest } from '../../../../src/mapping/index.js';
import { formatBoolean, parseBoolean } from '../../../../src/mapping/values/booleans.js';
import { endOfDay, formatDate, parseDate } from '../../../../src/mapping/values/dates.js';
import {
  decimalCompare,
  decimalEquals,
  decimalText,
} from '../../../../src/mapping/values/decimal.js';
import { compileExpression, parseExpression } from '../../../../src/mapping/values/expression.js';
import { carriesValue, isPresent } from '../../../../src/mapping/values/presence.js';

const now = new Date('2024-05-06T07:08:09Z');

describe('decimal text', () => {
  it('accepts decimal strings and finite numbers, expanding exponent forms', () => {
    expect(decimalText(' 2.80 ')).toBe('2.80');
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(1e21)).toBe('1000000000000000000000');
    expect(decimalText('1e3')).toBeUndefined();
    expect(decimalText('')).toBeUndefined();
    expect(decimalText(Number.NaN)).toBeUndefined();
  });

  it('compares as decimals', () => {
    expect(decimalEquals('2.80', 2.8)).toBe(true);
    expect(decimalEquals('-1.00', '-1')).toBe(true);
    expect(decimalEquals('a', 'a')).toBe(false);
    expect(decimalCompare('10', '9.99')).toBe(1);
    expect(decimalCompare('x', '1')).toBeUndefined();
  });
});

describe('dates', () => {
  it('reads the strtotime-style forms', () => {
    expect(parseDate('2016-06-16 21:01:33', now)).toEqual({
      ok: true,
      seconds: 1466110893,
      dayOnly: false,
    });
    expect(parseDate('2016-06-16T21:01:33Z', now)).toEqual({
      ok: true,
      seconds: 1466110893,
      dayOnly: false,
    });
    expect(parseDate('2016-06-16', now)).toEqual({ ok: true, seconds: 1466035200, dayOnly: true });
    expect(parseDate(1466110893, now)).toEqual({ ok: true, seconds: 1466110893, dayOnly: false });
    expect(parseDate('now', now)).toEqual({ ok: true, seconds: 1714979289, dayOnly: false });
    expect(parseDate('today', now)).toEqual({ ok: true, seconds: 1714953600, dayOnly: true });
  });

  it('reads the "no date" spellings as none', () => {
    for (const none of ['', 'Never', 'never', '0', 0, '0000-00-00 00:00:00']) {
      expect(parseDate(none, now)).toEqual({ ok: true, seconds: null, dayOnly: false });
    }
  });

  it('refuses text that is no calendar date', () => {
    expect(parseDate('2023-02-29', now).ok).toBe(false);
    expect(parseDate('next monday', now).ok).toBe(false);
    expect(parseDate(1.5, now).ok).toBe(false);
  });

  it('writes each form in UTC', () => {
    expect(formatDate(1466110893, 'datetime')).toBe('2016-06-16 21:01:33');
    expect(formatDate(1466110893, 'day')).toBe('2016-06-16');
    expect(formatDate(1466110893, 'unix')).toBe(1466110893);
    expect(formatDate(endOfDay(1466035200), 'datetime')).toBe('2016-06-16 23:59:59');
  });
});

describe('booleans and presence', () => {
  it('reads every platform form', () => {
    expect([1, '1', true, 'true'].map(parseBoolean)).toEqual([true, true, true, true]);
    expect([0, '0', false, 'false', ''].map(parseBoolean)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parseBoolean('2')).toBeUndefined();
    expect([
      formatBoolean(true, 'int'),
      formatBoolean(true, 'text'),
      formatBoolean(false, 'bool'),
    ]).toEqual([1, '1', false]);
  });

  it('knows what carries a value', () => {
    expect(
      [undefined, null, '', '0', '0.00', 0, false, '-1', 'Never', [], {}]
        .map(carriesValue)
        .some(Boolean),
    ).toBe(false);
    expect(['x', '1', 5, true, ['GB'], { a: 1 }].map(carriesValue).every(Boolean)).toBe(true);
    expect([isPresent('0'), isPresent(''), isPresent(undefined)]).toEqual([true, false, false]);
  });
});

describe('compute expressions', () => {
  const get = (path: string) => (record: Record<string, unknown>) => record[path];
  const run = (text: string, record: Record<string, unknown>) => {
    const parsed = parseExpression(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const failures: string[] = [];
    const value = compileExpression(
      parsed.node,
      get,
      (v) => v === undefined || v === '',
    )(record, (reason) => failures.push(reason));
    return { value: value?.toFixed(), failures };
  };

  it('honours precedence and parentheses, exactly', () => {
    expect(run('a + b * 2', { a: '0.1', b: '0.1' }).value).toBe('0.3');
    expect(run('(a + b) * 2', { a: '0.1', b: '0.2' }).value).toBe('0.6');
    expect(run('-a / 4', { a: '1' }).value).toBe('-0.25');
  });

  it('gives nothing for an unset operand and a failure for a bad one', () => {
    expect(run('a * 2', { a: '' })).toEqual({ value: undefined, failures: [] });
    expect(run('a * 2', { a: 'x' })).toEqual({
      value: undefined,
      failures: ['a "x" is not a decimal number'],
    });
  });

  it('refuses malformed expressions with a reason', () => {
    expect(parseExpression('a *')).toEqual({ ok: false, reason: 'the expression ends too early' });
    expect(parseExpression('(a + 1')).toEqual({ ok: false, reason: 'a "(" is not closed' });
    expect(parseExpression('a % 2')).toEqual({
      ok: false,
      reason: 'unexpected "%" at character 2',
    });
  });
});

describe('nearest name', () => {
  it('suggests close names only', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('form', 'from')).toBe(1);
    expect(nearest('form', ['from', 'const'])).toBe('from');
    expect(
      nearest('flat_amount_per_conversoin', [
        'flat_amount_per_conversion',
        'flat_amount_per_click',
      ]),
    ).toBe('flat_amount_per_conversion');
    expect(nearest('zzz', ['from', 'const'])).toBeUndefined();
  });
});
