export { createRateLimiter, limiterKeys } from './rate-limiter.js';
export type { AcquireOptions, Grant, RateLimiter, RateLimiterOptions } from './rate-limiter.js';
export { defineScript, runScript } from './lua-script.js';
export type { LuaScript } from './lua-script.js';
