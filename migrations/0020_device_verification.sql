-- A device gets the personal QR of a person already registered only once it shows it holds the
-- phone on record (a code sent by SMS): knowing someone's CCCD no longer gives their QR. Devices
-- that declared before this change keep the QR they were given.
alter table person_devices
  add column verified_at timestamptz,
  add column code_hash text,
  add column code_sent_at timestamptz,
  add column code_attempts integer not null default 0;
update person_devices set verified_at = created_at;
