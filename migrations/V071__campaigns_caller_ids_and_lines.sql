-- Caller IDs (manual sections 12–13): the numbers a customer may see, grouped; a campaign names one group and
-- each call shows a random number of it. A campaign may also cap its simultaneous calls (max_lines; null: only
-- the connectors' capacity limits it).
create table caller_id (
    id          bigint generated always as identity primary key,
    number      varchar(32)   not null unique,
    description varchar(1000),
    created_at  timestamptz   not null default now()
);

create table caller_id_group (
    id          bigint generated always as identity primary key,
    name        varchar(200)  not null,
    description varchar(1000),
    created_at  timestamptz   not null default now()
);
create unique index caller_id_group_name_idx on caller_id_group (lower(name));

create table caller_id_group_number (
    group_id     bigint not null references caller_id_group (id) on delete cascade,
    caller_id_id bigint not null references caller_id (id) on delete cascade,
    primary key (group_id, caller_id_id)
);

alter table campaign
    add column max_lines          integer check (max_lines > 0),
    add column caller_id_group_id bigint references caller_id_group (id) on delete set null;
