-- Campaigns: what to call (contact lists, a filter, a share, an order, DNC lists), with which strategy,
-- when (calling hours per day type, date exceptions, start and stop), and within which limits.
-- completion_code_group_id and calendar_id name objects of the campaigns module's reference data;
-- their foreign keys arrive with those tables.

create table campaign (
    id                             bigint generated always as identity primary key,
    name                           varchar(200)  not null,
    description                    varchar(2000),
    status                         varchar(16)   not null default 'DRAFT'
        check (status in ('DRAFT', 'RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED')),
    strategy_key                   text,
    -- null: the latest deployed version of the strategy
    strategy_version               integer check (strategy_version > 0),
    list_order                     varchar(16)   not null default 'IN_ORDER' check (list_order in ('IN_ORDER', 'ANY_ORDER')),
    -- a ContactFilter tree: {"logic": "AND", "items": [{"field": ..., "operator": ..., "values": [...]}, ...]}
    filter                         jsonb         not null default '{"logic": "AND", "items": []}'::jsonb
        check (jsonb_typeof(filter) = 'object'),
    sample_percent                 integer       not null default 100 check (sample_percent between 1 and 100),
    -- null: contacts in the order they were created
    order_field                    varchar(64),
    order_descending               boolean       not null default false,
    completion_code_group_id       bigint,
    calendar_id                    bigint,
    endless                        boolean       not null default false,
    weight                         integer       not null default 1 check (weight between 1 and 1000),
    starts_at                      timestamptz,
    stops_at                       timestamptz,
    time_zone_mode                 varchar(16)   not null default 'CONTACT' check (time_zone_mode in ('CONTACT', 'CAMPAIGN')),
    time_zone                      varchar(64)   not null,
    callback_period_hours          integer check (callback_period_hours > 0),
    number_prefix                  varchar(16),
    max_attempts_per_contact       integer check (max_attempts_per_contact > 0),
    max_attempts_per_day           integer check (max_attempts_per_day > 0),
    max_hours_since_first_attempt  integer check (max_hours_since_first_attempt > 0),
    max_hours_since_creation       integer check (max_hours_since_creation > 0),
    -- one more with every edit of the settings, so that running components notice edits
    revision                       bigint        not null default 1,
    created_at                     timestamptz   not null,
    updated_at                     timestamptz   not null,
    status_changed_at              timestamptz   not null
);
create unique index campaign_name_uk on campaign (lower(name));
create index campaign_status_idx on campaign (status);

-- A contact list deleted in the contacts module leaves the campaigns that called it.
create table campaign_list (
    campaign_id  bigint  not null references campaign (id) on delete cascade,
    list_id      bigint  not null references contact_list (id) on delete cascade,
    position     integer not null,
    primary key (campaign_id, list_id)
);
create index campaign_list_list_idx on campaign_list (list_id);

create table campaign_dnc_list (
    campaign_id  bigint not null references campaign (id) on delete cascade,
    dnc_list_id  bigint not null references dnc_list (id) on delete cascade,
    primary key (campaign_id, dnc_list_id)
);
create index campaign_dnc_list_list_idx on campaign_dnc_list (dnc_list_id);

-- attempts per phone type: the type of a phone is its field (mobile, home, work)
create table campaign_phone_type_limit (
    campaign_id   bigint      not null references campaign (id) on delete cascade,
    field_code    varchar(64) not null,
    max_attempts  integer     not null check (max_attempts > 0),
    primary key (campaign_id, field_code)
);

-- Calling hours per day type; several intervals a day; to_time <= from_time runs past midnight.
create table campaign_calling_hours (
    campaign_id  bigint      not null references campaign (id) on delete cascade,
    day_type     varchar(16) not null check (day_type in ('WORKDAY', 'WEEKEND', 'HOLIDAY')),
    from_time    time        not null,
    to_time      time        not null check (to_time <> from_time),
    primary key (campaign_id, day_type, from_time, to_time)
);

-- Dates whose hours differ from their day type's: intervals, or one row without times for "no calls".
create table campaign_date_exception (
    campaign_id  bigint not null references campaign (id) on delete cascade,
    day          date   not null,
    from_time    time,
    to_time      time,
    check ((from_time is null) = (to_time is null)),
    check (to_time <> from_time)
);
create index campaign_date_exception_idx on campaign_date_exception (campaign_id, day);
