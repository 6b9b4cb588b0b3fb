import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts the platform exactly as `npm start` does, on a throw-away PGlite folder with a small demo. */
/**
 * A stand-in for the SMS operator: the platform posts to it as to a real gateway
 * (OUTBOX_SMS_URL), and tests read what it received at GET /messages (E2E_SMS_URL).
 */
async function smsGateway(): Promise<{ url: string; close: () => void }> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'POST') received.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'POST' ? '{}' : JSON.stringify(received));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export default async function startServer(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'phongdich-e2e-'));
  const sms = await smsGateway();
  process.env.E2E_SMS_URL = sms.url;
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'data', 'pglite'), DEMO_PEOPLE: '3000', DATABASE_URL: '', LOG_LEVEL: 'warn', OUTBOX_SMS_URL: `${sms.url}/sms` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 300 s:\n${output}`)), 300_000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    const poll = setInterval(() => {
      if (output.includes('PhongDich is ready')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
  });
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  return async () => {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    sms.close();
    await new Promise((r) => setTimeout(r, 1000));
    await rm(dataDir, { recursive: true, force: true });
  };
}
