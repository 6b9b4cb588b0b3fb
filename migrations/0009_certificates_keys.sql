-- Signed health certificates in the EU DCC format and the keys that sign them.
--
-- Each province signs with its own P-256 key. The key id is the DCC's: the first 8 bytes of the
-- SHA-256 of the key's DER SubjectPublicKeyInfo (base64). The newest key of a province that is not
-- retired signs; older ones stay published so the certificates they signed keep verifying, until
-- retired_at takes them off the published list. The private key is kept as PKCS#8 like the HMAC
-- secrets of signing_keys, in the database every API process reads.
create table certificate_keys (
  id serial primary key,
  province_id integer not null references admin_units(id),
  -- as published with the key ("Tỉnh Quảng Ninh"), so the public list needs no join
  province_name text not null,
  kid text not null unique,
  public_key text not null,
  private_key text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create index certificate_keys_province on certificate_keys (province_id, id) where retired_at is null;

-- One issued certificate. The QR text is kept so the holder can be shown it again without
-- signing anew; uvci_hash (SHA-256 hex of the UVCI) is what the public revocation list carries.
-- source_ref names what the certificate was issued for (a test result, a vaccination), so the
-- capability that issues it can find it again.
create table certificates (
  id bigint generated always as identity primary key,
  uvci text not null unique,
  uvci_hash text not null unique,
  type text not null check (type in ('t', 'v', 'r')),
  person_id bigint not null,
  province_id integer not null references admin_units(id),
  kid text not null references certificate_keys(kid),
  source_ref text,
  qr text not null,
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  issued_by integer references accounts(id),
  revoked_at timestamptz,
  revoked_by integer references accounts(id),
  revocation_reason text,
  check (expires_at > issued_at),
  check ((revoked_at is null) = (revocation_reason is null))
);
create index certificates_person on certificates (person_id, issued_at desc);
create index certificates_source on certificates (type, source_ref) where source_ref is not null;
create index certificates_revoked on certificates (revoked_at) where revoked_at is not null;
