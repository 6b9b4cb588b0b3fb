-- Expanding a cluster writes, for every new F2, an exposure, a level, a level change and two tasks.
-- Measured on 150,336 accepted proposals (PostgreSQL 15): the foreign-key triggers took 70-77 % of
-- each insert (tasks: 6.6 s of 8.7 s; exposures: 4.5 s of 6.6 s).
-- These columns are written only from rows the same transaction has just read or checked:
--   exposures: addExposures checks both people and the venue first (checkPeopleAndVenues), and
--     created_by is the acting account;
--   contact_levels, level_changes, tracing_tasks: derived from exposures, cases and people (the
--     units are copies of the person's), by the levels recompute and follow-up only.
-- People, venues, cases, exposures, accounts and units are never deleted (a merge keeps both
-- people, a removed exposure keeps its row), so the checks could never fail. The checks on values
-- an officer types stay: a task's assignee and closer, an exposure's remover.
alter table exposures
  drop constraint exposures_source_id_fkey,
  drop constraint exposures_contact_id_fkey,
  drop constraint exposures_venue_id_fkey,
  drop constraint exposures_created_by_fkey;
alter table contact_levels
  drop constraint contact_levels_person_id_fkey,
  drop constraint contact_levels_root_case_id_fkey,
  drop constraint contact_levels_via_person_id_fkey,
  drop constraint contact_levels_via_exposure_id_fkey,
  drop constraint contact_levels_commune_id_fkey,
  drop constraint contact_levels_district_id_fkey,
  drop constraint contact_levels_province_id_fkey;
alter table level_changes
  drop constraint level_changes_person_id_fkey,
  drop constraint level_changes_case_id_fkey,
  drop constraint level_changes_account_id_fkey;
alter table tracing_tasks
  drop constraint tracing_tasks_person_id_fkey,
  drop constraint tracing_tasks_case_id_fkey,
  drop constraint tracing_tasks_commune_id_fkey,
  drop constraint tracing_tasks_district_id_fkey,
  drop constraint tracing_tasks_province_id_fkey;
