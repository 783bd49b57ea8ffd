// The limiter's Lua. Every decision runs atomically inside Redis with Redis's own clock
// (TIME), so processes on different hosts, with drifting clocks, still share one exact log.
// Times are whole microseconds: they fit a Lua double exactly (2^53 us is ~285 years), and
// Redis turns Lua numbers passed to redis.call into text with %.17g, so nothing is rounded.
import { defineScript } from './lua-script.js';

/**
 * Takes one grant of a class (`live` or `reconcile`) if the sliding window has room and the
 * class rules allow it. All classes together never hold more than `max` grants in a window.
 * While a live acquirer waits, reconciliation may hold at most `reconcileMax` grants of the
 * window (its share); while a reconcile acquirer waits, a live grant must leave enough free
 * slots for reconciliation to reach that share. So with both waiting, reconciliation gets its
 * share and never starves, live work gets the rest and every slot reconciliation is not owed;
 * a class alone takes the whole budget.
 *
 * "Waiting" is a registry per class: a refused acquirer adds itself, scored by an expiry
 * `waiterTtl` ahead, and refreshes that each time it polls; the caller removes it on abort, and
 * one whose process died lapses by itself. A grant does not remove it but sets it to lapse
 * `linger` later. For live work that is a few seconds: a live job makes its requests one after
 * another, and the next one must find the slots reconciliation leaves free, not a window that
 * reconciliation refilled the instant the live one stopped waiting (with saturating
 * reconciliation that would cost each live request up to a whole window). For reconciliation it
 * is one slot's time: when a burst of slots frees and every reconcile waiter is granted at once,
 * reconciliation must not look gone for the round trip until its next refusal.
 *
 * KEYS[1] grant log: sorted set, score = grant time (us), member = the acquire's id
 * KEYS[2] paused-until (us); nothing is granted before it
 * KEYS[3] reconcile grant log: the reconcile grants of KEYS[1], same scores and members
 * KEYS[4] live waiters, KEYS[5] reconcile waiters: sorted sets, score = expiry (us), member = id
 * ARGV[1] max grants per window   ARGV[2] window (us)
 * ARGV[3] the acquire's unique id ARGV[4] TTL of the logs (ms)
 * ARGV[5] class: live or reconcile ARGV[6] reconcileMax: floor(share * max)
 * ARGV[7] waiterTtl (us)            ARGV[8] one slot's time, window / max (us)
 * ARGV[9] linger after a grant (us) ARGV[10] TTL of the waiter registries (ms)
 * Returns {1, grantedAt} or {0, wait}, both in microseconds.
 */
export const TAKE_SCRIPT = defineScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local reconcile = ARGV[5] == 'reconcile'
local reconcileMax = tonumber(ARGV[6])
local waiterTtl = tonumber(ARGV[7])
local mine = KEYS[4]
local theirs = KEYS[5]
if reconcile then
  mine = KEYS[5]
  theirs = KEYS[4]
end
-- A registration that was not refreshed in time belongs to an acquirer that is gone.
redis.call('ZREMRANGEBYSCORE', mine, '-inf', now)
redis.call('ZREMRANGEBYSCORE', theirs, '-inf', now)

local function register(lapsesAt)
  redis.call('ZADD', mine, lapsesAt, ARGV[3])
  redis.call('PEXPIRE', mine, ARGV[10])
end

local function refuse(wait)
  register(now + waiterTtl)
  return {0, wait}
end

local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if pausedUntil > now then
  return refuse(pausedUntil - now)
end
-- A window is (t - window, t]: a grant at exactly now - window has left it.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
local held = redis.call('ZCARD', KEYS[1])
if held >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return refuse(tonumber(oldest[2]) + window - now)
end
local reconcileHeld = redis.call('ZCARD', KEYS[3])
local othersWait = redis.call('ZCARD', theirs) > 0
local allowed = not othersWait
if othersWait and reconcile then
  allowed = reconcileHeld < reconcileMax
elseif othersWait then
  -- After this grant, the free slots must still cover what reconciliation is owed.
  allowed = max - held - 1 >= reconcileMax - reconcileHeld
end
if not allowed then
  -- Held back by the other class. The next grant to leave the window may change that; so may
  -- the other class's waiters leaving, which has no set time: poll again within a slot's time.
  local wait = tonumber(ARGV[8])
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if oldest[2] then
    wait = math.min(wait, tonumber(oldest[2]) + window - now)
  end
  return refuse(wait)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if reconcile then
  redis.call('ZADD', KEYS[3], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
register(now + tonumber(ARGV[9]))
return {1, now}
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
