export { RunSets } from './run-sets.js';
export { RetiredTwins } from './retired-twins.js';
