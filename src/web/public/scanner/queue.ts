// Scans wait in localStorage until the server has answered for each one, so a venue without
// network keeps scanning and nothing is lost on a reload. The server stores a clientId once,
// so sending an item again after a lost answer is harmless.
import type { StaffScanBody } from '../../../shared/api/checkins';

export type Scan = StaffScanBody & { clientId: string; at: string };
export interface LogEntry {
  clientId: string;
  at: string;
  status: 'queued' | 'ok' | 'repeated' | 'refused';
  message?: string;
}

const QUEUE_KEY = 'phongdich.scanQueue';
const LOG_KEY = 'phongdich.scanLog';
const LOG_SIZE = 50;

function read<T>(key: string): T[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export const queued = () => read<Scan>(QUEUE_KEY);
export const log = () => read<LogEntry>(LOG_KEY);

export function enqueue(scan: Scan): void {
  localStorage.setItem(QUEUE_KEY, JSON.stringify([...queued(), scan]));
  writeLog([{ clientId: scan.clientId, at: scan.at, status: 'queued' }]);
}

/** Records the server's answers: answered items leave the queue, the log shows what happened. */
export function settle(answers: LogEntry[]): void {
  const done = new Set(answers.map((a) => a.clientId));
  localStorage.setItem(QUEUE_KEY, JSON.stringify(queued().filter((s) => !done.has(s.clientId))));
  writeLog(answers);
}

function writeLog(entries: LogEntry[]): void {
  const byId = new Map(log().map((e) => [e.clientId, e]));
  for (const e of entries) byId.set(e.clientId, { ...byId.get(e.clientId), ...e });
  const all = [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, LOG_SIZE);
  localStorage.setItem(LOG_KEY, JSON.stringify(all));
}
