-- Cases (F0), the exposures between people, the contact levels derived from them (F1, F2 …),
-- tracing proposals, tracing tasks, clusters and the notification outbox.
--
-- A person's level is never typed: it is the shortest path, over exposures still standing, from
-- a case that counts as a source, capped at the profile's deepest level. contact_levels keeps the
-- current result so worklists and the graph read it without walking the graph; level_changes
-- keeps every move with its reason.

create table clusters (
  id bigint generated always as identity primary key,
  province_id integer not null references admin_units(id),
  number integer not null,
  name text not null,
  -- the commune most of its cases live in, for the name and for jurisdiction
  commune_id integer references admin_units(id),
  district_id integer references admin_units(id),
  status text not null default 'active' check (status in ('active', 'closed')),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  unique (province_id, number)
);

create table cases (
  id bigint generated always as identity primary key,
  province_id integer not null references admin_units(id),
  -- "BN" + number, numbered per province in confirmation order
  number integer,
  person_id bigint not null references people(id),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  status text not null check (status in ('suspected', 'confirmed', 'isolating', 'in_treatment', 'recovered', 're_positive', 'died', 'transferred', 'ruled_out')),
  confirmation text check (confirmation in ('test', 'manual')),
  -- the test that confirmed it (a sample code until the testing capability links its own rows)
  confirmation_test text,
  confirmation_reason text,
  confirmed_at timestamptz,
  symptom_onset date,
  positive_sample_date date,
  infectious_from date,
  infectious_until date,
  location text not null default 'unknown' check (location in ('unknown', 'home', 'facility', 'hospital')),
  treatment_tier smallint check (treatment_tier between 1 and 3),
  location_note text not null default '',
  transferred_to text,
  -- the case it was infected by, when tracing knows it; null with source_known = false: unknown source
  source_case_id bigint references cases(id),
  source_known boolean not null default false,
  imported boolean not null default false,
  cluster_id bigint references clusters(id),
  profile_id integer not null references disease_profiles(id),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (province_id, number),
  check ((status = 'suspected') or (status = 'ruled_out') or number is not null)
);
-- One open case per person: a re-positive person reopens the same case.
create unique index cases_person_open on cases (person_id) where status <> 'ruled_out';
create index cases_commune on cases (commune_id, status);
create index cases_district on cases (district_id, status);
create index cases_province on cases (province_id, confirmed_at);
create index cases_cluster on cases (cluster_id) where cluster_id is not null;

create table case_status_history (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases(id),
  status text not null,
  note text not null default '',
  account_id integer references accounts(id),
  at timestamptz not null default now()
);
create index case_status_history_case on case_status_history (case_id, at);

-- An exposure: contact_id was near source_id (who was a case or a contact then). Stored once per
-- pair, setting and start; removed ones stay with removed_at so a level's history can be read.
create table exposures (
  id bigint generated always as identity primary key,
  source_id bigint not null references people(id),
  contact_id bigint not null references people(id),
  setting text not null check (setting in ('household', 'workplace', 'venue', 'vehicle', 'checkpoint', 'care_without_ppe', 'facility', 'other')),
  place text not null default '',
  venue_id integer references venues(id),
  started_at timestamptz not null,
  ended_at timestamptz,
  evidence jsonb not null default '{}',
  origin text not null check (origin in ('manual', 'proposal', 'import')),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by integer references accounts(id),
  removed_reason text,
  check (source_id <> contact_id)
);
create unique index exposures_pair on exposures (source_id, contact_id, setting, started_at) where removed_at is null;
create index exposures_source on exposures (source_id) where removed_at is null;
create index exposures_contact on exposures (contact_id) where removed_at is null;

-- level 0 = F0 (a case that counts as a source), 1 = F1 …; root_case_id: the nearest case.
create table contact_levels (
  person_id bigint primary key references people(id),
  level smallint not null check (level >= 0),
  root_case_id bigint references cases(id),
  via_person_id bigint references people(id),
  via_exposure_id bigint references exposures(id),
  -- when this person's exposure began (F1: contact with the F0), for F2 windows and due times
  exposed_at timestamptz,
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  since timestamptz not null default now()
);
create index contact_levels_commune on contact_levels (commune_id, level);
create index contact_levels_district on contact_levels (district_id, level);
create index contact_levels_province on contact_levels (province_id, level);
create index contact_levels_root on contact_levels (root_case_id);

-- from_level / to_level null: not traced before / no longer traced.
create table level_changes (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  from_level smallint,
  to_level smallint,
  reason text not null,
  reason_params jsonb not null default '{}',
  case_id bigint references cases(id),
  account_id integer references accounts(id),
  at timestamptz not null default now()
);
create index level_changes_person on level_changes (person_id, at);

-- What automated tracing found for a person being traced (a case or a contact): a candidate
-- contact with its evidence, waiting for a tracer's decision.
create table tracing_proposals (
  id bigint generated always as identity primary key,
  subject_id bigint not null references people(id),
  candidate_id bigint not null references people(id),
  setting text not null check (setting in ('household', 'workplace', 'venue', 'vehicle', 'checkpoint', 'care_without_ppe', 'facility', 'other')),
  venue_id integer references venues(id),
  -- the subject's visit (check-in id) the proposal came from, so a whole visit is decided at once
  subject_visit_id bigint,
  overlap_start timestamptz,
  overlap_minutes integer,
  evidence jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  exposure_id bigint references exposures(id),
  decided_by integer references accounts(id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check (subject_id <> candidate_id)
);
create unique index tracing_proposals_unique on tracing_proposals (subject_id, candidate_id, setting, coalesce(subject_visit_id, 0));
create index tracing_proposals_subject on tracing_proposals (subject_id, status);

create table tracing_tasks (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  kind text not null check (kind in ('reach_phone', 'locate', 'quarantine', 'home_monitoring', 'test')),
  level smallint not null,
  case_id bigint references cases(id),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  due_at timestamptz not null,
  assigned_to integer references accounts(id),
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  outcome text,
  note text not null default '',
  created_at timestamptz not null default now(),
  done_at timestamptz,
  done_by integer references accounts(id),
  overdue_notified_at timestamptz
);
create unique index tracing_tasks_open on tracing_tasks (person_id, kind) where status = 'open';
create index tracing_tasks_commune on tracing_tasks (commune_id, status, due_at);
create index tracing_tasks_district on tracing_tasks (district_id, status, due_at);
create index tracing_tasks_province on tracing_tasks (province_id, status, due_at);

-- Messages to send (SMS, Zalo, e-mail); a job hands each to the configured sender.
create table outbox (
  id bigint generated always as identity primary key,
  channel text not null check (channel in ('sms', 'zalo', 'email', 'log')),
  recipient text not null,
  template text not null,
  params jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_pending on outbox (created_at) where status = 'pending';

-- Household proposals match people of one commune at the same address.
create index people_household on people (commune_id, address_line) where address_line <> '';

-- Tracing reads who else was at a venue around each of a case's visits: with the visitor and the
-- check-out in the index, that is an index-only scan instead of a heap read per check-in.
drop index checkins_venue_time;
create index checkins_venue_time on checkins (venue_id, checked_in_at) include (checked_out_at, person_id);

-- Vehicle proposals match domestic-travel declarations by plate (letters and digits) and day.
create index declarations_vehicle on declarations ((upper(regexp_replace(travel ->> 'vehicleNumber', '[^A-Za-z0-9]', '', 'g'))), (travel ->> 'departureDate'))
  where kind = 'domestic_travel';
