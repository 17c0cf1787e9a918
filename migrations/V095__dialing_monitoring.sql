-- Monitoring (issue 7). Two more alert kinds: OPERATOR_NOT_ANSWERING (an operator's phone rang for a call and was
-- not answered; resolved when that operator next talks to a customer) and IMPORT_FAILED (an import run failed).
-- Their subject is the operator's id or the import run's id: one unresolved alert per operator, one per run.
alter table alert drop constraint alert_kind_check;
alter table alert add constraint alert_kind_check
    check (kind in ('AUTO_STOP', 'CONNECTOR_DOWN', 'OPERATOR_NOT_ANSWERING', 'IMPORT_FAILED'));
alter table alert add column subject varchar(100);
create unique index alert_operator_not_answering_idx on alert (subject)
    where kind = 'OPERATOR_NOT_ANSWERING' and resolved_at is null;
create unique index alert_import_failed_idx on alert (subject) where kind = 'IMPORT_FAILED';

-- the monitor's figures of the day: calls placed since midnight, per campaign and per operator
create index call_attempt_queued_idx on call_attempt (queued_at);
