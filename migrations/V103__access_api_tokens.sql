-- API tokens for CRMs (issue 8): created by an administrator, shown once, stored as a SHA-256 hash only.
-- A token reads dzv_<public_id>_<secret>; public_id finds its row without scanning, secret_hash checks it.
create table api_token (
    id                    bigint generated always as identity primary key,
    public_id             varchar(32)  not null,
    secret_hash           bytea        not null,
    name                  varchar(100) not null,
    -- names of org.dozvon.access.Permission the token acts with, and nothing else
    permissions           varchar(64)[] not null,
    -- the token's own limit (requests per minute); null: dozvon.access.rate-limit
    requests_per_minute   integer,
    expires_at            timestamptz,
    created_at            timestamptz  not null,
    created_by            varchar(100) not null,
    revoked_at            timestamptz,
    revoked_by            varchar(100),
    -- written at most once a minute per token, so that a busy CRM does not write a row per request
    last_used_at          timestamptz,
    constraint api_token_secret_hash_length check (octet_length(secret_hash) = 32),
    constraint api_token_requests_per_minute check (requests_per_minute is null or requests_per_minute > 0)
);

create unique index api_token_public_id_uk on api_token (public_id);
-- a revoked token's name may be given again
create unique index api_token_active_name_uk on api_token (lower(name)) where revoked_at is null;
