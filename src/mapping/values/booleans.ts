// Booleans in the platforms' forms: 0/1 numbers, "0"/"1" strings, true/false.

export const BOOLEAN_FORMS = ['int', 'text', 'bool'] as const;
/** int: 0/1; text: "0"/"1"; bool: true/false. */
export type BooleanForm = (typeof BOOLEAN_FORMS)[number];

const TRUE_TEXTS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_TEXTS = new Set(['0', 'false', 'no', 'off', '']);

/** Reads any platform form; undefined when the value is not a boolean in any of them. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (TRUE_TEXTS.has(text)) return true;
    if (FALSE_TEXTS.has(text)) return false;
  }
  return undefined;
}

export function formatBoolean(value: boolean, form: BooleanForm): boolean | number | string {
  if (form === 'int') return value ? 1 : 0;
  if (form === 'text') return value ? '1' : '0';
  return value;
}
