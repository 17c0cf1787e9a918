-- Messages to send soon, written in the transaction of what asked for them (an operator's wrap-up): a worker sends
-- them, tries again with growing pauses, and removes each once sent or given up (the journal, channel_message,
-- keeps every attempt). send_key is the journal's key too: a row sent just before a crash is not sent twice.
create table channel_outbox (
    id            bigint generated always as identity primary key,
    channel       varchar(8)    not null check (channel in ('SMS', 'EMAIL', 'WEB')),
    template_code varchar(100)  not null,
    recipient     varchar(320),
    attributes    jsonb         not null default '{}',
    campaign_id   bigint,
    contact_id    bigint,
    business_key  varchar(100),
    send_key      varchar(200)  not null unique,
    due_at        timestamptz   not null,
    tries         integer       not null default 0,
    last_error    varchar(1000),
    created_at    timestamptz   not null,
    created_by    varchar(100)  not null
);
create index channel_outbox_due_idx on channel_outbox (due_at, id);
