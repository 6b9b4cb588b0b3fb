-- A merge keeps the merged record (merged_into names the person kept) and other capabilities'
-- rows keep the id they were made with. This index follows merges both ways, index-only: from a
-- kept person to the records merged into it (their visits and declarations under an earlier
-- record, a tracing subject's check-ins) and over every merged record (tracing proposes the person
-- kept for a co-visitor seen under a merged record).
create index people_merged on people (merged_into, id) where merged_into is not null;
