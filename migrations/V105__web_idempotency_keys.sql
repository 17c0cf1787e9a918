-- Idempotency-Key of the REST API (issue 8): the first answer to a POST sent with a key, per caller, so that the same
-- request sent again gets that answer instead of being done twice. The row is written before the work, in its own
-- transaction (state IN_PROGRESS), so two callers racing with one key cannot both run; the answer is kept once
-- the work has succeeded (DONE). Rows older than dozvon.web.idempotency.ttl are deleted.
create table idempotency_key (
    principal             varchar(255) not null,
    idempotency_key       varchar(255) not null,
    request_method        varchar(10)  not null,
    request_path          text         not null,
    -- SHA-256 of the body (JSON as sent; for multipart and form posts, of their parts and parameters)
    request_hash          bytea        not null,
    state                 varchar(20)  not null check (state in ('IN_PROGRESS', 'DONE')),
    response_status       integer,
    response_location     text,
    response_content_type varchar(255),
    response_body         bytea,
    created_at            timestamptz  not null,
    primary key (principal, idempotency_key)
);

create index idempotency_key_created_idx on idempotency_key (created_at);
