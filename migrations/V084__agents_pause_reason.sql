-- Why an operator is not ready (dozvon.agents.pause-reasons: break, lunch, training…), shown with the state.
alter table operator add column pause_reason varchar(50);
