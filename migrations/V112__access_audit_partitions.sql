-- The audit journal partitioned by month on "at" (issue 9): one table per calendar month (UTC), named
-- audit_event_yYYYYmMM, created ahead by access.AuditPartitions (current and next months) and dropped after the
-- retention; audit_event_default catches a row of a month with no partition, so an insert never fails.
-- Existing rows move over with their ids; the primary key includes "at", as PostgreSQL requires of a partitioned key.
alter table audit_event rename to audit_event_unpartitioned;
alter index audit_event_at_idx rename to audit_event_unpartitioned_at_idx;
alter index audit_event_object_idx rename to audit_event_unpartitioned_object_idx;
alter table audit_event_unpartitioned rename constraint audit_event_pkey to audit_event_unpartitioned_pkey;

create sequence audit_event_id_seq_m;

create table audit_event (
    id           bigint       not null default nextval('audit_event_id_seq_m'),
    at           timestamptz  not null,
    username     varchar(100) not null,
    roles        varchar(500) not null,
    action       varchar(100) not null,
    object_type  varchar(50)  not null,
    object_id    varchar(100),
    before_value jsonb,
    after_value  jsonb,
    primary key (id, at)
) partition by range (at);

alter sequence audit_event_id_seq_m owned by audit_event.id;

create index audit_event_at_idx on audit_event (at desc, id desc);
create index audit_event_object_idx on audit_event (object_type, object_id, at desc);
create index audit_event_user_idx on audit_event (username, at desc);

create table audit_event_default partition of audit_event default;

-- a partition for every month that has rows, and for this month and the next three
do $$
declare
    month date;
begin
    for month in
        select distinct date_trunc('month', at at time zone 'UTC')::date from audit_event_unpartitioned
        union
        select (date_trunc('month', now() at time zone 'UTC') + make_interval(months => n))::date
          from generate_series(0, 3) as n
    loop
        execute format('create table if not exists %I partition of audit_event for values from (%L) to (%L)',
                       'audit_event_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'),
                       (month::timestamp at time zone 'UTC'),
                       ((month + interval '1 month')::timestamp at time zone 'UTC'));
    end loop;
end
$$;

insert into audit_event (id, at, username, roles, action, object_type, object_id, before_value, after_value)
select id, at, username, roles, action, object_type, object_id, before_value, after_value
  from audit_event_unpartitioned;

select setval('audit_event_id_seq_m', coalesce((select max(id) from audit_event_unpartitioned), 0) + 1, false);

drop table audit_event_unpartitioned;
