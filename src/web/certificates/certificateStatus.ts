import type { CertificateViewDto } from '../../shared/api/certificates.js';

export type CertificateStatus = 'valid' | 'expired' | 'revoked';

/** Revoked wins over expired: it is the stronger reason a verifier refuses it. */
export function certificateStatus(c: Pick<CertificateViewDto, 'revokedAt' | 'expiresAt'>, now = new Date()): CertificateStatus {
  if (c.revokedAt) return 'revoked';
  return Date.parse(c.expiresAt) <= now.getTime() ? 'expired' : 'valid';
}

export const STATUS_COLOR: Record<CertificateStatus, string> = { valid: 'green', expired: 'default', revoked: 'red' };
