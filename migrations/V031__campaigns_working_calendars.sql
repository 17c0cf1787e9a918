-- Working-day calendars: which days of a year are working days, weekends or holidays.
-- A date listed in working_calendar_day has the type given there (a holiday, a weekday made a day
-- off, a Saturday made a working day); any other date is a weekend when its day of the week is one
-- of the year's weekend days, else a working day. Weekend days are ISO day numbers (1 = Monday,
-- 7 = Sunday): the calendar's own, unless working_calendar_year gives others for a year.

create table working_calendar (
    id            bigint generated always as identity primary key,
    name          varchar(200)  not null,
    description   varchar(1000),
    weekend_days  integer[]     not null default array[6, 7] check (weekend_days <@ array[1, 2, 3, 4, 5, 6, 7]),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       integer       not null default 0
);
create unique index working_calendar_name_uk on working_calendar (lower(name));

create table working_calendar_year (
    calendar_id   bigint    not null references working_calendar (id) on delete cascade,
    year          integer   not null check (year between 2000 and 2100),
    weekend_days  integer[] not null check (weekend_days <@ array[1, 2, 3, 4, 5, 6, 7]),
    primary key (calendar_id, year)
);

create table working_calendar_day (
    calendar_id  bigint       not null references working_calendar (id) on delete cascade,
    day          date         not null check (day between date '2000-01-01' and date '2100-12-31'),
    type         varchar(8)   not null check (type in ('WORKDAY', 'WEEKEND', 'HOLIDAY')),
    name         varchar(200),
    primary key (calendar_id, day)
);

-- Seed: Russia, 2026 and 2027. Non-working holidays of the Labour Code, art. 112 (HOLIDAY); days off
-- moved onto weekdays (WEEKEND): for 2026 by Government decree No. 1466 of 24.09.2025 (Saturday 3 Jan
-- -> Friday 9 Jan, Sunday 4 Jan -> Thursday 31 Dec) and by art. 112 part 2 (a weekend falling on a
-- holiday moves to the next working day: 8 Mar -> 9 Mar, 9 May -> 11 May). For 2027 only art. 112 part 2
-- (1 May -> 3 May, 9 May -> 10 May, 12 Jun -> 14 Jun): the decree moving 2 and 3 January 2027 was not
-- known when this was written; import the official calendar (docs/calendars.md) once it is published.
insert into working_calendar (name, description, created_at, updated_at)
values ('Russia', 'Производственный календарь Российской Федерации (пятидневная рабочая неделя)', now(), now());

insert into working_calendar_day (calendar_id, day, type, name)
select c.id, d.day, d.type, d.name
from working_calendar c, (values
    (date '2026-01-01', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-02', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-03', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-04', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-05', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-06', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-07', 'HOLIDAY', 'Рождество Христово'),
    (date '2026-01-08', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2026-01-09', 'WEEKEND', 'Перенос выходного с 3 января'),
    (date '2026-02-23', 'HOLIDAY', 'День защитника Отечества'),
    (date '2026-03-08', 'HOLIDAY', 'Международный женский день'),
    (date '2026-03-09', 'WEEKEND', 'Перенос выходного с 8 марта'),
    (date '2026-05-01', 'HOLIDAY', 'Праздник Весны и Труда'),
    (date '2026-05-09', 'HOLIDAY', 'День Победы'),
    (date '2026-05-11', 'WEEKEND', 'Перенос выходного с 9 мая'),
    (date '2026-06-12', 'HOLIDAY', 'День России'),
    (date '2026-11-04', 'HOLIDAY', 'День народного единства'),
    (date '2026-12-31', 'WEEKEND', 'Перенос выходного с 4 января'),
    (date '2027-01-01', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-02', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-03', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-04', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-05', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-06', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-01-07', 'HOLIDAY', 'Рождество Христово'),
    (date '2027-01-08', 'HOLIDAY', 'Новогодние каникулы'),
    (date '2027-02-23', 'HOLIDAY', 'День защитника Отечества'),
    (date '2027-03-08', 'HOLIDAY', 'Международный женский день'),
    (date '2027-05-01', 'HOLIDAY', 'Праздник Весны и Труда'),
    (date '2027-05-03', 'WEEKEND', 'Перенос выходного с 1 мая'),
    (date '2027-05-09', 'HOLIDAY', 'День Победы'),
    (date '2027-05-10', 'WEEKEND', 'Перенос выходного с 9 мая'),
    (date '2027-06-12', 'HOLIDAY', 'День России'),
    (date '2027-06-14', 'WEEKEND', 'Перенос выходного с 12 июня'),
    (date '2027-11-04', 'HOLIDAY', 'День народного единства')
) as d (day, type, name)
where c.name = 'Russia';
