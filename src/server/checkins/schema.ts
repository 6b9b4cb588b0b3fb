import { pgTable, serial, bigint, text, integer, smallint, date, uuid, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import { VENUE_STATUSES, VENUE_TYPES } from '../../shared/api/checkins.js';

export const venues = pgTable('venues', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameKey: text('name_key').notNull(),
  type: text('type', { enum: VENUE_TYPES }).notNull(),
  addressLine: text('address_line').notNull(),
  communeId: integer('commune_id').notNull(),
  districtId: integer('district_id'),
  provinceId: integer('province_id').notNull(),
  managerName: text('manager_name').notNull(),
  managerPhone: text('manager_phone').notNull(),
  capacity: integer('capacity'),
  status: text('status', { enum: VENUE_STATUSES }).notNull(),
  registeredBy: integer('registered_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  suspendedReason: text('suspended_reason'),
});
export type VenueRow = typeof venues.$inferSelect;

export const venueDevices = pgTable('venue_devices', {
  id: serial('id').primaryKey(),
  venueId: integer('venue_id').notNull(),
  label: text('label').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const checkins = pgTable('checkins', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  personId: bigint('person_id', { mode: 'number' }).notNull(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
  checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  clientId: uuid('client_id'),
  venueId: integer('venue_id').notNull(),
  communeId: integer('commune_id').notNull(),
  source: smallint('source').notNull(),
});

export const checkinStats = pgTable(
  'checkin_stats',
  {
    day: date('day').notNull(),
    venueId: integer('venue_id').notNull(),
    communeId: integer('commune_id').notNull(),
    visits: integer('visits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.venueId] })],
);
