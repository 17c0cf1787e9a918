-- Messages from supervisors to operators (issue 6, point 8): shown in the workplace until the operator reads them.
create table operator_message (
    id          bigint generated always as identity primary key,
    operator_id bigint        not null references operator (id) on delete cascade,
    text        varchar(1000) not null,
    sent_by     varchar(100)  not null,
    sent_at     timestamptz   not null,
    read_at     timestamptz
);
create index operator_message_unread_idx on operator_message (operator_id, id) where read_at is null;
