-- Contacts and phones are written a chunk at a time: an import inserts 1,000 contacts and 2,000 phones
-- per statement. Their references were checked by foreign keys, that is by row-level triggers running
-- one query per phone and one per contact: a fifth of the database's work in an import. Here the same
-- rules are kept once per statement, over the statement's transition table:
--   * a phone of no contact, or a contact of no list, is refused (SQLSTATE 23503, as a foreign key);
--   * deleting a list deletes its contacts, deleting a contact deletes its phones.
-- Changing a phone's contact or a contact's list (nothing does it today) is still checked row by row,
-- with the lock a foreign key takes; those triggers do not fire for any other update.

alter table contact_phone drop constraint contact_phone_contact_id_fkey;
alter table contact drop constraint contact_list_id_fkey;

-- Phones: one anti-join per statement. Unlike a foreign key's check it locks no contact: whoever
-- writes phones has just inserted or updated their contact in the same transaction, and holds it.
create function contact_phone_contact_checked() returns trigger language plpgsql as $$
begin
    if exists (select 1 from inserted i where not exists (select 1 from contact c where c.id = i.contact_id)) then
        raise foreign_key_violation using message = 'a phone refers to no contact (contact_phone.contact_id)';
    end if;
    return null;
end $$;

create trigger contact_phone_contact_on_insert after insert on contact_phone
    referencing new table as inserted for each statement execute function contact_phone_contact_checked();

create function contact_phone_contact_changed() returns trigger language plpgsql as $$
begin
    perform 1 from contact where id = new.contact_id for key share;
    if not found then
        raise foreign_key_violation using message = 'a phone refers to no contact (contact_phone.contact_id)';
    end if;
    return new;
end $$;

create trigger contact_phone_contact_on_update before update of contact_id on contact_phone
    for each row when (old.contact_id is distinct from new.contact_id) execute function contact_phone_contact_changed();

create function contact_phones_deleted() returns trigger language plpgsql as $$
begin
    delete from contact_phone p using deleted d where p.contact_id = d.id;
    return null;
end $$;

create trigger contact_phones_on_delete after delete on contact
    referencing old table as deleted for each statement execute function contact_phones_deleted();

-- Contacts: the list counter's trigger already updates each list a statement writes to, which locks
-- it; a list it cannot find is one that is not there.
create or replace function contact_count_inserted() returns trigger language plpgsql as $$
declare
    missing bigint;
begin
    with added as (select list_id, count(*) as n from inserted group by list_id),
         counted as (update contact_list l set contact_count = l.contact_count + a.n
                     from added a where l.id = a.list_id returning l.id)
    select (select count(*) from added) - (select count(*) from counted) into missing;
    if missing > 0 then
        raise foreign_key_violation using message = 'a contact refers to no contact list (contact.list_id)';
    end if;
    return null;
end $$;

create function contact_list_changed() returns trigger language plpgsql as $$
begin
    perform 1 from contact_list where id = new.list_id for key share;
    if not found then
        raise foreign_key_violation using message = 'a contact refers to no contact list (contact.list_id)';
    end if;
    return new;
end $$;

create trigger contact_list_on_update before update of list_id on contact
    for each row when (old.list_id is distinct from new.list_id) execute function contact_list_changed();

create function contact_list_contacts_deleted() returns trigger language plpgsql as $$
begin
    delete from contact c using deleted d where c.list_id = d.id;
    return null;
end $$;

create trigger contact_list_contacts_on_delete after delete on contact_list
    referencing old table as deleted for each statement execute function contact_list_contacts_deleted();
