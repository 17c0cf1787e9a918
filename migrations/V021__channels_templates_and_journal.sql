-- Channels: notification templates, the mail server and SMS gateway settings, and the journal of
-- every message sent (or simulated) with each attempt.

create table notification_template (
    id           bigint generated always as identity primary key,
    code         varchar(64)   not null,
    name         varchar(200)  not null,
    description  varchar(1000),
    channel      varchar(16)   not null check (channel in ('SMS', 'EMAIL', 'WEB')),
    -- e-mail only
    subject      varchar(500),
    -- SMS and e-mail text; the request body of a web request
    body         text          not null default '',
    -- web requests only
    web_method   varchar(8),
    web_url      varchar(2000),
    web_headers  text,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      integer       not null default 0
);

create unique index notification_template_code_uk on notification_template (code);

-- One row per configured channel ('SMTP', 'SMS_GATEWAY'); secrets inside are encrypted by the application.
create table channel_settings (
    kind        varchar(32)  primary key,
    settings    jsonb        not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(100)
);

-- One row per logical message; a retry of the same send (same send_key) raises attempts on the same row.
create table channel_message (
    id             bigint generated always as identity primary key,
    channel        varchar(16)   not null check (channel in ('SMS', 'EMAIL', 'WEB')),
    template_code  varchar(64),
    recipient      varchar(2000),
    subject        varchar(500),
    body           text,
    status         varchar(16)   not null check (status in ('QUEUED', 'SENT', 'FAILED', 'SIMULATED')),
    attempts       integer       not null default 1,
    error          text,
    campaign_id    bigint,
    contact_id     bigint,
    business_key   varchar(255),
    send_key       varchar(255),
    test           boolean       not null default false,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    sent_at        timestamptz
);

create unique index channel_message_send_key_uk on channel_message (send_key) where send_key is not null;
create index channel_message_channel_ix on channel_message (channel, id);
create index channel_message_status_ix on channel_message (status, id);
create index channel_message_contact_ix on channel_message (contact_id, id) where contact_id is not null;

create table channel_message_attempt (
    message_id   bigint       not null references channel_message (id) on delete cascade,
    attempt      integer      not null,
    status       varchar(16)  not null,
    error        text,
    response     text,
    started_at   timestamptz  not null,
    finished_at  timestamptz,
    primary key (message_id, attempt)
);
