-- Supervisors' interventions in operators' calls (issue 7, point 2): who may listen, whisper, barge and take over,
-- and which attempts a supervisor took over (their outcome is settled when the call ends, no wrap-up waits for it).
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'CALLS_INTERVENE'),
    ('SUPERVISOR', 'CALLS_INTERVENE');

alter table call_attempt
    add column taken_over_at timestamptz,
    add column taken_over_to varchar(100);
