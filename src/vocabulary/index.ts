// The words offer-sync is built from, one name per concept (the README's glossary says them in
// plain words): platform, entity kind and key, record, sync reason.
export * from './platforms.js';
export * from './entities.js';
export * from './sync-reasons.js';
export * from './connections.js';
export * from './entity-ref.js';
