-- Webhooks: a CRM's subscriptions to Dozvon's events. The secret that signs each delivery is kept sealed by the
-- installation's key (channels' SecretBox: AES-256-GCM), never in clear. A subscription is global (campaign_id null)
-- or for one campaign, and goes with that campaign when it is deleted.
create table webhook_subscription (
    id          bigint generated always as identity primary key,
    name        varchar(200)  not null,
    url         varchar(2000) not null,
    secret      text          not null,
    event_types varchar(64)[] not null,
    campaign_id bigint references campaign (id) on delete cascade,
    active      boolean       not null default true,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);
create unique index webhook_subscription_name_idx on webhook_subscription (lower(name));

-- Who manages them: administrators, as they do the other integrations of the installation (mail, SMS gateway).
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'WEBHOOKS_MANAGE');
