-- What Camunda does not keep about strategy models: who uploaded a deployment through the portal or
-- the API, and the migrations of running instances that somebody asked for (Camunda forgets a batch
-- once it has finished, and its history may be cleaned up).
create table strategy_upload (
    deployment_id  varchar(64)   primary key,
    file_names     varchar(2000) not null,
    uploaded_by    varchar(100)  not null,
    uploaded_at    timestamptz   not null
);

create table strategy_migration (
    id                  bigint generated always as identity primary key,
    batch_id            varchar(64)   not null unique,
    process_key         varchar(255)  not null,
    from_definition_id  varchar(64)   not null,
    from_version        integer       not null,
    to_definition_id    varchar(64)   not null,
    to_version          integer       not null,
    instances           integer       not null,
    left_behind         integer       not null default 0,
    requested_by        varchar(100)  not null,
    requested_at        timestamptz   not null
);
create index strategy_migration_key_idx on strategy_migration (process_key, id);
