-- Do-not-call lists: named lists of phone numbers (E.164) and e-mail addresses (lower case).
-- Contacts are flagged, never deleted: contact_phone.status = 'DNC', contact.dnc = true.

create table dnc_list (
    id           bigint generated always as identity primary key,
    name         varchar(200) not null,
    description  varchar(2000),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    version      integer      not null default 0
);
create unique index dnc_list_name_uk on dnc_list (lower(name));

create table dnc_entry (
    id          bigint generated always as identity primary key,
    list_id     bigint       not null references dnc_list (id) on delete cascade,
    kind        varchar(8)   not null check (kind in ('PHONE', 'EMAIL')),
    value       varchar(320) not null,
    comment     varchar(500),
    created_at  timestamptz  not null,
    created_by  varchar(100)
);
create unique index dnc_entry_value_uk on dnc_entry (list_id, kind, value);
create index dnc_entry_lookup_idx on dnc_entry (kind, value);
-- e-mails in contacts are looked up by value when an address is added to a DNC list
create index contact_phone_status_idx on contact_phone (status) where status <> 'ACTIVE';
