// Every Offerit answer is `{"result":"Success","message":...}`. Some endpoints say "success" in
// lower case, so `result` is compared case-insensitively. ASSUMED failure envelope:
// `{"result":"Failure","message":"<human text>"}` with HTTP 200, 400 or 404.
import { z } from 'zod';

export const offeritEnvelopeSchema = z.looseObject({
  result: z.string(),
  message: z.unknown().optional(),
});

export type OfferitEnvelope = z.output<typeof offeritEnvelopeSchema>;

export function isSuccessResult(result: string): boolean {
  return result.trim().toLowerCase() === 'success';
}

/** The human text of a failure envelope, or undefined when `message` is not text. */
export function failureText(envelope: OfferitEnvelope): string | undefined {
  const { message } = envelope;
  if (typeof message === 'string' && message.trim() !== '') return message.trim();
  if (typeof message === 'number') return String(message);
  return undefined;
}

/** `GET /service/ping`: any message is fine. */
export const pingResponseSchema = offeritEnvelopeSchema;

/** Endpoints whose success message is only a status text (`"offer_saved"`, `"Offer expired."`). */
export const statusResponseSchema = offeritEnvelopeSchema.transform((envelope) =>
  typeof envelope.message === 'string' ? envelope.message : JSON.stringify(envelope.message ?? ''),
);
