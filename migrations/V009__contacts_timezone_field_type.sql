-- A field of type TIMEZONE holds the contact's own time zone, which wins over the one its numbers imply.
alter table contact_field drop constraint contact_field_type_check;
alter table contact_field add constraint contact_field_type_check
    check (type in ('TEXT', 'NUMBER', 'DATE', 'PHONE', 'EMAIL', 'TIMEZONE'));
