export { explainEntity, formatRef, refId } from './explain-entity.js';
export { entityHistory } from './entity-history.js';
export type * from './explain-types.js';
