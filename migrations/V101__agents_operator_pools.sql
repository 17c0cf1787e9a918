-- Operator pools and forced moves (issue 7; manual 20.3.1 "Активные кампании").

-- The campaigns an operator may work. An operator with no row here works any campaign it qualifies for (as before);
-- one with rows works only those campaigns. Kept by the agents module: it is an attribute of the operator.
create table operator_campaign (
    operator_id bigint not null references operator (id) on delete cascade,
    campaign_id bigint not null references campaign (id) on delete cascade,
    primary key (operator_id, campaign_id)
);
create index operator_campaign_campaign_idx on operator_campaign (campaign_id);

-- A supervisor's forced move: the dialer keeps the operator on this campaign while it runs with operators and the
-- operator qualifies for it, whatever the weights, minimums, maximums and pools say. Cleared when the campaign stops
-- or completes, when the operator logs out, or by moving the operator back to "any campaign".
alter table operator add column pinned_campaign_id bigint references campaign (id) on delete set null;
