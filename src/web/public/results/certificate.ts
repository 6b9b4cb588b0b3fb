// What a certificate says, read back from its own QR text, so the page shows the name and sample
// time as they were signed. No signature check here: the server has just issued it, and checking
// is the verifier page's work (the link under the QR).
import { decodeHc1 } from '../../../shared/dcc/hc1';
import { parseSign1 } from '../../../shared/dcc/cose';
import { parseCwt } from '../../../shared/dcc/cwt';
import { displayName, entryOf, type Dcc, type DccTestEntry } from '../../../shared/dcc/types';

export interface CertificateContent {
  name: string;
  /** Sample collection time as signed (ISO 8601). */
  sampleTime: string;
}

/** The holder and sample time of a test certificate; null when the text is not one. */
export function certificateContent(hc1: string): CertificateContent | null {
  try {
    const { dcc } = parseCwt(parseSign1(decodeHc1(hc1)).payload);
    const found = entryOf(dcc);
    if (!found || found.type !== 't') return null;
    return { name: displayName((dcc as Dcc).nam), sampleTime: (found.entry as DccTestEntry).sc };
  } catch {
    return null;
  }
}
