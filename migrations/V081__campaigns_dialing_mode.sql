-- How a campaign dials (manual 19.1.1, DESIGN "Dialing modes"): the mode, progressive lines per operator, the
-- predictive abandon target, the preview time, answering-machine detection (null: the installation's default),
-- the skill and level its operators need, how many operators it takes at least and at most, and its wrap-up time.
alter table campaign
    add column dialing_mode        varchar(16)  not null default 'AGENTLESS'
        check (dialing_mode in ('PREVIEW', 'PROGRESSIVE', 'PREDICTIVE', 'AGENTLESS')),
    add column lines_per_operator  numeric(4, 2) not null default 1 check (lines_per_operator between 1 and 5),
    add column abandon_target      numeric(4, 2) not null default 3 check (abandon_target > 0 and abandon_target <= 10),
    add column preview_seconds     integer      not null default 30 check (preview_seconds between 0 and 600),
    add column detect_machine      boolean,
    add column skill_id            bigint       references skill (id) on delete set null,
    add column min_skill_level     integer      not null default 1 check (min_skill_level between 1 and 100),
    add column min_operators       integer      check (min_operators >= 0),
    add column max_operators       integer      check (max_operators >= 1),
    add column wrap_up_seconds     integer      not null default 30 check (wrap_up_seconds between 0 and 3600);

-- when a person was known to wait for an operator (the answer, or "human" from machine detection) and who took the call
alter table call_attempt
    add column waiting_at  timestamptz,
    add column operator_id bigint;
