-- Settings -> API tokens and /api/v1/api-tokens: administrators only.
insert into access_role_permission (role_code, permission) values ('ADMIN', 'API_TOKENS_MANAGE');
