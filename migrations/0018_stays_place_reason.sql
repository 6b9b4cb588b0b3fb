-- Why a stay is not where the profile's rule put it (a vaccinated F1 in a facility, an arrival at
-- home): asked at admission. Its own column, so a later room move's reason (override_reason) does
-- not overwrite it.
alter table stays add column place_reason text;
