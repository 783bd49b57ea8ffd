// Load-time errors: each names the file, line and column, the rule, and what was expected.
import { OfferSyncError } from '../errors/index.js';

export interface MappingErrorInit {
  file: string;
  line: number;
  column: number;
  /** The rule's target field (`payout`, `payout (reverse flat_amount_per_click)`), or a route-level section. */
  rule?: string;
  message: string;
  expected?: string;
  suggestion?: string;
}

export class MappingError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule?: string;
  readonly message: string;
  readonly expected?: string;
  readonly suggestion?: string;

  constructor(init: MappingErrorInit) {
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.message = init.message;
    if (init.rule !== undefined) this.rule = init.rule;
    if (init.expected !== undefined) this.expected = init.expected;
    if (init.suggestion !== undefined) this.suggestion = init.suggestion;
  }

  /** `mappings/offer.yaml:12:5: rule "payout": unknown source field "amont" (expected ...); did you mean "amount"?` */
  toString(): string {
    const rule = this.rule === undefined ? '' : `rule "${this.rule}": `;
    const expected = this.expected === undefined ? '' : ` (expected ${this.expected})`;
    const suggestion = this.suggestion === undefined ? '' : `; did you mean "${this.suggestion}"?`;
    return `${this.file}:${this.line}:${this.column}: ${rule}${this.message}${expected}${suggestion}`;
  }
}

export class MappingLoadError extends OfferSyncError {
  override readonly name = 'MappingLoadError';
  readonly code = 'MAPPING_LOAD';
  readonly retryable = false;
  constructor(readonly errors: readonly MappingError[]) {
    super(
      `${errors.length} mapping error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((error) => `  ${error.toString()}`).join('\n'),
    );
  }
}
