// affiliate/search classified from raw answers: bare (v2, documented) or in an envelope (v1),
// keyed by loginid or listed; secret fields are the client's to drop, never "unexpected".
import { describe, expect, it } from 'vitest';
import {
  affiliatesShape,
  unexpectedAffiliateKeys,
} from '../../../src/doctor/probe/offerit-affiliates.js';

const record = {
  loginid: '3',
  username: 'anna',
  email: 'a@x',
  password: 'h',
  api_key: 'k',
  phone: '1',
};

describe('affiliatesShape', () => {
  it.each([
    ['bare', 'by-loginid', { 3: record }, 'answer["3"]'],
    ['envelope', 'by-loginid', { result: 'Success', message: { 3: record } }, 'message["3"]'],
    ['envelope', 'list', { result: 'success', message: [record] }, 'message[0]'],
    [
      'envelope',
      'by-loginid',
      { result: 'Success', message: { affiliates: { 3: record } } },
      'message.affiliates["3"]',
    ],
  ])('reads %s answers with records %s', (reply, records, answer, where) => {
    const shape = affiliatesShape(answer);
    expect(shape).toMatchObject({ ok: true, reply, records });
    expect(shape.ok && shape.located[0]?.where).toBe(where);
  });

  it('reads no match, bare or enveloped', () => {
    expect(affiliatesShape({})).toMatchObject({ ok: true, reply: 'bare', records: 'none' });
    expect(affiliatesShape({ result: 'Success', message: [] })).toMatchObject({
      reply: 'envelope',
      records: 'none',
    });
  });

  it('names records that are not affiliates', () => {
    expect(affiliatesShape({ 3: 'anna' })).toEqual({
      ok: false,
      problem: 'records are not affiliates (answer["3"]: text)',
    });
  });
});

describe('unexpectedAffiliateKeys', () => {
  it('lists undeclared keys but not the password hash or API key', () => {
    expect(unexpectedAffiliateKeys([record])).toEqual(['phone']);
  });
});
