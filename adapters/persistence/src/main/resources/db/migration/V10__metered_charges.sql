-- What the usage meter sent to Lago (issue #15, ADR 0025): one row per charge Lago took, written by the
-- `lago` processor in the same transaction as its token, once Lago accepted the batch. The
-- reconciliation report holds it against the accounts' UsageCharged events. Keyed by the charge, so a
-- batch sent again (Lago refused the repeated ids) records nothing twice.
create table metered_charge (
    account_id     uuid         not null,
    request_id     varchar(128) not null,
    tokens         bigint       not null,
    charged_micros bigint       not null,
    charged_at     timestamptz  not null,
    primary key (account_id, request_id)
);
