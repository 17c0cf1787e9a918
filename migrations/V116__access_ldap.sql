-- Domain accounts (LDAP / Active Directory): the directory settings, the group -> role mapping,
-- and what a user row needs to stand for a directory account.

alter table access_user
    add column account_type varchar(10) not null default 'LOCAL' check (account_type in ('LOCAL', 'LDAP')),
    add column email        varchar(320),
    add column position     varchar(200);

comment on column access_user.account_type is
    'LOCAL: password checked here; LDAP: a shadow row of a directory account (no password; name, e-mail and position from the directory)';

-- one row: the settings an administrator edits in Settings -> LDAP, read by every domain login
create table access_ldap_settings (
    id                    smallint     primary key default 1 check (id = 1),
    enabled               boolean      not null default false,
    urls                  varchar(1000) not null default '',
    base_dn               varchar(500) not null default '',
    bind_dn               varchar(500) not null default '',
    bind_password_sealed  text,
    user_search_base      varchar(500) not null default '',
    user_search_filter    varchar(500) not null default '(sAMAccountName={0})',
    group_search_base     varchar(500) not null default '',
    group_search_filter   varchar(500) not null default '(member={0})',
    name_attribute        varchar(100) not null default 'displayName',
    email_attribute       varchar(100) not null default 'mail',
    position_attribute    varchar(100) not null default 'title',
    updated_at            timestamptz  not null default now()
);

insert into access_ldap_settings (id) values (1);

-- a directory group (its DN or its CN) gives a Dozvon role at every domain login
create table access_ldap_group_role (
    id          bigint generated always as identity primary key,
    group_name  varchar(500) not null,
    role_code   varchar(64)  not null references access_role (code) on delete cascade
);

create unique index access_ldap_group_role_uk on access_ldap_group_role (lower(group_name), role_code);
