// What the self-report page works out before sending: the numbers typed (a decimal comma, as a
// Vietnamese keyboard gives), checked against the plausible ranges the server also applies, and
// the request built from them.
import type { Measure, PublicReportBody } from '../../../shared/api/quarantine-monitoring';

/** The plausible ranges of the API (a slip of the finger, not a judgement of health). */
export const RANGES: Record<Measure, { min: number; max: number; whole: boolean }> = {
  temperature: { min: 34, max: 43, whole: false },
  spo2: { min: 50, max: 100, whole: true },
  respiratoryRate: { min: 5, max: 80, whole: true },
  pulse: { min: 20, max: 250, whole: true },
  systolic: { min: 50, max: 260, whole: true },
  diastolic: { min: 30, max: 160, whole: true },
};

export type Parsed = { value: number | null } | { error: 'number' | 'range' };

/** "36,8" or "36.8" → 36.8; empty → null (not measured); anything else an error naming why. */
export function parseMeasure(text: string, measure: Measure): Parsed {
  const s = text.trim().replace(',', '.');
  if (s === '') return { value: null };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return { error: 'number' };
  const r = RANGES[measure];
  const n = Number(s);
  if (n < r.min || n > r.max) return { error: 'range' };
  return { value: r.whole ? Math.round(n) : Math.round(n * 10) / 10 };
}

export type Problem = { field: Measure; error: 'required' | 'number' | 'range' };

/** The request, or the first field to correct; only the temperature is required. */
export function reportBody(token: string, texts: Partial<Record<Measure, string>>, measures: readonly Measure[], symptoms: readonly string[]): { body: PublicReportBody } | { problem: Problem } {
  const body: PublicReportBody = { token, symptoms: [...symptoms] };
  for (const m of ['temperature', ...measures.filter((x) => x !== 'temperature')] as Measure[]) {
    const parsed = parseMeasure(texts[m] ?? '', m);
    if ('error' in parsed) return { problem: { field: m, error: parsed.error } };
    if (m === 'temperature' && parsed.value === null) return { problem: { field: m, error: 'required' } };
    body[m] = parsed.value;
  }
  return { body };
}

/** The link's token: ?token=…, as the staff screen makes it. */
export function tokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim();
  return token ? token : null;
}

/**
 * What the result names: each sign in words, a warning symptom by the name of what the person
 * ticked (the API says only "symptom"), each once.
 */
export function warningLabels(codes: readonly string[], ticked: readonly string[], choices: readonly { code: string; name: { vi: string; en: string }; warning: boolean }[], lang: 'vi' | 'en', word: (code: string) => string): string[] {
  const out = codes.flatMap((c) => {
    if (c !== 'symptom') return [word(c)];
    const named = choices.filter((s) => s.warning && ticked.includes(s.code)).map((s) => s.name[lang] || s.name.vi);
    return named.length ? named : [word(c)];
  });
  return [...new Set(out)];
}
