-- Who may create, change, start, pause, resume, stop and delete campaigns. Another change grants the same
-- permission, so the grant must not fail when it is already there.
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'CAMPAIGNS_MANAGE'),
    ('SUPERVISOR', 'CAMPAIGNS_MANAGE')
on conflict do nothing;
