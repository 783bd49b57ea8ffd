// The one answer every route gives while Redis is away: 503 with a reason in our words. The
// ioredis message ("connect ECONNREFUSED 10.0.0.5:6379", "Stream isn't writeable...") names
// internal hosts and says nothing useful to a caller, so it never leaves the log.
import { errorResponse, type ErrorBody, type HandlerResponse } from './handler-response.js';

export { isRedisConnectionError } from '../../redis/connection-errors.js';

export const REDIS_UNAVAILABLE = 'REDIS_UNAVAILABLE';

export function redisUnavailable(
  what = 'this request could not be served',
): HandlerResponse<ErrorBody> {
  return errorResponse(
    503,
    REDIS_UNAVAILABLE,
    `${what}: Redis is unavailable right now; retry later`,
  );
}
