import type { FastifyInstance } from 'fastify';

/** Starts `app` on `host:port` (port 0 picks a free one) and returns its base URL. */
export async function listen(app: FastifyInstance, host = '127.0.0.1', port = 0): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('sandbox did not bind a TCP port');
  return `http://${host}:${address.port}`;
}
