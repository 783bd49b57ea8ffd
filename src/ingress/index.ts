export * from './http/index.js';
export * from './webhook/index.js';
export * from './probes/index.js';
export * from './dashboard/index.js';
export * from './entities/index.js';
