-- Tracing proposes the room-mates of a case or contact from quarantine and treatment stays, past
-- ones included (stays_room_active holds only the active stays).
create index stays_room_time on stays (room_id, admitted_at) where room_id is not null;
