import type { TFunction } from 'i18next';
import type { PersonSummary } from '../../shared/api/people.js';
import { formatDate } from '../../shared/vn/dates.js';

/** dd/MM/yyyy, or only the year when that is all that is known. */
export function birthText(p: Pick<PersonSummary, 'birthDate' | 'birthYear'>): string {
  return p.birthDate ? formatDate(p.birthDate) : String(p.birthYear);
}

export function docText(t: TFunction, p: Pick<PersonSummary, 'docType' | 'docNumber'>): string {
  return p.docType && p.docNumber ? `${t(`people.docType.${p.docType}`)} ${p.docNumber}` : '';
}

/** Scores come as a 0–1 likelihood. */
export function scoreText(score: number): string {
  return `${Math.round(score * 100)}%`;
}
