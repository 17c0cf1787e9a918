-- Settings → Connectors: who may change the PBX routes Dozvon dials through, their capacities and selection order.
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'TELEPHONY_MANAGE');
