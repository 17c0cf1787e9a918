-- Dashboards and reports count ended attempts by the hour and the day they ended (dialing.CallStatistics): a range
-- of this index is today's calls, however long the table has grown. Calls in progress (no end yet) are left out.
create index call_attempt_ended_idx on call_attempt (ended_at) include (campaign_id, outcome) where ended_at is not null;
