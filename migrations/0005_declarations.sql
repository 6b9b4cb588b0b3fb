-- Health declarations from citizens (public form, no account), their triage by the commune's
-- health officer, the outbreak areas that trigger it, and what lets a person come back: a
-- device key (only its SHA-256 is stored) and a personal QR id. Declarations are kept as a
-- history (a new one supersedes the previous, never overwrites it) and purged after the
-- profile's retention period; declaration_stats keeps the daily counts that outlive them.
create table person_devices (
  id bigint generated always as identity primary key,
  key_hash text not null unique,
  person_id bigint not null references people(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now()
);
create index person_devices_person on person_devices (person_id);

create table personal_qr (
  qr_id text primary key,
  person_id bigint not null references people(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index personal_qr_person on personal_qr (person_id) where revoked_at is null;

create table declarations (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('health', 'domestic_travel', 'arrival')),
  submitted_at timestamptz not null default now(),
  device_id bigint references person_devices(id),
  profile_id integer not null references disease_profiles(id),
  province_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  commune_id integer not null references admin_units(id),
  answers jsonb not null,
  travel jsonb,
  arrival jsonb,
  person_differences jsonb not null default '[]',
  supersedes_id bigint references declarations(id) on delete set null,
  triage_status text not null check (triage_status in ('not_needed', 'pending', 'handled')),
  triage_reasons jsonb not null default '[]'
);
create index declarations_person on declarations (person_id, submitted_at desc);
create index declarations_commune_triage on declarations (commune_id, triage_status, submitted_at);
create index declarations_district_triage on declarations (district_id, triage_status, submitted_at);
create index declarations_province_triage on declarations (province_id, triage_status, submitted_at);
create index declarations_submitted on declarations (submitted_at);
create index declarations_supersedes on declarations (supersedes_id) where supersedes_id is not null;

create table declaration_triage_actions (
  id bigint generated always as identity primary key,
  declaration_id bigint not null references declarations(id) on delete cascade,
  action text not null check (action in ('called', 'asked_to_test', 'home_monitoring', 'no_action')),
  outcome text not null default '',
  account_id integer not null references accounts(id),
  at timestamptz not null default now()
);
create index declaration_triage_actions_declaration on declaration_triage_actions (declaration_id, at);

-- Marked by a health officer. A unit is kept by its GSO code so a mark outlives a re-import of
-- the unit list; a country by its ISO 3166-1 alpha-2 code.
create table outbreak_areas (
  id serial primary key,
  kind text not null check (kind in ('unit', 'country')),
  unit_code text,
  country_code text check (country_code ~ '^[A-Z]{2}$'),
  label text not null,
  from_date date not null,
  until_date date,
  created_by integer not null references accounts(id),
  created_at timestamptz not null default now(),
  check ((kind = 'unit') = (unit_code is not null)),
  check ((kind = 'country') = (country_code is not null)),
  check (until_date is null or until_date >= from_date)
);
create index outbreak_areas_unit on outbreak_areas (unit_code) where unit_code is not null;

create table declaration_stats (
  date date not null,
  commune_id integer not null references admin_units(id),
  kind text not null,
  count integer not null check (count >= 0),
  symptomatic_count integer not null check (symptomatic_count >= 0),
  primary key (date, commune_id, kind)
);
