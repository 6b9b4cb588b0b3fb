-- Venues with a QR poster and the check-ins of their visitors. check-ins are the largest table of
-- the platform (a province records millions a day) and are written in group commits, so the
-- table is kept narrow: no foreign keys (each would take a KEY SHARE lock on a hot venue or
-- people row per insert; the writer joins the venue instead), columns ordered to avoid
-- alignment padding, and only the indexes the look-ups, the repeat check and the purge need.
create table venues (
  id serial primary key,
  code text not null unique,
  name text not null,
  name_key text not null,
  type text not null check (type in ('market', 'supermarket', 'factory', 'office', 'school', 'restaurant', 'karaoke', 'hospital', 'pharmacy', 'station', 'religious', 'other')),
  address_line text not null,
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  manager_name text not null,
  manager_phone text not null,
  capacity integer check (capacity > 0),
  status text not null check (status in ('pending', 'active', 'suspended')),
  -- null: registered by its owner through the public form
  registered_by integer references accounts(id),
  created_at timestamptz not null default now(),
  suspended_at timestamptz,
  suspended_reason text
);
create index venues_commune on venues (commune_id, status);
create index venues_district on venues (district_id, status);
create index venues_province on venues (province_id, status);

-- Phones or tablets a venue's staff scan visitors with, without an account; only the key's
-- SHA-256 is stored.
create table venue_devices (
  id serial primary key,
  venue_id integer not null references venues(id),
  label text not null,
  key_hash text not null unique,
  created_by integer not null references accounts(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index venue_devices_venue on venue_devices (venue_id);

-- source: 1 the visitor scanned the venue QR, 2 staff scanned the visitor's QR, 3 staff typed its code.
-- client_id: the scanning device's id for one scan, so a resent offline queue is stored once.
create table checkins (
  id bigint generated always as identity primary key,
  person_id bigint not null,
  checked_in_at timestamptz not null,
  checked_out_at timestamptz,
  client_id uuid,
  venue_id integer not null,
  commune_id integer not null,
  source smallint not null check (source between 1 and 3)
);
create index checkins_venue_time on checkins (venue_id, checked_in_at);
create index checkins_person_time on checkins (person_id, checked_in_at);
create unique index checkins_client on checkins (client_id) where client_id is not null;
-- Rows arrive in time order, so a BRIN index (a few pages) finds the purge's old rows.
create index checkins_time_brin on checkins using brin (checked_in_at);

-- Daily visit counts per venue that outlive the purged check-ins (day in Vietnam time).
create table checkin_stats (
  day date not null,
  venue_id integer not null references venues(id),
  commune_id integer not null,
  visits integer not null,
  primary key (day, venue_id)
);
create index checkin_stats_commune on checkin_stats (commune_id, day);
