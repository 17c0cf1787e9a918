-- When a campaign was last started (DRAFT, STOPPED or COMPLETED -> RUNNING): the "actual start time" the active
-- campaigns page shows (manual 20.3.1). A pause and a resume do not change it. Campaigns running now were started at
-- their last status change, as far as anyone can tell; paused ones are not known.
alter table campaign add column started_at timestamptz;
update campaign set started_at = status_changed_at where status = 'RUNNING';
