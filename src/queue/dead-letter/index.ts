export { deadLetterSchema, deadLetterId, failureLetterId, LETTER_STATES } from './dead-letter.js';
export type { DeadLetter, DeadLetterEntry, StoredDeadLetter } from './dead-letter.js';
export { trimDeadLetters } from './dead-letter-trim.js';
export type { DeadLetterRetention } from './dead-letter-trim.js';
export { createDeadLetterSink, recordDeadLettersOnFailure } from './dead-letter-sink.js';
export type {
  DeadLetterListenerOptions,
  DeadLetterSink,
  DeadLetterSinkOptions,
  LetterToRecord,
} from './dead-letter-sink.js';
export { createDeadLetters, DeadLetterNotFoundError } from './dead-letters.js';
export type {
  DeadLetterQueues,
  DeadLetters,
  LetterFilter,
  ReplayAllResult,
  Replayed,
} from './dead-letters.js';
export { reconcileFailureSink } from './reconcile-failures.js';
export type { ReconcileFailureRoute } from './reconcile-failures.js';
export { countOpenLetters } from './open-letter-counts.js';
export type { OpenLetterCount } from './open-letter-counts.js';
