// Fresh copies of small hot functions, one per rule.
//
// V8 keeps type feedback per function literal, so a closure made by one literal for twenty
// rules sees twenty different `read`/`convert` callees at one call site and inlines none of
// them. Compiling the same fixed source once per rule gives each copy its own feedback. The
// source here is constant text; everything rule-specific comes in as bound arguments.

type Factory = (...bound: unknown[]) => unknown;

/**
 * The one place that turns text into a function. Callers pass constant code and identifier
 * lists; values (field names included) arrive as arguments or JSON string literals.
 */
export function compileFunction(parameters: readonly string[], body: string): Factory {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- fixed engine code, see the file comment
  return new Function(...parameters, body) as Factory;
}

export function specialize<T>(
  parameters: readonly string[],
  source: string,
  bound: readonly unknown[],
): T {
  return compileFunction(parameters, `return ${source};`)(...bound) as T;
}

/** `produce(record, ctx, issues)`: read, default, convert, coerce. */
export const PRODUCE_SOURCE = `function produce(record, ctx, issues) {
  let value = read(record, issues);
  if (value === undefined || value === null) {
    if (fallback === undefined) return undefined;
    value = fallback;
  }
  if (convert !== undefined) {
    value = convert(value, ctx, issues);
    if (value === undefined || value === null) return undefined;
  }
  if (coerce === undefined || typeof value === expectedType) return value;
  return coerce(value, issues);
}`;

/** A rule with a `when`: evaluate only when the condition holds. */
export const GATE_SOURCE = `function gated(record, ctx, issues) {
  return gate(record) ? inner(record, ctx, issues) : undefined;
}`;

/** `cases`: the first option whose condition holds (or that has none) produces the value. */
export const CASES_SOURCE = `function cases(record, ctx, issues) {
  for (let index = 0; index < selects.length; index++) {
    const select = selects[index];
    if (select === undefined || select(record)) return produces[index](record, ctx, issues);
  }
  return undefined;
}`;
