-- Contact model: fields defined once, lists that pick fields, contacts with their attributes in one
-- JSONB column, and phones as rows of their own (normalised to E.164).

create table contact_field (
    id          bigint generated always as identity primary key,
    code        varchar(64)  not null,
    name        varchar(200) not null,
    type        varchar(16)  not null check (type in ('TEXT', 'NUMBER', 'DATE', 'PHONE', 'EMAIL')),
    mask        varchar(500),
    client_id   boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     integer      not null default 0,
    constraint contact_field_code_format check (code ~ '^[a-z][a-z0-9_]{0,63}$')
);
create unique index contact_field_code_uk on contact_field (code);

create table contact_list (
    id             bigint generated always as identity primary key,
    name           varchar(200) not null,
    description    varchar(2000),
    -- kept by statement-level triggers below, so that the lists page never counts a million rows
    contact_count  bigint       not null default 0,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    version        integer      not null default 0
);
create unique index contact_list_name_uk on contact_list (lower(name));

create table contact_list_field (
    list_id   bigint  not null references contact_list (id) on delete cascade,
    field_id  bigint  not null references contact_field (id),
    position  integer not null,
    required  boolean not null default false,
    primary key (list_id, field_id)
);
create index contact_list_field_field_idx on contact_list_field (field_id);

create table contact (
    id          bigint generated always as identity primary key,
    list_id     bigint       not null references contact_list (id) on delete cascade,
    client_id   varchar(200),
    attributes  jsonb        not null default '{}'::jsonb,
    dnc         boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     integer      not null default 0
);
-- keyset pagination of a list's contacts, newest or oldest first
create index contact_list_page_idx on contact (list_id, id);
-- "update existing by client id"
create unique index contact_list_client_uk on contact (list_id, client_id) where client_id is not null;
-- filtering by attribute values (attributes @> '{"city": "Казань"}')
create index contact_attributes_idx on contact using gin (attributes jsonb_path_ops);

create table contact_phone (
    id                bigint generated always as identity primary key,
    contact_id        bigint      not null references contact (id) on delete cascade,
    field_code        varchar(64) not null,
    number            varchar(20) not null,
    time_zone         varchar(64),
    time_zone_source  varchar(20),
    status            varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'DNC', 'DISABLED')),
    priority          integer     not null,
    constraint contact_phone_e164 check (number ~ '^\+[1-9][0-9]{6,14}$')
);
create index contact_phone_contact_idx on contact_phone (contact_id, priority);
create index contact_phone_number_idx on contact_phone (number);

create function contact_count_inserted() returns trigger language plpgsql as $$
begin
    update contact_list l set contact_count = l.contact_count + n.added
    from (select list_id, count(*) as added from inserted group by list_id) n
    where l.id = n.list_id;
    return null;
end $$;

create function contact_count_deleted() returns trigger language plpgsql as $$
begin
    update contact_list l set contact_count = l.contact_count - d.removed
    from (select list_id, count(*) as removed from deleted group by list_id) d
    where l.id = d.list_id;
    return null;
end $$;

create trigger contact_counted_on_insert after insert on contact
    referencing new table as inserted for each statement execute function contact_count_inserted();
create trigger contact_counted_on_delete after delete on contact
    referencing old table as deleted for each statement execute function contact_count_deleted();
