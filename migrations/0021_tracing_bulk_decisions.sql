-- A decision on every pending proposal of a cluster (or a set of cases), or of the contacts traced
-- from them, can take most of a minute for a large cluster: it is queued here and run in the
-- background (src/server/cases/bulk-decisions.ts). The run locks its row for the length of its
-- transaction, so a run that dies leaves the row queued and the next one takes it up again.
create table tracing_bulk_decisions (
  id bigint generated always as identity primary key,
  province_id integer not null,
  cluster_id bigint,
  body jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'done', 'failed')),
  requested_by integer not null references accounts (id),
  requested_ip text not null default '',
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  result jsonb,
  error jsonb
);
create index tracing_bulk_decisions_queued on tracing_bulk_decisions (requested_at) where status = 'queued';
create index tracing_bulk_decisions_cluster on tracing_bulk_decisions (cluster_id, requested_at desc) where cluster_id is not null;
