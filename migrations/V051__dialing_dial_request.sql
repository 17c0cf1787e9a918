-- The dial queue and the record of every call attempt, one row each: a strategy step writes a QUEUED row
-- in its own transaction; the campaign's pacer takes due rows (for update skip locked) and marks them
-- DIALING before it originates, so a row is never dialled twice; the outcome settles it (SETTLED). A row
-- that was never dialled before its deadline, or whose campaign stopped, is CANCELLED.
create table dial_request (
    id                   bigint generated always as identity primary key,
    campaign_id          bigint      not null references campaign (id) on delete cascade,
    contact_id           bigint      not null references contact (id) on delete cascade,
    business_key         varchar(64) not null,
    phone                varchar(20) not null,
    phone_type           varchar(64),
    time_zone            varchar(64),
    state                varchar(12) not null default 'QUEUED'
        check (state in ('QUEUED', 'DIALING', 'SETTLED', 'CANCELLED')),
    priority             integer     not null default 0,
    due_at               timestamptz not null,
    window_end           timestamptz,
    created_at           timestamptz not null,
    taken_at             timestamptz,
    settled_at           timestamptz,
    outcome              varchar(16),
    completion_code      varchar(32),
    -- the contact's local day of the attempt, for "attempts per day"
    local_day            date        not null,
    dry_run              boolean     not null default false
);
-- the pacer: due rows of a campaign
create index dial_request_queue_idx on dial_request (campaign_id, due_at) where state = 'QUEUED';
-- the strategy's counters: a contact's attempts in a campaign
create index dial_request_contact_idx on dial_request (contact_id, campaign_id);
