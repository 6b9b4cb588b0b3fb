import { formatPath } from '../../shared/profiles/paths.js';

/**
 * Writes a value exactly as JSON.stringify(value, null, 2) does and records the line (1-based)
 * where each path starts, so a server error naming "quarantine.rules[2].days" can point at it.
 */
export function prettyWithLines(value: unknown): { text: string; lines: Map<string, number> } {
  const out: string[] = [];
  const lines = new Map<string, number>();
  const write = (v: unknown, path: PropertyKey[], indent: string, prefix: string, suffix: string) => {
    lines.set(formatPath(path), out.length + 1);
    const inner = `${indent}  `;
    if (Array.isArray(v) && v.length) {
      out.push(`${indent}${prefix}[`);
      v.forEach((x, i) => write(x, [...path, i], inner, '', i < v.length - 1 ? ',' : ''));
      out.push(`${indent}]${suffix}`);
    } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      out.push(`${indent}${prefix}{`);
      entries.forEach(([k, x], i) => write(x, [...path, k], inner, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''));
      out.push(`${indent}}${suffix}`);
    } else {
      out.push(`${indent}${prefix}${JSON.stringify(v)}${suffix}`);
    }
  };
  write(value, [], '', '', '');
  return { text: out.join('\n'), lines };
}

/** The line of a path in the text, when the text is still laid out the way prettyWithLines writes it. */
export function lineOfPath(text: string, path: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const { text: canonical, lines } = prettyWithLines(parsed);
  if (canonical !== text.trim()) return null;
  return lines.get(path) ?? null;
}

/** Selects a line of a textarea and scrolls it into view. */
export function selectLine(el: HTMLTextAreaElement, line: number): void {
  const rows = el.value.split('\n');
  const start = rows.slice(0, line - 1).reduce((n, r) => n + r.length + 1, 0);
  el.focus();
  el.setSelectionRange(start, start + (rows[line - 1]?.length ?? 0));
  const lineHeight = el.scrollHeight / Math.max(rows.length, 1);
  el.scrollTop = Math.max(0, (line - 5) * lineHeight);
}
