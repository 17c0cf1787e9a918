-- Callbacks reach the dial queue: a request made for a callback names it (closed as DONE when the call is
-- placed), and a PERSONAL callback's request is for one operator only (its user name): ordinary pacing never
-- takes it; the dialer offers it to that operator as a preview when the operator is ready.
alter table dial_request
    add column callback_id  bigint,
    add column for_operator varchar(100);
create index dial_request_personal_idx on dial_request (lower(for_operator), due_at)
    where state = 'QUEUED' and for_operator is not null;

-- the call placed for a callback
alter table callback add column attempt_id bigint;
create index callback_attempt_idx on callback (attempt_id) where attempt_id is not null;
