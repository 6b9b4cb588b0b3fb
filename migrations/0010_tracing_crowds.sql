-- Crowds: a traced person's visit shared with more people than the profile's tracing.crowdSize
-- (a market, a supermarket, a whole factory) is not a list of close contacts: it is stored once,
-- with its head count, for the tracer to screen (an announcement, a testing campaign) or to
-- expand into person-by-person proposals when the place was small enough after all.
create table tracing_crowds (
  id bigint generated always as identity primary key,
  subject_id bigint not null references people(id),
  venue_id integer not null references venues(id),
  -- the subject's check-in; one crowd per visit
  subject_visit_id bigint not null,
  window_start timestamptz not null,
  window_end timestamptz not null,
  people integer not null,
  status text not null default 'pending' check (status in ('pending', 'expanded', 'dismissed')),
  decided_by integer references accounts(id),
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index tracing_crowds_visit on tracing_crowds (subject_id, subject_visit_id);
create index tracing_crowds_pending on tracing_crowds (subject_id) where status = 'pending';

-- Co-visitors of a visit are looked up by venue and check-in time. A visit begun long before the
-- subject arrived can only overlap if it lasted long (a shift checked out hours later); those few
-- are kept in their own index, so the main range scan looks back hours instead of a whole day.
create index checkins_long_visits on checkins (venue_id, checked_in_at) include (checked_out_at, person_id)
  where checked_out_at - checked_in_at > interval '3 hours';
