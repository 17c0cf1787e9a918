-- Field access per role (manual 3.1.1.5, "Поля контакт-листов": access and mask per role): a role sees a
-- contact field's values in clear unless a row here says MASKED (e.g. +7 912 *** ** 89) or HIDDEN. A user
-- with several roles gets the most open access among them (org.dozvon.contacts.FieldAccess). Pages, API
-- answers, exports and the operator's card all go through it.

create table contact_field_access (
    field_id   bigint      not null references contact_field (id) on delete cascade,
    role_code  varchar(64) not null references access_role (code) on delete cascade,
    access     varchar(16) not null check (access in ('MASKED', 'HIDDEN')),
    primary key (field_id, role_code)
);
