-- Exact-value searches and filters (the contacts page's search box, a campaign's "equals"/"in" on a
-- text, e-mail or time-zone field, an e-mail address added to a DNC list) matched contact.attributes
-- over a GIN index of every attribute. Numbers, dates and phones were indexed too, and nothing asked
-- that index about them (phone conditions are answered by contact_phone's number index), while the
-- index was the largest single cost of writing a contact (docs/benchmarks.md, "Import"). The values of
-- the text, e-mail and time-zone fields now have a column and an index of their own; a field's type
-- cannot change while a list uses it, so the column stays what the contact's fields say.

alter table contact add column search_values jsonb not null default '{}'::jsonb;

update contact c set search_values = s.search_values
from (select c2.id, jsonb_object_agg(f.code, c2.attributes -> f.code) as search_values
      from contact c2
      join contact_field f on f.type in ('TEXT', 'EMAIL', 'TIMEZONE') and c2.attributes ? f.code
      group by c2.id) s
where s.id = c.id;

drop index contact_attributes_idx;
create index contact_search_values_idx on contact using gin (search_values jsonb_path_ops);
