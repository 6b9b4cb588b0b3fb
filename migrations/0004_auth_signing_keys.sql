-- Secrets for signed tokens (personal QR, venue QR …). Kept in the database so every API
-- process behind a load balancer signs and verifies with the same keys; a new key can be added
-- (rotation) while tokens signed with older ones still verify until they are retired.
create table signing_keys (
  id serial primary key,
  purpose text not null,
  secret text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create index signing_keys_purpose on signing_keys (purpose) where retired_at is null;
