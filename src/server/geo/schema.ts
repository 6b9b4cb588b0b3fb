import { pgTable, serial, text, integer, date, jsonb, timestamp } from 'drizzle-orm/pg-core';

export const adminUnits = pgTable('admin_units', {
  id: serial('id').primaryKey(),
  code: text('code').notNull(),
  level: text('level', { enum: ['province', 'district', 'commune'] }).notNull(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  typeName: text('type_name').notNull().default(''),
  nameEn: text('name_en'),
  searchKey: text('search_key').notNull(),
  parentId: integer('parent_id'),
  provinceId: integer('province_id'),
  districtId: integer('district_id'),
  listVersion: text('list_version').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  population: integer('population'),
  boundary: jsonb('boundary'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type AdminUnit = typeof adminUnits.$inferSelect;
