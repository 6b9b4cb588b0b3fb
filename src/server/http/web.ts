import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Client-side routes of the built web UI all load its single page. A missing file under
 * /assets/ is a real 404 (an old page asking for a replaced bundle), not the page itself.
 */
export function serveWeb(req: FastifyRequest, reply: FastifyReply) {
  if (req.method !== 'GET' || req.url.startsWith('/assets/')) return reply.status(404).send();
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
