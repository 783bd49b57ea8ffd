// get_details appeared mid-2020 ("COMING SOON" on 2020-06-22, live by 2020-07-28 in the wiki
// history); an older install answers it 404 "invalid endpoint". That must never read as "no such
// offer": a reconcile would take every offer for vanished. So any 404 of get_details (once ping
// has shown the credentials work, see `credentials-check.ts`) becomes this PROTOCOL error, which
// is not retried and which no adapter turns into "absent". get_details answers a lookup that
// finds nothing with an empty list, not a 404, so nothing is lost by this.
import { PlatformError, isPlatformError } from '../errors.js';

export const GET_DETAILS_OPERATION = 'GET /offer/get_details';

export function getDetailsMissing(notFound: PlatformError): PlatformError {
  const said = notFound.platformMessage ? `: ${notFound.platformMessage}` : '';
  return new PlatformError(
    'PROTOCOL',
    `offerit ${GET_DETAILS_OPERATION}: this install has no get_details endpoint (HTTP 404${said}). ` +
      'get_details appeared in mid-2020 releases of Offerit / NATS for Networks; without it no ' +
      'offer can be read or listed (offer-sync knows only the ids it wrote itself), so nothing ' +
      'may be taken for absent. Upgrade the platform to sync offers from it',
    {
      platform: 'offerit',
      operation: GET_DETAILS_OPERATION,
      status: 404,
      platformMessage: notFound.platformMessage,
      cause: notFound,
    },
  );
}

/** Whether `error` is the one `getDetailsMissing` makes (doctor words it for operators). */
export function isGetDetailsMissing(error: unknown): boolean {
  return (
    isPlatformError(error) &&
    error.platform === 'offerit' &&
    error.code === 'PROTOCOL' &&
    error.operation === GET_DETAILS_OPERATION &&
    error.status === 404
  );
}
