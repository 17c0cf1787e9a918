-- Scheduled import sources: a folder, an SFTP directory or an external PostgreSQL query, read on a
-- cron schedule into a contact list. Every file (or query result) becomes an ordinary import run.

create table import_source (
    id               bigint generated always as identity primary key,
    name             varchar(200)  not null,
    list_id          bigint        not null references contact_list (id) on delete cascade,
    kind             varchar(16)   not null check (kind in ('FOLDER', 'SFTP', 'DATABASE')),
    enabled          boolean       not null default true,
    -- Spring's six fields: second minute hour day-of-month month day-of-week
    cron             varchar(200)  not null,
    settings         jsonb         not null,
    -- file column (or query column) name → list field code, as an upload's mapping
    mapping          jsonb         not null,
    clear_first      boolean       not null default false,
    update_existing  boolean       not null default false,
    -- SFTP only: the server's host key, remembered at the first successful connection
    host_key         varchar(200),
    next_run_at      timestamptz,
    last_run_at      timestamptz,
    last_message     varchar(4000),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create unique index import_source_name_uk on import_source (lower(name));
create index import_source_due_idx on import_source (next_run_at) where enabled;

-- Files a source has already handled (imported or refused), so that none is imported twice even
-- when its after-action (rename, move, delete) failed and the file is still there.
create table import_source_file (
    source_id   bigint        not null references import_source (id) on delete cascade,
    name        varchar(1000) not null,
    size        bigint        not null,
    modified_at timestamptz   not null,
    outcome     varchar(16)   not null check (outcome in ('IMPORTED', 'REFUSED')),
    handled_at  timestamptz   not null,
    primary key (source_id, name, size, modified_at)
);

alter table import_run add column source_id bigint references import_source (id) on delete set null;
