-- A contact's progress in a campaign, kept by the strategy module: one row per contact a campaign has
-- taken (its process's business key is campaign_id:contact_id). The row and the process start in one
-- transaction, so a contact is never started twice and a crash mid-way leaves nothing half-done.
create table campaign_contact (
    campaign_id          bigint      not null references campaign (id) on delete cascade,
    contact_id           bigint      not null references contact (id) on delete cascade,
    process_instance_id  varchar(64),
    state                varchar(12) not null default 'WAITING'
        check (state in ('WAITING', 'QUEUED', 'NOTIFYING', 'FINISHED')),
    final_status         varchar(40),
    next_dial_at         timestamptz,
    attempts             integer     not null default 0,
    first_attempt_at     timestamptz,
    started_at           timestamptz not null,
    finished_at          timestamptz,
    primary key (campaign_id, contact_id)
);
create index campaign_contact_state_idx on campaign_contact (campaign_id, state);

-- Where a running campaign's intake stands. The first walk goes through the selection in its order
-- (done = true when it has ended); contacts created after it began (id > last_contact_id) and taken by
-- the selection join while the campaign runs.
create table campaign_intake (
    campaign_id     bigint      primary key references campaign (id) on delete cascade,
    -- the first walk goes through the selection in its order; cursor: where it stands, null when not begun
    cursor          varchar(400),
    last_contact_id bigint      not null default 0,
    started         bigint      not null default 0,
    done            boolean     not null default false,
    updated_at      timestamptz not null
);
