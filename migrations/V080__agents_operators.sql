-- Operators (manual section 18): skills ("Умения"), operators with skill levels, and each operator's working state,
-- which the dialer reads and changes with conditional updates (an operator is never given two calls, even by two
-- Dozvon instances on one database).
create table skill (
    id          bigint generated always as identity primary key,
    name        varchar(100)  not null,
    description varchar(1000),
    created_at  timestamptz   not null default now()
);
create unique index skill_name_idx on skill (lower(name));

create table operator (
    id              bigint generated always as identity primary key,
    name            varchar(200)  not null,
    user_id         bigint        unique references access_user (id) on delete set null,
    -- what the PBX dials to ring the operator's phone (PJSIP/101); set when the operator logs in from a phone
    endpoint        varchar(100),
    -- wrap-up time of this operator; null: the campaign's
    wrap_up_seconds integer       check (wrap_up_seconds between 0 and 3600),
    -- a simulated operator (dozvon.agents.bots), worked by Dozvon itself against the AMI simulator
    bot             boolean       not null default false,
    state           varchar(16)   not null default 'OFFLINE'
        check (state in ('OFFLINE', 'NOT_READY', 'READY', 'PREVIEW', 'RINGING', 'IN_CALL', 'WRAP_UP')),
    state_since     timestamptz   not null default now(),
    -- until when the state lasts by itself: the preview's dial time, the end of the wrap-up time
    state_until     timestamptz,
    -- the campaign the operator works for now (chosen by the dialer among the running ones)
    campaign_id     bigint        references campaign (id) on delete set null,
    -- the call attempt (dial request) the operator holds in PREVIEW, RINGING, IN_CALL and WRAP_UP
    attempt_id      bigint,
    -- asked to leave after the current call (NOT_READY or OFFLINE)
    after_call      varchar(16)   check (after_call in ('OFFLINE', 'NOT_READY')),
    created_at      timestamptz   not null default now(),
    constraint operator_holds_call check ((state in ('PREVIEW', 'RINGING', 'IN_CALL', 'WRAP_UP')) = (attempt_id is not null))
);
create unique index operator_name_idx on operator (lower(name));
create unique index operator_attempt_idx on operator (attempt_id) where attempt_id is not null;
create index operator_working_idx on operator (state) where state <> 'OFFLINE';

create table operator_skill (
    operator_id bigint  not null references operator (id) on delete cascade,
    skill_id    bigint  not null references skill (id) on delete cascade,
    level       integer not null check (level between 1 and 100),
    primary key (operator_id, skill_id)
);

insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'OPERATORS_MANAGE'),
    ('SUPERVISOR', 'OPERATORS_MANAGE');
