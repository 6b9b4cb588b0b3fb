-- Administrative units. Every imported list is kept: records point at the unit row they were
-- made with, and a newer list retires the old rows (valid_to) instead of rewriting them.
create table admin_units (
  id serial primary key,
  code text not null,
  level text not null check (level in ('province', 'district', 'commune')),
  name text not null,
  full_name text not null,
  type_name text not null default '',
  name_en text,
  search_key text not null,
  parent_id integer references admin_units(id),
  province_id integer references admin_units(id),
  district_id integer references admin_units(id),
  list_version text not null,
  valid_from date not null,
  valid_to date,
  population integer check (population is null or population >= 0),
  boundary jsonb,
  created_at timestamptz not null default now(),
  unique (list_version, level, code)
);
create index admin_units_current_code on admin_units (code) where valid_to is null;
create index admin_units_parent on admin_units (parent_id);
create index admin_units_search on admin_units (search_key text_pattern_ops);

create table people (
  id bigint generated always as identity primary key,
  doc_type text check (doc_type in ('cccd', 'cmnd', 'passport')),
  doc_number text,
  phone text,
  full_name text not null,
  name_key text not null,
  birth_date date,
  birth_year integer not null check (birth_year between 1890 and 2100),
  sex text not null check (sex in ('male', 'female', 'other')),
  nationality text not null default 'VN',
  address_line text not null default '',
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  merged_into bigint references people(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index people_doc on people (doc_number) where doc_number is not null;
create index people_phone on people (phone) where phone is not null;
-- Every name search is inside a jurisdiction and returns rows in (name_key, id) order: with the
-- unit first and id last, a prefix search over a large unit reads rows already sorted. A
-- province-wide name index without the unit is left out on purpose: the planner would pick it
-- for commune searches and discard thousands of rows (docs/PERFORMANCE.md).
create index people_commune_name_id on people (commune_id, name_key text_pattern_ops, id);
create index people_district_name_id on people (district_id, name_key text_pattern_ops, id);
create index people_province_name_id on people (province_id, name_key text_pattern_ops, id);

create table person_duplicates (
  id bigint generated always as identity primary key,
  person_a bigint not null references people(id),
  person_b bigint not null references people(id),
  score real not null,
  reasons jsonb not null,
  status text not null default 'open' check (status in ('open', 'merged', 'dismissed')),
  detected_at timestamptz not null default now(),
  decided_by integer,
  decided_at timestamptz,
  check (person_a < person_b),
  unique (person_a, person_b)
);
create index person_duplicates_open on person_duplicates (status, score desc);
-- A person's open candidates are looked up by either side; the unique (a, b) index serves only a.
create index person_duplicates_b on person_duplicates (person_b);

create table person_merges (
  id bigint generated always as identity primary key,
  kept_id bigint not null references people(id),
  merged_id bigint not null references people(id),
  reason text not null,
  duplicate_id bigint references person_duplicates(id),
  merged_snapshot jsonb not null,
  kept_before jsonb not null,
  merged_by integer not null,
  merged_at timestamptz not null default now()
);
create index person_merges_kept on person_merges (kept_id);
create index person_merges_merged on person_merges (merged_id);

create table accounts (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null,
  unit_id integer not null references admin_units(id),
  language text not null default 'vi' check (language in ('vi', 'en')),
  active boolean not null default true,
  must_change_password boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  account_id integer not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_account on sessions (account_id);

create table login_failures (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_username on login_failures (username, at);
create index login_failures_ip on login_failures (ip, at);

-- The audit log is append-only: the product has no path that edits it, and the database refuses.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  account_id integer,
  username text,
  role text,
  action text not null,
  entity text not null,
  entity_id text,
  person_id bigint,
  ip text,
  via text,
  details jsonb
);
create index audit_log_at on audit_log (at desc);
create index audit_log_person on audit_log (person_id, at desc);
create index audit_log_account on audit_log (account_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

create table disease_profiles (
  id serial primary key,
  disease text not null,
  version integer not null,
  label text not null,
  effective_from date not null,
  rules jsonb not null,
  notes text not null default '',
  created_by integer,
  created_at timestamptz not null default now(),
  unique (disease, version)
);
