/** Staff roles and what each may do. Every account also has a jurisdiction (a unit) that bounds all of it. */
export const ROLES = [
  'system_admin',
  'steering_member',
  'health_officer',
  'district_officer',
  'commune_officer',
  'checkpoint_officer',
  'facility_manager',
  'lab_technician',
  'vaccination_staff',
  'community_member',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'overview.read',
  'units.read',
  'units.manage',
  'people.read',
  'people.write',
  'people.merge',
  'people.export',
  'accounts.manage',
  'audit.read',
  'profiles.read',
  'profiles.manage',
  'declarations.read',
  'declarations.triage',
  'outbreak_areas.manage',
  'venues.manage',
  'checkins.read',
  'checkins.scan',
  'cases.read',
  'cases.write',
  'tracing.decide',
  'tasks.work',
  'clusters.manage',
  'testing.read',
  'testing.sample',
  'testing.lab',
  'testing.manage',
  'testing.capacity',
  'certificates.revoke',
  'certificates.keys',
  'quarantine.read',
  'quarantine.manage',
  'quarantine.admit',
  'quarantine.monitor',
  'quarantine.capacity',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const DECLARATIONS: Permission[] = ['declarations.read', 'declarations.triage'];

// Officials register venues and look up visits; staff posted at a venue or checkpoint scan visitors.
const CHECKINS: Permission[] = ['venues.manage', 'checkins.read', 'checkins.scan'];

// Commune teams trace and work the tasks; clusters are named at district or province level.
const TRACING: Permission[] = ['cases.read', 'cases.write', 'tracing.decide', 'tasks.work'];

// Officials run campaigns and sites and take samples; labs receive and enter results. The capacity
// view holds only aggregates, so the steering committee reads it too.
const TESTING: Permission[] = ['testing.read', 'testing.sample', 'testing.manage', 'testing.capacity'];

// Officials admit, transfer and discharge and watch the daily checks; facilities and plan targets
// are set at province level. The capacity view holds only aggregates, so the steering committee
// reads it too, never the stays themselves.
const QUARANTINE: Permission[] = ['quarantine.read', 'quarantine.admit', 'quarantine.monitor', 'quarantine.capacity'];

const FIELD_STAFF: Permission[] = ['overview.read', 'units.read', 'people.read', 'people.write', 'profiles.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  // The steering committee reads the overview and aggregates, never individual health records.
  steering_member: ['overview.read', 'units.read', 'profiles.read', 'testing.capacity', 'quarantine.capacity'],
  health_officer: [...FIELD_STAFF, 'people.merge', 'people.export', 'audit.read', 'profiles.manage', ...DECLARATIONS, 'outbreak_areas.manage', ...CHECKINS, ...TRACING, 'clusters.manage', ...TESTING, 'testing.lab', 'certificates.revoke', ...QUARANTINE, 'quarantine.manage'],
  district_officer: [...FIELD_STAFF, 'people.merge', 'people.export', ...DECLARATIONS, ...CHECKINS, ...TRACING, 'clusters.manage', ...TESTING, 'certificates.revoke', ...QUARANTINE],
  commune_officer: [...FIELD_STAFF, 'people.export', ...DECLARATIONS, ...CHECKINS, ...TRACING, ...TESTING, 'certificates.revoke', ...QUARANTINE],
  checkpoint_officer: [...FIELD_STAFF, 'checkins.scan', 'testing.sample'],
  facility_manager: [...FIELD_STAFF, 'checkins.scan', 'testing.sample', ...QUARANTINE],
  lab_technician: [...FIELD_STAFF, 'testing.read', 'testing.lab', 'testing.capacity', 'certificates.revoke'],
  vaccination_staff: [...FIELD_STAFF, 'certificates.revoke'],
  community_member: ['overview.read', 'units.read', 'people.read', 'profiles.read', 'declarations.read', 'tasks.work', 'quarantine.monitor'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

export type UnitLevel = 'province' | 'district' | 'commune';
