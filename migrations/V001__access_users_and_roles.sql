-- Users, roles and the permissions that make up a role.
-- Permissions are the names of org.dozvon.access.Permission; a later capability grants its new
-- permissions to the preset roles in its own migration.

create table access_role (
    code        varchar(64)  primary key,
    name        varchar(200) not null,
    preset      boolean      not null default false
);

create table access_role_permission (
    role_code   varchar(64) not null references access_role (code) on delete cascade,
    permission  varchar(64) not null,
    primary key (role_code, permission)
);

create table access_user (
    id                    bigint generated always as identity primary key,
    username              varchar(100) not null,
    password_hash         varchar(200),
    display_name          varchar(200) not null,
    enabled               boolean      not null default true,
    must_change_password  boolean      not null default false,
    password_changed_at   timestamptz,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    version               integer      not null default 0
);

create unique index access_user_username_uk on access_user (lower(username));

create table access_user_role (
    user_id    bigint      not null references access_user (id) on delete cascade,
    role_code  varchar(64) not null references access_role (code),
    primary key (user_id, role_code)
);

insert into access_role (code, name, preset) values
    ('ADMIN',      'Administrator',    true),
    ('SUPERVISOR', 'Supervisor',       true),
    ('ANALYST',    'Business analyst', true),
    ('OPERATOR',   'Operator',         true),
    ('AUDITOR',    'Security auditor', true);

insert into access_role_permission (role_code, permission)
select 'ADMIN', p from unnest(array[
    'CAMPAIGNS_VIEW', 'CONTACTS_VIEW', 'STRATEGIES_VIEW', 'MONITORING_VIEW', 'OPERATORS_VIEW', 'REPORTS_VIEW',
    'SETTINGS_VIEW', 'AUDIT_VIEW', 'WORKPLACE_USE', 'PROCESS_ENGINE', 'METRICS_READ']) as p;

insert into access_role_permission (role_code, permission)
select 'SUPERVISOR', p from unnest(array[
    'CAMPAIGNS_VIEW', 'CONTACTS_VIEW', 'MONITORING_VIEW', 'OPERATORS_VIEW', 'REPORTS_VIEW']) as p;

insert into access_role_permission (role_code, permission)
select 'ANALYST', p from unnest(array['STRATEGIES_VIEW', 'REPORTS_VIEW', 'PROCESS_ENGINE']) as p;

insert into access_role_permission (role_code, permission) values ('OPERATOR', 'WORKPLACE_USE');

insert into access_role_permission (role_code, permission)
select 'AUDITOR', p from unnest(array['AUDIT_VIEW', 'REPORTS_VIEW']) as p;
