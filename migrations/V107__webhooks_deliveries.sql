-- The webhooks' transactional outbox and delivery log: one row per event and matching subscription, written in the
-- transaction of the change the event reports (a rolled-back change leaves none, a crash after commit loses none).
-- payload is the exact body sent (and signed) at every attempt; event_id is the same for every subscription and every
-- attempt. A worker leases due PENDING rows (next_attempt_at moves ahead while one is sent) and marks them DELIVERED,
-- or FAILED once retry_until has passed; a redelivery makes a row PENDING again with a new retry_until.
create table webhook_delivery (
    id              bigint generated always as identity primary key,
    subscription_id bigint        not null references webhook_subscription (id) on delete cascade,
    event_id        uuid          not null,
    event_type      varchar(64)   not null,
    campaign_id     bigint,
    payload         text          not null,
    occurred_at     timestamptz   not null,
    created_at      timestamptz   not null,
    state           varchar(16)   not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer       not null default 0,
    round_attempts  integer       not null default 0,
    next_attempt_at timestamptz,
    retry_until     timestamptz   not null,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      varchar(1000),
    delivered_at    timestamptz,
    unique (subscription_id, event_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, id) where state = 'PENDING';
create index webhook_delivery_log_idx on webhook_delivery (subscription_id, id);
create index webhook_delivery_failed_idx on webhook_delivery (subscription_id) where state = 'FAILED';
create index webhook_delivery_finished_idx on webhook_delivery (created_at) where state <> 'PENDING';
