-- The completion code a wrap-up gets when its time runs out before the operator chose one (manual 19:
-- "Код завершения по умолчанию"); null: the answered call's system code.
alter table campaign add column default_code varchar(32);

-- the workplace's "today": the calls an operator took, newest first
create index call_attempt_operator_idx on call_attempt (operator_id, dial_request_id) where operator_id is not null;
