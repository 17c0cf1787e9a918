-- Strategies: who may upload new versions of strategy processes and decision tables and migrate
-- running contacts from one version to another. Viewing stays STRATEGIES_VIEW (ADMIN, ANALYST: V001).
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'STRATEGIES_MANAGE'),
    ('ANALYST', 'STRATEGIES_MANAGE')
on conflict do nothing;
