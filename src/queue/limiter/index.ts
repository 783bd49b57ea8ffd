export { createRateLimiter } from './rate-limiter.js';
export type {
  AcquireOptions,
  Grant,
  RateLimiter,
  RateLimiterOptions,
} from './rate-limiter-options.js';
export { limiterKeys, reconcileMaxOf } from './limiter-keys.js';
export type { LimiterKeys } from './limiter-keys.js';
export { currentClass, requestClassOf, runAsClass } from '../../platforms/request-class.js';
export type { RequestClass } from '../../platforms/request-class.js';
export { defineScript, runScript } from './lua-script.js';
export type { LuaScript } from './lua-script.js';
