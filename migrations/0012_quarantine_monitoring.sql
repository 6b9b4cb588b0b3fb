-- Monitoring of stays, beside 0011: the warning sign on a house under home quarantine, what was
-- decided on a transfer proposal, and the indexes the home list, the missed-report job and the
-- capacity view read by.

-- The sign on the house, when the stay's quarantine rule says so (signAtHome).
create table home_signs (
  stay_id bigint primary key references stays(id),
  posted_on date not null,
  posted_by integer references accounts(id),
  removed_on date,
  removed_by integer references accounts(id),
  check (removed_on is null or removed_on >= posted_on)
);

alter table transfer_proposals
  add column decision_note text,
  -- the stay opened by the transfer when the proposal was accepted with a facility
  add column transferred_stay_id bigint references stays(id);
-- One open proposal per stay: later warning signs of the same stay add to the alerts, not to the proposals.
create unique index transfer_proposals_one_pending on transfer_proposals (stay_id) where status = 'pending';

-- A missed day of self-reports is alerted once per stay and day, however often the job runs.
create unique index stay_events_report_missed on stay_events (stay_id, (params ->> 'day')) where kind = 'report_missed';

create index stays_home_active on stays (commune_id) where place = 'home' and status = 'active';
-- Discharges and transfers out of the last days, for the days-until-full projection.
create index stays_left on stays (discharged_at, facility_id) where discharged_at is not null;
-- Admissions of the last days into facilities, for the same projection (read index-only).
create index stays_admitted_on on stays (admission_day, facility_id) where facility_id is not null;
-- Who lies in a bed now: oxygen and ICU beds in use, and a bed's current occupant.
create index stays_bed_active on stays (bed_id) where status = 'active' and bed_id is not null;
