-- The audit journal: who changed what, when, with the value before and after (issue 7's forced actions first;
-- issue 9's journal page reads it). Written in the same transaction as the change it records.
create table audit_event (
    id           bigint generated always as identity primary key,
    at           timestamptz  not null,
    username     varchar(100) not null,
    roles        varchar(500) not null,
    action       varchar(100) not null,
    object_type  varchar(50)  not null,
    object_id    varchar(100),
    before_value jsonb,
    after_value  jsonb
);

create index audit_event_at_idx on audit_event (at desc, id desc);
create index audit_event_object_idx on audit_event (object_type, object_id, at desc);
