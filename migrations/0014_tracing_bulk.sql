-- Tracing a whole cluster writes hundreds of thousands of proposals at once.
-- A crowd's head count is counted when the crowd is shown: finding that a market visit is a crowd
-- needs only its first few dozen visitors, counting all of them is most of the work.
alter table tracing_crowds alter column people drop not null;

-- The proposals statement writes only people and venues it has just joined, and people and venues
-- are never deleted (a merge keeps both rows): the foreign-key checks added nothing but a quarter
-- of the time of a cluster's 500,000 proposals.
alter table tracing_proposals
  drop constraint tracing_proposals_subject_id_fkey,
  drop constraint tracing_proposals_candidate_id_fkey,
  drop constraint tracing_proposals_venue_id_fkey;
alter table tracing_crowds
  drop constraint tracing_crowds_subject_id_fkey,
  drop constraint tracing_crowds_venue_id_fkey;

-- A traced contact's candidate already waiting as another contact's candidate is not proposed twice.
create index tracing_proposals_candidate_pending on tracing_proposals (candidate_id) where status = 'pending';
