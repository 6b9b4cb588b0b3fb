-- Name searches and exports inside a district or commune filter on the unit and return rows in
-- (name_key, id) order. With id in the index the rows come out already in that order, so a
-- short prefix over a large unit needs no sort; these replace the two-column indexes, which
-- they cover. Province-scoped searches get the same shape.
create index people_commune_name_id on people (commune_id, name_key text_pattern_ops, id);
create index people_district_name_id on people (district_id, name_key text_pattern_ops, id);
create index people_province_name_id on people (province_id, name_key text_pattern_ops, id);
drop index people_commune_name;
drop index people_district_name;
drop index people_province;

-- A person's open duplicate candidates are looked up by either side of the pair; the unique
-- (person_a, person_b) index serves only the first.
create index person_duplicates_b on person_duplicates (person_b);
