-- Holds on contacts (issue 8, CRM status mapping: "postpone until", "do not touch"): a contact's strategy does not
-- dial it in one campaign or in every campaign (campaign_id null, campaigns that take it later included) until the
-- moment given, or at all (until null) until released. The strategy's planning reads them; a release wakes the
-- contact's waiting process.
create table contact_hold (
    id          bigint generated always as identity primary key,
    contact_id  bigint       not null references contact (id) on delete cascade,
    -- null: every campaign
    campaign_id bigint       references campaign (id) on delete cascade,
    -- null: until released
    until       timestamptz,
    reason      varchar(500),
    created_at  timestamptz  not null,
    created_by  varchar(100) not null
);
create unique index contact_hold_scope_uk on contact_hold (contact_id, coalesce(campaign_id, 0));
create index contact_hold_campaign_idx on contact_hold (campaign_id) where campaign_id is not null;

-- A contact's place in every campaign (the REST look-up, cancelling and holding a contact everywhere).
create index campaign_contact_contact_idx on campaign_contact (contact_id);

-- An agent result set from outside (AMT "Установка агентского результата для клиента"): a dial request written
-- settled, never dialled, which the contact's strategy settles as an operator's wrap-up with that code. Kept apart
-- from dialled attempts in the limits on attempts (counted only for "times this code").
alter table dial_request
    add column external         boolean not null default false,
    add column external_agent   varchar(100),
    add column external_comment varchar(2000);
