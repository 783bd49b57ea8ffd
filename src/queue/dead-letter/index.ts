export { deadLetterSchema, deadLetterId } from './dead-letter.js';
export type { DeadLetter, DeadLetterEntry } from './dead-letter.js';
export { createDeadLetterSink, recordDeadLettersOnFailure } from './dead-letter-sink.js';
export type { DeadLetterListenerOptions, DeadLetterSink } from './dead-letter-sink.js';
export { createDeadLetters, DeadLetterNotFoundError } from './dead-letters.js';
export type {
  DeadLetterQueues,
  DeadLetters,
  LetterFilter,
  ReplayAllResult,
  Replayed,
} from './dead-letters.js';
