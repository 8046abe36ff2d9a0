-- Issue #15: requests that failed outright (RequestFailed: admitted, no candidate answered, nothing
-- charged), projected by the usage processor in the transaction of its token, like the charges.
-- One row per failure keyed by (account, time, request id): a replayed or redelivered failure is
-- inserted nowhere and counted nowhere; a request id that failed twice (a retry) is two rows.
-- No prompt, no answer, no secret: what was asked, the level, the key source, the API key's id, the
-- attempts' causes (jsonb) and the error's code.
create table usage_failure (
    account_id      uuid         not null,
    failed_at       timestamptz  not null,
    request_id      varchar(128) not null,
    requested_model varchar(200) not null,
    power_level     varchar(32),
    byok            boolean      not null,
    api_key_id      varchar(64),
    error           varchar(64)  not null,
    attempts        jsonb        not null,
    primary key (account_id, failed_at, request_id)
);

-- The counts per bucket (UTC hour or day), per account and platform-wide, added from the rows
-- actually inserted; read with the usage rollups by usageSeries (failedRequests).
create table usage_failed_hourly (
    account_id uuid        not null,
    bucket     timestamptz not null,
    failed     bigint      not null,
    primary key (account_id, bucket)
);
create table usage_failed_daily (like usage_failed_hourly including all);
create table usage_failed_hourly_all (
    bucket timestamptz primary key,
    failed bigint      not null
);
create table usage_failed_daily_all (like usage_failed_hourly_all including all);
