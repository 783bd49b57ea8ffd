export type {
  FieldObservation,
  Observation,
  ObservationStore,
  ObservedRead,
} from './observation.js';
export { RedisObservationStore } from './redis-observation-store.js';
export type { RedisObservationStoreOptions } from './redis-observation-store.js';
