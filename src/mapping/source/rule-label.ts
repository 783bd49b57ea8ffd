// Names the rule a data path belongs to, for error messages: `payout`, `payout (reverse
// flat_amount_per_click)`, `reverse status`, `no_twin[0]`.
import type { YamlPath } from './yaml-source.js';

export function ruleLabel(path: YamlPath): string | undefined {
  const [first, second, third] = path;
  if (first === 'fields' && second !== undefined) {
    const reverse = path.indexOf('reverse', 2);
    const inner = reverse >= 0 ? path[reverse + 1] : undefined;
    return inner === undefined ? String(second) : `${String(second)} (reverse ${String(inner)})`;
  }
  if (first === 'reverse' && second === 'fields' && third !== undefined)
    return `reverse ${String(third)}`;
  if (first === 'no_twin' && second !== undefined) return `no_twin[${String(second)}]`;
  if (first === 'reverse' && second === 'no_twin' && third !== undefined)
    return `reverse no_twin[${String(third)}]`;
  return undefined;
}
