// Every endpoint of contract section 2, path template -> method -> handler. Any other method on a
// known path is a 405; an unknown path a 404.
import { PAYOUT_ROUTES } from './affiliate-payouts.js';
import type { Routes } from './handler.js';
import { OFFER_EVENT_ROUTES } from './offer-events.js';
import { OFFER_ROUTES } from './offers.js';

export { HTTP_METHODS, NOT_JSON } from './handler.js';
export type { Handler, HandlerContext, HttpMethod, SandboxRequest } from './handler.js';

export const ROUTES: Routes = { ...OFFER_ROUTES, ...OFFER_EVENT_ROUTES, ...PAYOUT_ROUTES };
