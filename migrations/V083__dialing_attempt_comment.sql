-- The operator's comment from the wrap-up, kept with the call attempt (the workplace's history shows it).
alter table call_attempt add column comment varchar(2000);
