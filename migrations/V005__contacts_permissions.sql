-- Contacts and imports: who may change lists, fields, contacts, DNC and reference data, and who may import.
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'CONTACTS_MANAGE'),
    ('ADMIN', 'IMPORTS_RUN'),
    ('SUPERVISOR', 'CONTACTS_MANAGE'),
    ('SUPERVISOR', 'IMPORTS_RUN');
