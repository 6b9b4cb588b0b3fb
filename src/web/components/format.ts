import { currentLang } from '../i18n';

export function formatNumber(n: number | null | undefined): string {
  if (n == null) return '';
  return new Intl.NumberFormat(currentLang() === 'vi' ? 'vi-VN' : 'en-US').format(n);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null) return '';
  return new Intl.NumberFormat(currentLang() === 'vi' ? 'vi-VN' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
