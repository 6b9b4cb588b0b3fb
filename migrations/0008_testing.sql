-- Testing: collection sites and labs, sampling campaigns with their drawn members, samples and
-- pools with their chain of custody, lab results and their imports, re-sampling tasks and the
-- cases a positive result proposes.
--
-- A sample moves collected -> sent -> received -> tested and never back. The triggers below
-- enforce the moves on every update, whichever code makes it, and write each move to
-- testing_sample_events, so a sample's history cannot be skipped; samples and their history
-- are never deleted. Both triggers are per statement with transition tables, so a lab file of
-- 100,000 results checks and records its moves in a few set-based statements.

create table testing_sites (
  id serial primary key,
  name text not null,
  name_key text not null,
  kind text not null check (kind in ('fixed', 'mobile', 'venue', 'checkpoint', 'facility')),
  -- a site set up at a venue (a market's gate)
  venue_id integer references venues(id),
  address_line text not null default '',
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  active boolean not null default true,
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);
create index testing_sites_commune on testing_sites (commune_id);
create index testing_sites_district on testing_sites (district_id);
create index testing_sites_province on testing_sites (province_id);

create table testing_labs (
  id serial primary key,
  code text not null unique,
  name text not null,
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  active boolean not null default true,
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);
create index testing_labs_province on testing_labs (province_id);

-- target: the kind's parameters as given (commune, venue and window, cluster, list).
-- The draw of a share is reproducible: members are the first share_pct % of the candidates in
-- the order of md5(id:seed:person), so the campaign id and seed give the same people again.
create table testing_campaigns (
  id serial primary key,
  name text not null,
  -- the unit the campaign is run for: a district campaign has district_id = its own id
  unit_id integer not null references admin_units(id),
  commune_id integer references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  target_kind text not null check (target_kind in ('commune_population', 'venue_visitors', 'factory_workers', 'cluster_contacts', 'explicit')),
  target jsonb not null,
  share_pct numeric(5, 2) check (share_pct > 0 and share_pct <= 100),
  seed bigint not null,
  pooling text not null check (pooling in ('none', 'low_risk', 'high_risk')),
  pool_size integer check (pool_size between 1 and 50),
  pool_group_by text check (pool_group_by in ('household', 'building')),
  starts_on date not null,
  ends_on date not null,
  resample_due_hours integer not null check (resample_due_hours between 1 and 720),
  candidates integer not null default 0,
  -- candidates outside the creator's jurisdiction: counted, never named or drawn
  outside_jurisdiction integer not null default 0,
  status text not null default 'active' check (status in ('active', 'closed')),
  profile_id integer not null references disease_profiles(id),
  created_by integer references accounts(id),
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on),
  check ((pooling = 'none') = (pool_size is null))
);
create index testing_campaigns_province on testing_campaigns (province_id, starts_on);

create table testing_campaign_sites (
  campaign_id integer not null references testing_campaigns(id),
  site_id integer not null references testing_sites(id),
  primary key (campaign_id, site_id)
);

create table testing_campaign_members (
  campaign_id integer not null references testing_campaigns(id),
  person_id bigint not null references people(id),
  -- order of the draw (1 = first drawn)
  rank integer not null,
  primary key (campaign_id, person_id)
);

create table testing_result_imports (
  id serial primary key,
  file_name text not null,
  file_sha256 text not null unique,
  lab_id integer references testing_labs(id),
  rows integer not null,
  applied integer not null,
  unchanged integer not null,
  imported_by integer references accounts(id),
  imported_at timestamptz not null default now()
);

-- Several swabs in one tube; the members' samples travel with it and take its result.
create table testing_pools (
  id bigint generated always as identity primary key,
  code text collate "C" not null unique,
  campaign_id integer not null references testing_campaigns(id),
  site_id integer not null references testing_sites(id),
  size_limit integer not null check (size_limit between 1 and 50),
  -- household or building the members share, when the campaign pools by one
  group_key text,
  closed_at timestamptz,
  state text not null default 'collected' check (state in ('collected', 'sent', 'received', 'tested')),
  lab_id integer references testing_labs(id),
  collected_at timestamptz not null,
  sent_at timestamptz,
  received_at timestamptz,
  tested_at timestamptz,
  test_type text check (test_type in ('rt_pcr', 'rapid_antigen')),
  result text check (result in ('positive', 'negative', 'invalid')),
  ct_value numeric(4, 1) check (ct_value > 0 and ct_value <= 50),
  result_by integer references accounts(id),
  import_id integer references testing_result_imports(id),
  created_by integer references accounts(id),
  created_at timestamptz not null default now()
);
create index testing_pools_open on testing_pools (campaign_id, site_id, group_key) where closed_at is null;

create table testing_samples (
  id bigint generated always as identity primary key,
  code text collate "C" not null unique,
  person_id bigint not null references people(id),
  -- where the person lives, when sampled (positivity by commune, the commune to notify)
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  site_id integer not null references testing_sites(id),
  campaign_id integer references testing_campaigns(id),
  pool_id bigint references testing_pools(id),
  requested_test text not null check (requested_test in ('rt_pcr', 'rapid_antigen')),
  state text not null default 'collected' check (state in ('collected', 'sent', 'received', 'tested')),
  -- the account of the latest move, written to its event by the trigger. The accounts and the
  -- import that results set are not foreign keys: they come from the signed-in actor and the
  -- import row of the same transaction, and a key check per row would slow a lab file down.
  state_by integer,
  lab_id integer references testing_labs(id),
  collected_at timestamptz not null,
  collected_by integer references accounts(id),
  sent_at timestamptz,
  received_at timestamptz,
  tested_at timestamptz,
  test_type text check (test_type in ('rt_pcr', 'rapid_antigen')),
  -- the sample's own result; a pooled sample reads its pool's
  result text check (result in ('positive', 'negative', 'invalid')),
  ct_value numeric(4, 1) check (ct_value > 0 and ct_value <= 50),
  result_by integer,
  import_id integer,
  created_at timestamptz not null default now(),
  check (result is null or pool_id is null),
  check (state <> 'tested' or tested_at is not null)
);
create index testing_samples_person on testing_samples (person_id, collected_at);
create index testing_samples_pool on testing_samples (pool_id) where pool_id is not null;
create index testing_samples_campaign on testing_samples (campaign_id, person_id) where campaign_id is not null;
create index testing_samples_site_time on testing_samples (site_id, collected_at);
create index testing_samples_state on testing_samples (state, collected_at) where state <> 'tested';

-- Written only by the triggers below, from the rows they move, so the ids are right by
-- construction; no foreign keys, as on check-ins: a lab file writes 200,000 of these at once and
-- a key check per row would cost more than the rest of the import.
create table testing_sample_events (
  id bigint generated always as identity primary key,
  sample_id bigint not null,
  pool_id bigint,
  from_state text,
  to_state text not null,
  at timestamptz not null,
  account_id integer,
  lab_id integer,
  recorded_at timestamptz not null default now()
);
create index testing_sample_events_sample on testing_sample_events (sample_id, id);

create function testing_samples_inserted() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_rows where state <> 'collected') then
    raise exception 'testing: a sample starts collected' using errcode = 'check_violation';
  end if;
  insert into testing_sample_events (sample_id, pool_id, from_state, to_state, at, account_id)
  select id, pool_id, null, 'collected', collected_at, state_by from new_rows;
  return null;
end $$;
create trigger testing_samples_inserted after insert on testing_samples
  referencing new table as new_rows for each statement execute function testing_samples_inserted();

-- Transition tables have no statistics: without enable_nestloop off the planner may join a
-- 100,000-row batch's old and new rows by nested loop (hours instead of a fraction of a second);
-- the cost that setting adds would then switch JIT compilation on for every batch, small or not.
create function testing_samples_moved() returns trigger language plpgsql set enable_nestloop = off set jit = off as $$
declare
  bad text;
begin
  -- One pass over the batch: each row's move is checked and its events written (a sample the lab
  -- tested straight from "sent" was received on the way: two events); any bad row aborts it all.
  with moved as materialized (
    select n.*, o.state as old_state,
           case
             when n.code <> o.code or n.person_id <> o.person_id
               or (o.state = 'tested' and (n.tested_at, n.result, n.test_type, n.ct_value) is distinct from (o.tested_at, o.result, o.test_type, o.ct_value))
               then n.code || ' (rewritten)'
             when n.state <> o.state and not (
                  (o.state = 'collected' and n.state = 'sent' and n.sent_at is not null and n.lab_id is not null)
               or (o.state = 'sent' and n.state = 'received' and n.received_at is not null)
               or (o.state in ('sent', 'received') and n.state = 'tested' and n.received_at is not null)
               -- a rapid antigen test is read at the site, without a lab
               or (o.state = 'collected' and n.state = 'tested' and n.test_type = 'rapid_antigen'))
               then n.code || ' (' || o.state || ' -> ' || n.state || ')'
           end as bad
      from old_rows o join new_rows n on n.id = o.id),
  written as (
    insert into testing_sample_events (sample_id, pool_id, from_state, to_state, at, account_id, lab_id)
    select m.id, m.pool_id, e.from_state, e.to_state, e.at, m.state_by, m.lab_id
      from moved m
     cross join lateral (values
       ('sent', 'received', m.received_at, m.old_state = 'sent' and m.state = 'tested'),
       (case when m.old_state = 'sent' and m.state = 'tested' then 'received' else m.old_state end, m.state,
        case m.state when 'sent' then m.sent_at when 'received' then m.received_at else m.tested_at end, m.state <> m.old_state)
     ) as e(from_state, to_state, at, happened)
     where e.happened)
  select min(m.bad) into bad from moved m;
  if bad is not null then
    raise exception 'testing: sample % cannot move so', bad using errcode = 'check_violation';
  end if;
  return null;
end $$;
create trigger testing_samples_moved after update on testing_samples
  referencing old table as old_rows new table as new_rows for each statement execute function testing_samples_moved();

create function testing_never_lost() returns trigger language plpgsql as $$
begin
  raise exception 'testing: % rows are never deleted or rewritten', tg_table_name;
end $$;
create trigger testing_samples_kept before delete on testing_samples
  for each statement execute function testing_never_lost();
create trigger testing_samples_not_truncated before truncate on testing_samples
  for each statement execute function testing_never_lost();
create trigger testing_pools_kept before delete on testing_pools
  for each statement execute function testing_never_lost();
create trigger testing_sample_events_kept before update or delete on testing_sample_events
  for each statement execute function testing_never_lost();
create trigger testing_sample_events_not_truncated before truncate on testing_sample_events
  for each statement execute function testing_never_lost();

create table testing_resample_tasks (
  id bigint generated always as identity primary key,
  person_id bigint not null references people(id),
  -- the sample whose pool (or own result) asks for a new sample
  sample_id bigint not null references testing_samples(id),
  pool_id bigint references testing_pools(id),
  campaign_id integer references testing_campaigns(id),
  reason text not null check (reason in ('pool_positive', 'pool_invalid', 'invalid_result')),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  new_sample_id bigint references testing_samples(id),
  created_at timestamptz not null default now(),
  done_at timestamptz
);
create unique index testing_resample_tasks_sample on testing_resample_tasks (sample_id);
create index testing_resample_tasks_person on testing_resample_tasks (person_id) where status = 'open';
create index testing_resample_tasks_commune on testing_resample_tasks (commune_id, status, due_at);
create index testing_resample_tasks_district on testing_resample_tasks (district_id, status, due_at);
create index testing_resample_tasks_province on testing_resample_tasks (province_id, status, due_at);

-- A positive individual result proposes a case to the case workflow; the row keeps what was
-- proposed and, once the workflow has it, the case.
create table testing_case_proposals (
  id bigint generated always as identity primary key,
  sample_id bigint not null unique references testing_samples(id),
  person_id bigint not null references people(id),
  commune_id integer not null references admin_units(id),
  district_id integer references admin_units(id),
  province_id integer not null references admin_units(id),
  proposed_status text not null check (proposed_status in ('suspected', 'confirmed')),
  -- the profile's case definition criterion that confirms it, when one does
  criterion text,
  status text not null default 'pending' check (status in ('pending', 'created', 'existing', 'failed')),
  case_id bigint references cases(id),
  error text,
  created_at timestamptz not null default now(),
  processed_at timestamptz
);
create index testing_case_proposals_pending on testing_case_proposals (created_at) where status = 'pending';
create index testing_case_proposals_commune on testing_case_proposals (commune_id, created_at);
