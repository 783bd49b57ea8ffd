// What an entity id is on both platforms: a decimal number, written as digits (Offerit offer,
// goal and affiliate ids; Offerslook offer, event and payout ids). Anything else, `.` and `..`
// included, is refused at every edge (webhook bodies, CLI refs, job payloads, stored keys) and
// again where an id is put into a URL path, where `..` would walk to another endpoint.
export const PLATFORM_ID = /^[0-9]{1,20}$/;

/** Why `value` is no platform id, or undefined when it is one. */
export function platformIdProblem(value: string): string | undefined {
  if (PLATFORM_ID.test(value)) return undefined;
  const shown = JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}...` : value);
  return value === ''
    ? 'is empty; expected the platform id, digits only, such as "400"'
    : `expected digits only (a platform id such as "400"), got ${shown}`;
}
