import type { FastifyReply, FastifyRequest } from 'fastify';

/** Client-side routes of the built web UI all load its single page. */
export function serveWeb(req: FastifyRequest, reply: FastifyReply) {
  if (req.method !== 'GET') return reply.status(404).send();
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
