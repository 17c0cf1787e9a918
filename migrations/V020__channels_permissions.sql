-- Channels: who configures the mail server and the SMS gateway, and who writes notification templates
-- and reads the journal of sent messages. Analysts write templates for their strategies, so they now
-- see the Settings section (where the templates live); its other pages still need their own permissions.
insert into access_role_permission (role_code, permission) values
    ('ADMIN', 'CHANNELS_MANAGE'),
    ('ADMIN', 'NOTIFICATIONS_MANAGE'),
    ('ANALYST', 'NOTIFICATIONS_MANAGE'),
    ('ANALYST', 'SETTINGS_VIEW');
