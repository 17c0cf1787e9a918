-- A campaign's integrations (manual 20.2.1 "Интеграции", issue 6 point 7): the links operators open from the
-- contact's card (name, URL template, opened by default) and the "refresh client data" web service (URL template,
-- method, timeout, bearer token sealed by the channels module's SecretBox). One JSON document read with the
-- campaign and replaced with it; nothing queries inside it.
alter table campaign add column integrations jsonb not null default '{"links": []}'::jsonb;
