-- The Russian numbering-range directory: the plan files of the regulator (ABC-3xx, ABC-4xx, ABC-8xx,
-- DEF-9xx), one row per range, with the time zone Dozvon derived from the region at import.
-- A number +7 CCC NNNNNNN lies in the range whose first_number <= CCCNNNNNNN <= last_number.

-- Regions as the files spell them, each with its counts (kept by the import, so that no page counts
-- the ranges). Ranges refer to them by id: a small integer is cheaper to index than the name.
create table contacts_numbering_region (
    id                   integer  generated always as identity primary key,
    name                 text     not null unique,
    ranges               integer  not null default 0,
    ranges_without_zone  integer  not null default 0,
    -- the zones the region's ranges got, comma-separated
    time_zones           text     not null default ''
);

create table contacts_numbering_range (
    -- the national number of the range's first number: code * 10^7 + number_from; ranges never overlap
    first_number  bigint       primary key,
    last_number   bigint       not null,
    code          smallint     not null check (code between 300 and 999),
    number_from   integer      not null check (number_from between 0 and 9999999),
    number_to     integer      not null check (number_to between number_from and 9999999),
    capacity      integer      not null,
    operator      text         not null,
    -- contacts_numbering_region (id); no foreign key, whose check would run for every copied row:
    -- only the import writes either table, under its table lock
    region_id     integer      not null,
    inn           varchar(12),
    -- an IANA zone id; null when Dozvon's region mapping does not know the region
    time_zone     varchar(64)
);

-- the directory page's search by region, page by page in number order
create index contacts_numbering_range_region_ix on contacts_numbering_range (region_id, first_number);

-- One row per import of a plan file: what was read, kept and refused.
create table contacts_numbering_import (
    id                 bigint       generated always as identity primary key,
    imported_at        timestamptz  not null,
    imported_by        varchar(100) not null,
    file_name          text         not null,
    encoding           varchar(20)  not null,
    -- REPLACE_CODES: the codes of the file's rows are replaced, others stay; REPLACE_ALL: the whole directory
    mode               varchar(20)  not null,
    codes              integer[]    not null,
    rows_read          integer      not null,
    rows_inserted      integer      not null,
    rows_rejected      integer      not null,
    rows_without_zone  integer      not null,
    duration_ms        bigint       not null
);

-- The import journal: refused rows (REJECTED) and regions left without a time zone (NO_ZONE), the first
-- thousand of them; contacts_numbering_import has the full counts.
create table contacts_numbering_import_problem (
    import_id        bigint       not null references contacts_numbering_import (id) on delete cascade,
    position         integer      not null,
    kind             varchar(10)  not null,
    line             integer      not null,
    column_name      text,
    value            text,
    reason_key       varchar(100) not null,
    reason_arguments text[]      not null,
    primary key (import_id, position)
);

-- Per code: how many ranges and numbers it has and which import loaded it (the page's counts by
-- code type come from here, never from counting the ranges).
create table contacts_numbering_code (
    code       smallint     primary key,
    code_type  varchar(3)   not null,
    ranges     integer      not null,
    capacity   bigint       not null,
    import_id  bigint       not null references contacts_numbering_import (id)
);
