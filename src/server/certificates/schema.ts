import { pgTable, serial, integer, bigint, text, timestamp } from 'drizzle-orm/pg-core';

export const certificateKeys = pgTable('certificate_keys', {
  id: serial('id').primaryKey(),
  provinceId: integer('province_id').notNull(),
  provinceName: text('province_name').notNull(),
  kid: text('kid').notNull().unique(),
  /** Base64 DER SubjectPublicKeyInfo. */
  publicKey: text('public_key').notNull(),
  /** Base64 DER PKCS#8. */
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
export type CertificateKeyRow = typeof certificateKeys.$inferSelect;

export const certificates = pgTable('certificates', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  uvci: text('uvci').notNull().unique(),
  uvciHash: text('uvci_hash').notNull().unique(),
  type: text('type', { enum: ['t', 'v', 'r'] }).notNull(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  provinceId: integer('province_id').notNull(),
  kid: text('kid').notNull(),
  sourceRef: text('source_ref'),
  qr: text('qr').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  issuedBy: integer('issued_by'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: integer('revoked_by'),
  revocationReason: text('revocation_reason'),
});
export type CertificateRow = typeof certificates.$inferSelect;
