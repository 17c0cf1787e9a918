-- Call scripts (manual section 17): what the operator asks during a call and records at wrap-up.
-- A script is reference data shared by campaigns; a campaign refers to one script (or none), and a
-- script a campaign uses cannot be deleted (the service turns the refusal into "used by a campaign").
create table script (
    id           bigint generated always as identity primary key,
    name         varchar(200)  not null,
    description  varchar(2000),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      integer       not null default 0
);
create unique index script_name_uk on script (lower(name));

-- A script's questions in the order the operator sees them. The key names the answer (in reports, the
-- API and the workplace form) and is unique within its script. Options only for CHOICE questions; the
-- link is a URL whose {field} placeholders are filled from the contact card.
create table script_question (
    script_id    bigint        not null references script (id) on delete cascade,
    position     integer       not null check (position > 0),
    question_key varchar(64)   not null check (question_key ~ '^[A-Za-z][A-Za-z0-9_]*$'),
    text         varchar(1000) not null,
    answer_type  varchar(16)   not null check (answer_type in ('TEXT', 'YES_NO', 'CHOICE', 'NUMBER', 'DATE')),
    options      varchar(200)[] not null default '{}',
    mandatory    boolean       not null default false,
    link         varchar(2000),
    help         varchar(2000),
    primary key (script_id, position),
    constraint script_question_key_uk unique (script_id, question_key)
);

alter table campaign
    add column script_id bigint constraint campaign_script_fk references script (id);

-- The answers given during one attempt (its dial request's id), one row per answered question. The
-- question's text is kept as it was asked, so history reads the same after the script changes; the
-- script may even be deleted later (no key to it). A campaign's answers go with the campaign.
create table script_answer (
    attempt_id    bigint        not null,
    question_key  varchar(64)   not null,
    campaign_id   bigint        not null references campaign (id) on delete cascade,
    script_id     bigint        not null,
    position      integer       not null,
    question_text varchar(1000) not null,
    answer        varchar(4000) not null,
    answered_by   varchar(100)  not null,
    answered_at   timestamptz   not null,
    primary key (attempt_id, question_key)
);
create index script_answer_campaign_idx on script_answer (campaign_id, attempt_id desc);
