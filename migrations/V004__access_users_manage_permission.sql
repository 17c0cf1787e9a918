-- Settings -> Users: create local users, give them roles, reset passwords, disable accounts.
insert into access_role_permission (role_code, permission) values ('ADMIN', 'USERS_MANAGE');
