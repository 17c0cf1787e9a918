-- Campaigns' reference data, part 1: who may change it, completion codes and code groups.

-- Create and change campaigns and their reference data. The campaigns themselves may grant the same
-- permission in their own migration: both inserts are idempotent.
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'CAMPAIGNS_MANAGE'),
    ('SUPERVISOR', 'CAMPAIGNS_MANAGE')
on conflict do nothing;

-- A completion code refines an attempt's outcome category. SYSTEM codes are produced by telephony,
-- one per category; OPERATOR codes are chosen at wrap-up. The resolution says what the code does to
-- the contact: RETRY (call again, after retry_delay_seconds, at most max_attempts times with this
-- code), or a final SUCCESS, FAILURE or DO_NOT_CALL.
create table completion_code (
    id                   bigint generated always as identity primary key,
    code                 varchar(32)   not null,
    name                 varchar(200)  not null,
    description          varchar(1000),
    kind                 varchar(16)   not null check (kind in ('SYSTEM', 'OPERATOR')),
    category             varchar(16)   not null
        check (category in ('ANSWERED', 'NO_ANSWER', 'BUSY', 'REJECTED', 'ABANDONED', 'MACHINE', 'FAILED')),
    resolution           varchar(16)   not null check (resolution in ('RETRY', 'SUCCESS', 'FAILURE', 'DO_NOT_CALL')),
    retry_delay_seconds  integer       check (retry_delay_seconds > 0),
    max_attempts         integer       check (max_attempts > 0),
    active               boolean       not null default true,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              integer       not null default 0,
    constraint completion_code_format check (code ~ '^[A-Z][A-Z0-9_]*$'),
    constraint completion_code_final_not_retried
        check (resolution = 'RETRY' or (retry_delay_seconds is null and max_attempts is null))
);
create unique index completion_code_code_uk on completion_code (code);
create unique index completion_code_system_uk on completion_code (category) where kind = 'SYSTEM';

-- Named sets of operator codes; a campaign refers to one group (by id) and its operators choose among
-- the group's active codes. A code in a group cannot be deleted (no cascade on code_id).
create table completion_code_group (
    id           bigint generated always as identity primary key,
    name         varchar(200)  not null,
    description  varchar(1000),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      integer       not null default 0
);
create unique index completion_code_group_name_uk on completion_code_group (lower(name));

create table completion_code_group_member (
    group_id  bigint  not null references completion_code_group (id) on delete cascade,
    code_id   bigint  not null references completion_code (id),
    position  integer not null,
    primary key (group_id, code_id)
);
create index completion_code_group_member_code_idx on completion_code_group_member (code_id);

-- Seed: one system code per outcome category (delays after the AMT Campaign Manager's technical
-- results: busy 120 min, answering machine 240 min, abandoned 30 min, network problems 60 min) ...
insert into completion_code (code, name, kind, category, resolution, retry_delay_seconds, created_at, updated_at) values
    ('ANSWERED',  'Ответ',                          'SYSTEM', 'ANSWERED',  'SUCCESS', null,  now(), now()),
    ('NO_ANSWER', 'Нет ответа',                     'SYSTEM', 'NO_ANSWER', 'RETRY',   3600,  now(), now()),
    ('BUSY',      'Занято',                         'SYSTEM', 'BUSY',      'RETRY',   7200,  now(), now()),
    ('REJECTED',  'Вызов отклонён',                 'SYSTEM', 'REJECTED',  'RETRY',   7200,  now(), now()),
    ('ABANDONED', 'Сброшен: нет свободного оператора', 'SYSTEM', 'ABANDONED', 'RETRY', 1800,  now(), now()),
    ('MACHINE',   'Автоответчик',                   'SYSTEM', 'MACHINE',   'RETRY',   14400, now(), now()),
    ('FAILED',    'Техническая ошибка',             'SYSTEM', 'FAILED',    'RETRY',   3600,  now(), now());

-- ... and the operator codes of the group "Standard" (after AMT's agent results: "Подумает" is retried
-- after 240 min, at most 3 times).
insert into completion_code (code, name, kind, category, resolution, retry_delay_seconds, max_attempts, created_at, updated_at) values
    ('SALE',          'Согласие',            'OPERATOR', 'ANSWERED', 'SUCCESS',     null,  null, now(), now()),
    ('REFUSED',       'Отказ',               'OPERATOR', 'ANSWERED', 'FAILURE',     null,  null, now(), now()),
    ('THINK_IT_OVER', 'Подумает',            'OPERATOR', 'ANSWERED', 'RETRY',       14400, 3,    now(), now()),
    ('CALLBACK',      'Просит перезвонить',  'OPERATOR', 'ANSWERED', 'RETRY',       null,  null, now(), now()),
    ('WRONG_NUMBER',  'Ошибочный номер',     'OPERATOR', 'ANSWERED', 'FAILURE',     null,  null, now(), now()),
    ('DO_NOT_CALL',   'Не звонить',          'OPERATOR', 'ANSWERED', 'DO_NOT_CALL', null,  null, now(), now());

insert into completion_code_group (name, description, created_at, updated_at)
values ('Standard', 'Коды завершения для большинства кампаний', now(), now());

insert into completion_code_group_member (group_id, code_id, position)
select g.id, c.id, row_number() over (order by array_position(
        array['SALE', 'REFUSED', 'THINK_IT_OVER', 'CALLBACK', 'WRONG_NUMBER', 'DO_NOT_CALL']::varchar[], c.code))
from completion_code_group g, completion_code c
where g.name = 'Standard' and c.kind = 'OPERATOR';
