-- Answers kept with their charges (issue #11): a retry with the same request id gets the answer that
-- was paid for. Written in the charge's own transaction; deleted once expired. Not derived from events:
-- an answer is the upstream's output, kept only for its retention.
create table kept_answer (
    account_id      uuid         not null,
    request_id      varchar(128) not null,
    request_hash    varchar(64)  not null,
    stream          boolean      not null,
    parts           bytea        not null,
    model           varchar(200) not null,
    provider        varchar(40)  not null,
    input_tokens    bigint       not null,
    output_tokens   bigint       not null,
    usage_estimated boolean      not null,
    charged_micros  bigint       not null,
    kept_at         timestamptz  not null,
    expires_at      timestamptz  not null,
    primary key (account_id, request_id)
);

create index kept_answer_expiry on kept_answer (expires_at);
