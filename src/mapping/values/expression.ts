// Decimal arithmetic for `compute:` rules, e.g. `advertiser_cost_flat * 0.8`. Parsed once at
// load into closures over decimal.js; operands are field paths and decimal literals.
import { decimalText, ExactDecimal } from './decimal.js';

type Node =
  | { kind: 'number'; value: ExactDecimal }
  | { kind: 'field'; path: string }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Node; right: Node };

export type ParsedExpression =
  { ok: true; node: Node; fields: string[] } | { ok: false; reason: string };

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|([-+*/()]))/y;

export function parseExpression(text: string): ParsedExpression {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(start).trim() === '') break;
      return {
        ok: false,
        reason: `unexpected "${text.slice(start).trim()[0] ?? ''}" at character ${start + 1}`,
      };
    }
    tokens.push((match[1] ?? match[2] ?? match[3])!);
  }
  const fields: string[] = [];
  let position = 0;
  const peek = () => tokens[position];

  // expression := term (("+" | "-") term)* ; term := factor (("*" | "/") factor)*
  const expression = (): Node => {
    let node = term();
    while (peek() === '+' || peek() === '-') {
      const operator = tokens[position++] as '+' | '-';
      node = { kind: 'binary', operator, left: node, right: term() };
    }
    return node;
  };
  const term = (): Node => {
    let node = factor();
    while (peek() === '*' || peek() === '/') {
      const operator = tokens[position++] as '*' | '/';
      node = { kind: 'binary', operator, left: node, right: factor() };
    }
    return node;
  };
  const factor = (): Node => {
    const token = tokens[position++];
    if (token === undefined) throw new SyntaxError('the expression ends too early');
    if (token === '-') return { kind: 'negate', operand: factor() };
    if (token === '(') {
      const node = expression();
      if (tokens[position++] !== ')') throw new SyntaxError('a "(" is not closed');
      return node;
    }
    if (/^\d/.test(token)) return { kind: 'number', value: new ExactDecimal(token) };
    if (/^[A-Za-z_]/.test(token)) {
      fields.push(token);
      return { kind: 'field', path: token };
    }
    throw new SyntaxError(`unexpected "${token}"`);
  };

  try {
    const node = expression();
    if (position < tokens.length) return { ok: false, reason: `unexpected "${tokens[position]}"` };
    return { ok: true, node, fields };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Reports why a value could not be computed; the evaluator then yields undefined. */
export type ComputeFailure = (reason: string) => void;
/** Evaluates against a record: a Decimal, or undefined when an operand is unset or a failure was reported. */
export type CompiledExpression = (
  record: Record<string, unknown>,
  fail: ComputeFailure,
) => ExactDecimal | undefined;

/** Compiles the tree into nested closures; `getter` builds a field reader once per path. */
export function compileExpression(
  node: Node,
  getter: (path: string) => (record: Record<string, unknown>) => unknown,
  isUnset: (value: unknown) => boolean,
): CompiledExpression {
  switch (node.kind) {
    case 'number': {
      const value = node.value;
      return () => value;
    }
    case 'field': {
      const read = getter(node.path);
      const path = node.path;
      return (record, fail) => {
        const raw = read(record);
        if (isUnset(raw)) return undefined;
        const text = decimalText(raw);
        if (text === undefined) {
          fail(`${path} ${JSON.stringify(raw)} is not a decimal number`);
          return undefined;
        }
        return new ExactDecimal(text);
      };
    }
    case 'negate': {
      const operand = compileExpression(node.operand, getter, isUnset);
      return (record, fail) => operand(record, fail)?.negated();
    }
    case 'binary': {
      const left = compileExpression(node.left, getter, isUnset);
      const right = compileExpression(node.right, getter, isUnset);
      const operator = node.operator;
      return (record, fail) => {
        const a = left(record, fail);
        if (a === undefined) return undefined;
        const b = right(record, fail);
        if (b === undefined) return undefined;
        if (operator === '+') return a.plus(b);
        if (operator === '-') return a.minus(b);
        if (operator === '*') return a.times(b);
        if (b.isZero()) {
          fail('division by zero');
          return undefined;
        }
        return a.dividedBy(b);
      };
    }
  }
}
