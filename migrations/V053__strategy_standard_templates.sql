-- The notification templates the standard strategy's decision table names (dmn/next-action.dmn): an SMS
-- after the third unanswered call, an e-mail when only answering machines answer. Editable like any other.
insert into notification_template (code, name, description, channel, subject, body, created_at, updated_at)
values ('missed_call', 'Не дозвонились (SMS)', 'Стандартная стратегия: после третьего неотвеченного звонка', 'SMS', null,
        'Здравствуйте! Мы не смогли до вас дозвониться. Пожалуйста, перезвоните нам.', now(), now()),
       ('missed_call_email', 'Не дозвонились (e-mail)', 'Стандартная стратегия: когда отвечает только автоответчик', 'EMAIL',
        'Мы не смогли до вас дозвониться',
        'Здравствуйте! Мы несколько раз пытались до вас дозвониться, но попадали на автоответчик. Пожалуйста, перезвоните нам.',
        now(), now())
on conflict (code) do nothing;
