-- The prefix table ("phone codes"): the time zone of the numbers that start with a code, longest code
-- first. time_zone is a java.time ZoneId: an IANA id (Europe/Minsk) or a fixed offset (+03:00).
create table contacts_phone_prefix (
    code        varchar(15)   primary key check (code ~ '^[0-9]{1,15}$'),
    name        varchar(200)  not null,
    time_zone   varchar(64)   not null,
    updated_at  timestamptz   not null,
    updated_by  varchar(100)  not null
);
