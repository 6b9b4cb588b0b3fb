-- Who stayed in which facility room, and when. A room move rewrites the stay's room, so tracing
-- knew only a stay's current room: someone moved out after days with a case was not proposed.
-- One row per stay and room it was in, written by a trigger on stays, so no admission, transfer
-- or move can miss it; a period without an end lasts as long as its stay (discharged_at).
create table stay_rooms (
  id bigint generated always as identity primary key,
  stay_id bigint not null references stays(id),
  room_id integer not null references facility_rooms(id),
  from_at timestamptz not null,
  until_at timestamptz
);
create index stay_rooms_stay on stay_rooms (stay_id) where until_at is null;
create index stay_rooms_room on stay_rooms (room_id, from_at);

-- The periods so far, from the room moves recorded in stay_events.
insert into stay_rooms (stay_id, room_id, from_at, until_at)
select s.id, p.room_id, p.from_at, p.until_at
  from stays s
  cross join lateral (
    select x.room_id, x.from_at, lead(x.from_at) over (order by x.from_at, x.ord) as until_at
      from (
        select coalesce((select (e.params->>'fromRoomId')::int from stay_events e
                          where e.stay_id = s.id and e.kind = 'moved_room' order by e.at, e.id limit 1), s.room_id) as room_id,
               s.admitted_at as from_at, 0::bigint as ord
        union all
        select (e.params->>'toRoomId')::int, e.at, e.id from stay_events e where e.stay_id = s.id and e.kind = 'moved_room'
      ) x
  ) p
 where p.room_id is not null
 order by s.id, p.from_at;

create function stay_rooms_follow() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.room_id is not null then
      insert into stay_rooms (stay_id, room_id, from_at) values (new.id, new.room_id, new.admitted_at);
    end if;
  elsif new.room_id is distinct from old.room_id then
    update stay_rooms set until_at = now() where stay_id = new.id and until_at is null;
    if new.room_id is not null then
      insert into stay_rooms (stay_id, room_id, from_at) values (new.id, new.room_id, now());
    end if;
  end if;
  return null;
end $$;
create trigger stays_rooms after insert or update of room_id on stays for each row execute function stay_rooms_follow();

-- Tracing reads room-mates from stay_rooms now.
drop index stays_room_time;
