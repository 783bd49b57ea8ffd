// Offerit's documented get_commission_changes sample writes payouts as JSON numbers in their
// shortest form (`4.5`, `2`), from decimals it stores exactly. JSON.stringify can only write
// binary floats, which would round an amount like 12345678901234567.89, so the sandboxes mark such
// numbers and serialise answers with lossless-json.
import { LosslessNumber, stringify } from 'lossless-json';

/** A JSON number with the exact value of the decimal `text`, trailing zeros dropped (`"7.50"` → `7.5`). */
export function jsonNumber(text: string): LosslessNumber {
  const shortest = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return new LosslessNumber(shortest);
}

/** JSON text of an answer, writing jsonNumber values as their own text. */
export function stringifyWithNumbers(payload: unknown): string {
  return stringify(payload) ?? 'null';
}
