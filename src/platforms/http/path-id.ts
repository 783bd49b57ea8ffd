// Every id put into a request path goes through here: checked to be a platform id (digits)
// and percent-encoded, so no id can turn `/v1/offers/{id}` into `/v1/` (`..`) or another
// endpoint (`1/offer_events`). A bad id is a VALIDATION failure, never a request.
import { platformIdProblem } from '../../vocabulary/index.js';
import type { PlatformName } from '../../vocabulary/index.js';
import { PlatformError } from '../errors.js';

export function pathId(platform: PlatformName, what: string, value: string): string {
  const problem = platformIdProblem(value);
  if (problem !== undefined) {
    const message = `${what} ${problem}`;
    throw new PlatformError('VALIDATION', `${platform} request path: ${message}`, {
      platform,
      operation: 'path',
      platformMessage: message,
    });
  }
  return encodeURIComponent(value);
}
