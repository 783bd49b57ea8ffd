// The limiter's Lua. Every decision runs atomically inside Redis with Redis's own clock
// (TIME), so processes on different hosts, with drifting clocks, still share one exact log.
// Times are whole microseconds: they fit a Lua double exactly (2^53 us is ~285 years), and
// Redis turns Lua numbers passed to redis.call into text with %.17g, so nothing is rounded.
import { defineScript } from './lua-script.js';

/**
 * Takes one grant if the sliding window has room.
 * KEYS[1] grant log: sorted set, score = grant time (us), member = a unique grant id
 * KEYS[2] paused-until (us); nothing is granted before it
 * ARGV[1] max grants per window   ARGV[2] window (us)
 * ARGV[3] unique member            ARGV[4] TTL of the log (ms)
 * Returns {1, grantedAt} or {0, wait}, both in microseconds.
 */
export const TAKE_SCRIPT = defineScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if pausedUntil > now then
  return {0, pausedUntil - now}
end
local window = tonumber(ARGV[2])
-- A window is (t - window, t]: a grant at exactly now - window has left it.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`);

/**
 * Pauses a network until now + ARGV[1] ms (Redis time), unless a longer pause already holds.
 * KEYS[1] paused-until (us). Returns the paused-until in force, in microseconds.
 */
export const PAUSE_SCRIPT = defineScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local ms = tonumber(ARGV[1])
local untilUs = now + ms * 1000
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if current >= untilUs then
  return current
end
redis.call('SET', KEYS[1], untilUs, 'PX', ms)
return untilUs
`);
