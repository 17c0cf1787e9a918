-- Lockout of local accounts (issue 9, point 5): failed logins in a row, counted in the database so that a
-- restart does not forgive them, and the moment a lock ends. A successful login or an administrator resets both.
alter table access_user
    add column failed_logins integer not null default 0,
    add column locked_until  timestamptz;
