-- Dashboards (manual 20.1): each user's own pages of charts, one of them shown first ("on the main screen"), and
-- their widgets in order. A dashboard belongs to a user name: dashboards are personal, nobody else sees them.
create table dashboard (
    id          bigint generated always as identity primary key,
    owner       varchar(100)  not null,
    name        varchar(100)  not null,
    description varchar(1000),
    on_home     boolean       not null default false,
    position    integer       not null,
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now()
);
create unique index dashboard_name_idx on dashboard (lower(owner), lower(name));
-- at most one dashboard of a user opens first
create unique index dashboard_home_idx on dashboard (lower(owner)) where on_home;

-- A chart on a dashboard: what it shows (kind), its title (null: the kind's name in the reader's language), its
-- settings (campaign, period, chart type; JSON as reporting.WidgetSettings writes it), its place and its width in
-- Bootstrap grid columns.
create table dashboard_widget (
    id           bigint generated always as identity primary key,
    dashboard_id bigint        not null references dashboard (id) on delete cascade,
    kind         varchar(32)   not null
        check (kind in ('CALLS_BY_HOUR', 'CALLS_BY_DAY', 'CAMPAIGN_PROGRESS', 'OPERATOR_COMPARISON', 'ABANDON_RATE')),
    title        varchar(200),
    settings     jsonb         not null default '{}',
    position     integer       not null,
    width        integer       not null default 6 check (width in (4, 6, 8, 12)),
    created_at   timestamptz   not null default now()
);
create index dashboard_widget_dashboard_idx on dashboard_widget (dashboard_id, position);
