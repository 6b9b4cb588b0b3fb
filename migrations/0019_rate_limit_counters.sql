-- Rate-limit counters shared by every API process (src/server/auth/rate-limit-store.ts): one row
-- per limited key (route and client address) with the count of its current window, which starts
-- at the key's first request. Each process adds its requests in batches, so a client spread over
-- processes meets one limit.
create table rate_limit_counters (
  key text primary key,
  window_start timestamptz not null,
  window_end timestamptz not null,
  count integer not null
);
