import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Client-side routes of the built web UI. Citizen pages (/p/…) have their own light entry so a
 * cheap phone never downloads the staff application. A missing file under /assets/ is a real
 * 404 (an old page asking for a replaced bundle), not the page itself.
 */
export function webFallback(webRoot: string) {
  const citizenEntry = existsSync(join(webRoot, 'public.html'));
  return (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'GET' || req.url.startsWith('/assets/')) return reply.status(404).send();
    const page = citizenEntry && req.url.startsWith('/p/') ? 'public.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  };
}
