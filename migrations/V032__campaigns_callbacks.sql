-- Callbacks: a promise to call a contact's phone within a time window. STANDARD: the campaign's
-- ordinary dialling at that time, any operator; CAMPAIGN: ahead of the campaign's queue, any operator
-- of the campaign; PERSONAL: only the named operator.
-- status: PENDING (window not open yet), DUE (open), EXPIRED (window closed, not done), DONE,
-- CANCELLED. PENDING and DUE are "open"; which of PENDING, DUE, EXPIRED an open callback is follows
-- from the clock, and readers compute it; a periodic sweep writes it down.
-- campaign_id has no foreign key yet: the campaign table belongs to another change (add
-- "references campaign (id) on delete cascade" when both are in).
create table callback (
    id           bigint generated always as identity primary key,
    contact_id   bigint        not null references contact (id) on delete cascade,
    campaign_id  bigint        not null,
    phone        varchar(20)   not null,
    type         varchar(16)   not null check (type in ('STANDARD', 'CAMPAIGN', 'PERSONAL')),
    operator     varchar(100),
    window_from  timestamptz   not null,
    window_to    timestamptz   not null,
    comment      varchar(1000),
    status       varchar(16)   not null default 'PENDING'
        check (status in ('PENDING', 'DUE', 'DONE', 'CANCELLED', 'EXPIRED')),
    created_at   timestamptz   not null,
    created_by   varchar(100)  not null,
    closed_at    timestamptz,
    closed_by    varchar(100),
    constraint callback_phone_e164 check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    constraint callback_window check (window_to > window_from),
    constraint callback_operator check ((type = 'PERSONAL') = (operator is not null))
);
-- due callbacks, and the sweep
create index callback_open_idx on callback (window_from) where status in ('PENDING', 'DUE');
create index callback_contact_idx on callback (contact_id);
create index callback_campaign_idx on callback (campaign_id, window_from);
create index callback_operator_idx on callback (lower(operator), window_from) where operator is not null;
create index callback_window_idx on callback (window_from, id);
