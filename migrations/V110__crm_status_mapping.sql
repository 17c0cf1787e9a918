-- CRM status mapping (presentation 001, "Сопоставление статусов CRM — звонить / отложить / не трогать / финал"):
-- what a status a CRM sends with a contact means to the campaigns that call it.
--   CALL          release any hold: call as the strategy plans
--   POSTPONE      hold until the date the CRM gives, else now + postpone_minutes
--   DO_NOT_TOUCH  hold until another status releases it
--   FINAL         end the contact's processing with final_status
create table crm_status_mapping (
    id               bigint generated always as identity primary key,
    code             varchar(100) not null,
    name             varchar(200) not null,
    action           varchar(16)  not null check (action in ('CALL', 'POSTPONE', 'DO_NOT_TOUCH', 'FINAL')),
    postpone_minutes integer      check (postpone_minutes > 0),
    final_status     varchar(40),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    check (action <> 'POSTPONE' or postpone_minutes is not null),
    check (action <> 'FINAL' or final_status is not null)
);
create unique index crm_status_mapping_code_uk on crm_status_mapping (lower(code));

-- A contact's last CRM status, and a block of the whole contact through the API (kept across edits and imports,
-- unlike the dnc flag, which DNC lists recompute): a blocked contact is taken by no campaign.
alter table contact
    add column crm_status     varchar(100),
    add column crm_status_at  timestamptz,
    add column blocked_at     timestamptz,
    add column blocked_reason varchar(500);
