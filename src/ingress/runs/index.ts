export { handleGetRun, handleListRuns } from './runs-handlers.js';
