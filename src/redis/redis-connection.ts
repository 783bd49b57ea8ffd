// What "a Redis connection" is wherever one is passed: a single server (URL or Sentinel-found
// master) or a Redis Cluster. Code that takes one must work on both: every key of one command,
// transaction or script shares a hash tag, and whole-keyspace commands (SCAN, INFO, CONFIG)
// go to every node (see scan-keys.ts, inspect-redis.ts).
import type { Cluster, Redis } from 'ioredis';

export type RedisConnection = Redis | Cluster;
