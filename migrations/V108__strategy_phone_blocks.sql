-- Blocked phones (AMT Campaign Manager, "Блокировка ранее загруженных клиентов"; issue 8): a number not to be
-- dialled, for one contact or for whoever has it, in one campaign or in every campaign. The strategy's planning
-- skips a blocked phone (a contact left with none finishes DO_NOT_CALL); blocking cancels the queued requests for it.
create table phone_block (
    id          bigint generated always as identity primary key,
    -- E.164
    number      varchar(20)  not null,
    -- null: every contact with this number
    contact_id  bigint       references contact (id) on delete cascade,
    -- null: every campaign
    campaign_id bigint       references campaign (id) on delete cascade,
    reason      varchar(500),
    created_at  timestamptz  not null,
    created_by  varchar(100) not null
);
-- one block per number, contact (or anyone) and campaign (or all); the planning's look-up by number
create unique index phone_block_scope_uk on phone_block (number, coalesce(contact_id, 0), coalesce(campaign_id, 0));
create index phone_block_contact_idx on phone_block (contact_id) where contact_id is not null;
create index phone_block_campaign_idx on phone_block (campaign_id) where campaign_id is not null;
