import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Client-side routes of the built web UI. Citizen pages have their own light entry (public.html)
 * so a cheap phone never downloads the staff application.
 */
export function serveWeb(req: FastifyRequest, reply: FastifyReply) {
  if (req.method !== 'GET') return reply.status(404).send();
  const page = req.url.startsWith('/p/') ? 'public.html' : 'index.html';
  return reply.header('cache-control', 'no-cache').sendFile(page);
}
