-- Local password policy (issue 9, point 5): the hashes of the passwords a user chose, newest last,
-- so that none of the last dozvon.access.password.history may be chosen again. Only the last N are kept.
create table access_password_history (
    id             bigint generated always as identity primary key,
    user_id        bigint       not null references access_user (id) on delete cascade,
    password_hash  varchar(200) not null,
    changed_at     timestamptz  not null
);

create index access_password_history_user_ix on access_password_history (user_id, id desc);
