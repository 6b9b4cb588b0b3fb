-- Quarantine and treatment: facilities (centralized quarantine, paid hotels, field and district or
-- provincial hospitals) with their zones, rooms and beds; stays of people in them or at home;
-- the tests due during a stay, daily health checks, transfer proposals to a higher tier, capacity
-- targets per unit and the self-report links of home stays.
--
-- One stay model serves quarantine (F1, arrivals) and treatment (F0): a transfer closes a stay and
-- opens a new one linked to it, so a person's path through facilities reads in order.

create table facilities (
  id serial primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('quarantine_centralized', 'quarantine_hotel', 'treatment_field', 'treatment_district', 'treatment_provincial')),
  -- the treatment tier (1..3) of the "tháp 3 tầng"; quarantine facilities have none
  tier smallint check (tier between 1 and 3),
  paid boolean not null default false,
  funding_source text not null default 'state' check (funding_source in ('state', 'self', 'insurance', 'other')),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  managing_unit_id integer references admin_units(id),
  address_line text not null default '',
  status text not null default 'ready' check (status in ('ready', 'active', 'closed')),
  oxygen_beds integer not null default 0 check (oxygen_beds >= 0),
  icu_beds integer not null default 0 check (icu_beds >= 0),
  family_rooms boolean not null default false,
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind like 'treatment_%') = (tier is not null))
);
create index facilities_commune on facilities (commune_id, status);
create index facilities_district on facilities (district_id, status);
create index facilities_province on facilities (province_id, status);

create table facility_zones (
  id serial primary key,
  facility_id integer not null references facilities(id),
  name text not null,
  unique (facility_id, name)
);

create table facility_rooms (
  id serial primary key,
  facility_id integer not null references facilities(id),
  zone_id integer references facility_zones(id),
  code text not null,
  capacity integer not null check (capacity between 1 and 500),
  sex text not null default 'any' check (sex in ('male', 'female', 'any')),
  unique (facility_id, code)
);
create index facility_rooms_zone on facility_rooms (zone_id);

create table facility_beds (
  id serial primary key,
  room_id integer not null references facility_rooms(id),
  code text not null,
  kind text not null default 'normal' check (kind in ('normal', 'oxygen', 'icu')),
  unique (room_id, code)
);

create table facility_staff (
  id serial primary key,
  facility_id integer not null references facilities(id),
  full_name text not null,
  phone text,
  role text not null,
  on_duty_from timestamptz not null,
  on_duty_to timestamptz,
  created_at timestamptz not null default now(),
  check (on_duty_to is null or on_duty_to > on_duty_from)
);
create index facility_staff_facility on facility_staff (facility_id, on_duty_from);

-- A registered camera feed: a link and the last known status. No video is stored.
create table facility_cameras (
  id serial primary key,
  facility_id integer not null references facilities(id),
  label text not null,
  url text not null,
  last_status text not null default 'unknown' check (last_status in ('ok', 'down', 'unknown')),
  last_checked_at timestamptz
);
create index facility_cameras_facility on facility_cameras (facility_id);

create table stays (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('quarantine', 'treatment')),
  place text not null check (place in ('centralized', 'hotel', 'home', 'facility')),
  facility_id integer references facilities(id),
  room_id integer references facility_rooms(id),
  bed_id integer references facility_beds(id),
  -- treatment tier while in this stay (the facility's, or 1 at home)
  tier smallint check (tier between 1 and 3),
  category text not null check (category in ('close_contact', 'arrival_abroad', 'arrival_lockdown_area', 'case')),
  risk text not null check (risk in ('f0', 'f1', 'f2', 'arrival')),
  source text not null check (source in ('f1_list', 'checkpoint', 'case', 'manual', 'transfer')),
  case_id bigint references cases(id),
  profile_id integer not null references disease_profiles(id),
  -- the profile's quarantine rule id, or 'treatment.release' for a treatment stay
  rule_id text not null,
  admitted_at timestamptz not null,
  -- the Vietnam calendar day of admission: people of different days are different cohorts
  admission_day date not null,
  planned_until date not null,
  status text not null default 'active' check (status in ('active', 'discharged', 'transferred', 'died')),
  discharged_at timestamptz,
  certificate_number text unique,
  transferred_to_stay_id bigint references stays(id),
  override_reason text,
  funding_source text not null default 'state' check (funding_source in ('state', 'self', 'insurance', 'other')),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  check ((place = 'home') = (facility_id is null)),
  check (room_id is null or facility_id is not null)
);
create index stays_room_active on stays (room_id) where status = 'active';
create index stays_facility on stays (facility_id, status);
create index stays_person on stays (person_id);
create unique index stays_person_active on stays (person_id) where status = 'active';
create index stays_commune on stays (commune_id, status);
create index stays_district on stays (district_id, status);
create index stays_province on stays (province_id, status);
create index stays_admission_day on stays (province_id, admission_day);

create table stay_events (
  id bigint generated always as identity primary key,
  stay_id bigint not null references stays(id),
  kind text not null check (kind in ('admitted', 'moved_room', 'test_recorded', 'extended', 'warning_signs', 'report_missed', 'transfer_proposed', 'transferred', 'discharged', 'handed_over', 'died')),
  at timestamptz not null default now(),
  by integer references accounts(id),
  params jsonb not null default '{}'
);
create index stay_events_stay on stay_events (stay_id, at);

-- The profile's test days of a stay as sampling tasks (day 1 = the admission day).
create table stay_tests (
  id bigint generated always as identity primary key,
  stay_id bigint not null references stays(id),
  day_number integer not null check (day_number >= 1),
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  sample_code text,
  result text check (result in ('negative', 'positive', 'invalid')),
  result_at timestamptz,
  recorded_by integer references accounts(id),
  unique (stay_id, day_number)
);
create index stay_tests_open on stay_tests (due_on) where status = 'open';

create table health_checks (
  id bigint generated always as identity primary key,
  stay_id bigint not null references stays(id),
  at timestamptz not null,
  reported_by_account integer references accounts(id),
  self_report boolean not null default false,
  temperature numeric(4, 1),
  spo2 integer check (spo2 between 0 and 100),
  respiratory_rate integer check (respiratory_rate between 0 and 200),
  pulse integer check (pulse between 0 and 300),
  systolic integer check (systolic between 0 and 300),
  diastolic integer check (diastolic between 0 and 300),
  symptoms text[] not null default '{}',
  -- the warning signs this check showed, as evaluated against the profile when it was recorded
  warnings jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index health_checks_stay on health_checks (stay_id, at);

create table transfer_proposals (
  id bigint generated always as identity primary key,
  stay_id bigint not null references stays(id),
  health_check_id bigint references health_checks(id),
  -- null: from home care, below tier 1
  from_tier smallint check (from_tier between 1 and 3),
  to_tier smallint not null check (to_tier between 1 and 3),
  reasons jsonb not null default '[]',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  decided_by integer references accounts(id),
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create index transfer_proposals_stay on transfer_proposals (stay_id);
create index transfer_proposals_pending on transfer_proposals (created_at) where status = 'pending';

-- Plan targets: how many people a unit must be able to hold in quarantine or treatment.
create table capacity_targets (
  unit_id integer not null references admin_units(id),
  kind text not null check (kind in ('quarantine', 'treatment')),
  target integer not null check (target >= 0),
  updated_by integer references accounts(id),
  updated_at timestamptz not null default now(),
  primary key (unit_id, kind)
);

-- The self-report link of a home stay: only its hash is kept; a new link replaces the old one.
create table home_reports_tokens (
  stay_id bigint primary key references stays(id),
  token_hash text not null unique,
  created_at timestamptz not null default now()
);
