export {
  handleEntityHistory,
  handleEntityStatus,
  type EntitiesPort,
  type EntityRequest,
} from './entities-handlers.js';
