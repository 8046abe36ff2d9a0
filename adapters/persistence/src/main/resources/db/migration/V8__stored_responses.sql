-- Stored responses of the Responses API (issue #14, ADR 0021): kept per account for a retention,
-- read with GET /v1/responses/{id}, continued with previous_response_id, deleted by the caller or once
-- expired. Plain rows, not events: they are conversation content, erasable, and carry no money.
-- `input` is the conversation's input items up to the turn, `response` the response object: both JSON,
-- kept as written (`json`, not `jsonb`, which would reorder the keys).
create table stored_response (
    account_id  uuid         not null,
    id          varchar(128) not null,
    model       varchar(200) not null,
    input       json         not null,
    response    json         not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    primary key (account_id, id)
);

create index stored_response_expiry on stored_response (expires_at);
