-- Call controls in the workplace (issue 6, point 4; manual 18.3).

-- The operator's phone answers calls Dozvon connects to it by itself (the dialplan adds the PJSIP auto-answer
-- header when DOZVON_AUTO_ANSWER is yes); the operator switches it in the workplace.
alter table operator add column auto_answer boolean not null default false;

-- An operator who transferred its call to another operator wraps up its own part of it: it still holds the attempt
-- (in WRAP_UP), but the call, its outcome and its wrap-up now belong to the operator it was handed to.
alter table operator add column handed_over boolean not null default false;
alter table operator add constraint operator_handed_over check (not handed_over or state = 'WRAP_UP');
drop index operator_attempt_idx;
create unique index operator_attempt_idx on operator (attempt_id) where attempt_id is not null and not handed_over;

-- A call placed from the workplace outside the queue (manual dial): no strategy asked for it.
alter table dial_request add column manual boolean not null default false;

-- IVR numbers (manual 18.3): where an operator can transfer a customer, as a dialplan location.
create table ivr_number (
    id          bigint generated always as identity primary key,
    code        varchar(32)   not null,
    name        varchar(200)  not null,
    context     varchar(80)   not null,
    extension   varchar(80)   not null,
    description varchar(1000),
    created_at  timestamptz   not null default now()
);
create unique index ivr_number_code_idx on ivr_number (lower(code));
