-- Import runs and their journal. A run is one Spring Batch job execution (or several, when a run
-- killed halfway is restarted); its counters and rejected rows are written in the same transaction
-- as the contacts of each chunk, so a restart neither loses nor repeats anything.

create table import_run (
    id               bigint generated always as identity primary key,
    list_id          bigint        not null references contact_list (id) on delete cascade,
    source           varchar(16)   not null check (source in ('UPLOAD', 'API', 'FOLDER', 'SFTP', 'DATABASE')),
    file_name        varchar(500),
    stored_file      varchar(1000),
    mapping          jsonb         not null,
    clear_first      boolean       not null default false,
    update_existing  boolean       not null default false,
    status           varchar(16)   not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    read_count       bigint        not null default 0,
    inserted_count   bigint        not null default 0,
    updated_count    bigint        not null default 0,
    rejected_count   bigint        not null default 0,
    -- for the progress bar: rows the file is expected to have (null when it cannot be told cheaply)
    estimated_rows   bigint,
    message          varchar(4000),
    started_by       varchar(100),
    created_at       timestamptz   not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index import_run_list_idx on import_run (list_id, id desc);
create index import_run_recent_idx on import_run (id desc);

create table import_rejection (
    import_id    bigint        not null references import_run (id) on delete cascade,
    row_number   bigint        not null,
    column_name  varchar(200),
    value        varchar(1000),
    reason       varchar(2000) not null,
    primary key (import_id, row_number)
);

-- A mapping of file columns to list fields, saved under a name for the next file of the same shape.
create table import_mapping_template (
    id          bigint generated always as identity primary key,
    name        varchar(200) not null,
    mapping     jsonb        not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index import_mapping_template_name_uk on import_mapping_template (lower(name));
