export { createRateLimiter, limiterKeys, reconcileMaxOf } from './rate-limiter.js';
export type {
  AcquireOptions,
  Grant,
  LimiterKeys,
  RateLimiter,
  RateLimiterOptions,
} from './rate-limiter.js';
export { currentClass, requestClassOf, runAsClass } from './request-class.js';
export type { RequestClass } from './request-class.js';
export { defineScript, runScript } from './lua-script.js';
export type { LuaScript } from './lua-script.js';
