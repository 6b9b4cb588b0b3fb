// Every capability's tables, gathered for Drizzle's typed queries. The SQL in migrations/ is the
// source of truth; schema.test.ts checks that these definitions match it.
export * from '../geo/schema.js';
export * from '../people/schema.js';
export * from '../auth/schema.js';
export * from '../audit/schema.js';
export * from '../profiles/schema.js';
export * from '../declarations/schema.js';
export * from '../checkins/schema.js';
export * from '../certificates/schema.js';
export * from '../cases/schema.js';
export * from '../testing/schema.js';
export * from '../quarantine/schema.js';
import * as geo from '../geo/schema.js';
import * as people from '../people/schema.js';
import * as auth from '../auth/schema.js';
import * as audit from '../audit/schema.js';
import * as profiles from '../profiles/schema.js';
import * as declarations from '../declarations/schema.js';
import * as checkins from '../checkins/schema.js';
import * as certificates from '../certificates/schema.js';
import * as cases from '../cases/schema.js';
import * as testing from '../testing/schema.js';
import * as quarantine from '../quarantine/schema.js';

export const schema = { ...geo, ...people, ...auth, ...audit, ...profiles, ...declarations, ...checkins, ...certificates, ...cases, ...testing, ...quarantine };
