// One measured edit: rename an offer on Offerit (through its API, outside offer-sync), send the
// signed webhook that tells offer-sync about it, and time from the webhook's 202 to the arrival
// of the PUT that carries the new name at the Offerslook sandbox (its request log, read in its
// own process). The README's "Webhooks" section is the protocol.
import type { PlatformClient } from '../../src/platforms/platform-client.js';
import { signWebhook } from '../../src/ingress/index.js';
import type { BenchChild } from '../shared/child-process.js';

export interface EditTarget {
  /** The service's base URL (`http://host:port`). */
  serviceUrl: string;
  secret: string;
  offerit: PlatformClient;
  /** The Offerslook sandbox child: answers `write-time <id> <name>`. */
  offerslook: BenchChild;
  /** How long an edit may take to arrive before it counts as missing, in ms. */
  waitMs: number;
}

export interface EditTiming {
  offerId: string;
  /** The name the edit gave the offer. */
  name: string;
  acceptedAt: number;
  /** When the write arrived at Offerslook; `undefined` when it never did within `waitMs`. */
  arrivedAt?: number;
}

/** Edits `offerId`, sends its webhook and resolves once the edit is on Offerslook (or timed out). */
export async function timedEdit(
  target: EditTarget,
  offerId: string,
  twinId: number,
  name: string,
): Promise<EditTiming> {
  const key = { kind: 'offer' as const, id: offerId };
  await target.offerit.update(key, { name });
  const body = JSON.stringify({ entity: 'offer', id: offerId });
  const response = await fetch(`${target.serviceUrl}/webhooks/offerit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signWebhook(target.secret, 'offerit', Math.floor(Date.now() / 1000), body),
    },
    body,
  });
  const acceptedAt = Date.now();
  if (response.status !== 202)
    throw new Error(`webhook for offer ${offerId}: ${response.status} ${await response.text()}`);
  while (Date.now() - acceptedAt < target.waitMs) {
    const { time } = (await target.offerslook.ask(`write-time ${twinId} ${name}`)) as {
      time: number | null;
    };
    if (time !== null) return { offerId, name, acceptedAt, arrivedAt: time };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { offerId, name, acceptedAt };
}
