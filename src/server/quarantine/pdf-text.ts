// The text of a PDF written by pdfkit, for tests: no PDF reader is among the dependencies and
// the machines running the tests need not have poppler. pdfkit embeds fonts as Identity-H with a
// ToUnicode map, so the glyph ids of each shown string map back to the characters.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = body[at + 6] === '\r' ? at + 8 : at + 7;
    const end = body.lastIndexOf('endstream');
    let data = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.set(Number(m[1]), { dict, stream: data });
  }
  return out;
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const chars = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(hex(m[1]), chars(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [lo, hi] = [hex(m[1]), hex(m[2])];
      if (m[3].startsWith('[')) {
        [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, chars(d[1])));
      } else {
        const first = hex(m[3].slice(1, -1));
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
      }
    }
  }
  return map;
}

/** The text of every page, one line per text object, in the order drawn. */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1]);
  const lines: string[] = [];
  for (const page of [...objs.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict))) {
    const resources = /\/Resources\s+(\d+) 0 R/.exec(page.dict) ? objs.get(ref(page.dict, 'Resources'))!.dict : page.dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Map<number, string>>();
    for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(m[2]))!;
      const cmap = objs.get(ref(font.dict, 'ToUnicode'))?.stream;
      fonts.set(m[1], cmap ? toUnicode(cmap.toString('latin1')) : new Map());
    }
    const content = objs.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
    let current = new Map<number, string>();
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const op of block[1].matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (op[1]) current = fonts.get(op[1]) ?? new Map();
        const parts = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)] : [[op[0], op[3]] as unknown as RegExpMatchArray];
        for (const p of parts) {
          if (p[1] !== undefined) line += (p[1].match(/.{4}/g) ?? []).map((g) => current.get(parseInt(g, 16)) ?? '').join('');
          else if (Number(p[2]) < -100) line += ' ';
        }
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
