-- Campaigns and their reference data were built side by side; now that both tables exist, tie them:
-- a callback goes with its campaign, and a code group or calendar a campaign uses cannot be deleted
-- (the services turn the refusal into "used by a campaign").
alter table callback
    add constraint callback_campaign_fk foreign key (campaign_id) references campaign (id) on delete cascade;
alter table campaign
    add constraint campaign_code_group_fk foreign key (completion_code_group_id) references completion_code_group (id),
    add constraint campaign_calendar_fk foreign key (calendar_id) references working_calendar (id);
