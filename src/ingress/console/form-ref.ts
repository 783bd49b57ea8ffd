// The `ref` field of an action's form (`offerit:offer:400`), checked as the CLI checks its
// argument: well formed and naming a configured connection; else the sentence saying why not.
import { parseEntityRef, type EntityRef } from '../../vocabulary/index.js';
import { CONSOLE_PATH } from './console-page.js';

export function formRef(
  form: Readonly<Record<string, string | undefined>>,
  connections: readonly string[],
): EntityRef | string {
  const text = form.ref?.trim();
  if (!text) return 'the form named no entity (field "ref")';
  const ref = parseEntityRef(text);
  if (typeof ref === 'string') return ref;
  if (!connections.includes(ref.connection))
    return `no connection named ${JSON.stringify(ref.connection)}; configured: ${connections.join(', ')}`;
  return ref;
}

/** Where an action sends the browser back to: the form's `back` page when it is a console page. */
export function backPage(
  form: Readonly<Record<string, string | undefined>>,
  fallback: string,
): string {
  const back = form.back;
  return back !== undefined &&
    (back === CONSOLE_PATH || back.startsWith(`${CONSOLE_PATH}/`)) &&
    !back.includes('//') &&
    !back.includes('\\')
    ? back
    : fallback;
}
