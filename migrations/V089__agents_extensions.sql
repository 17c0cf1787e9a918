-- Extensions (manual 18.2): the phones operators work from. An extension may be shared by several operators, but
-- only one logged-in operator uses it at a time (the log-in checks it).
create table extension (
    id          bigint generated always as identity primary key,
    endpoint    varchar(100)  not null,
    description varchar(200),
    created_at  timestamptz   not null default now()
);
create unique index extension_endpoint_idx on extension (lower(endpoint));
