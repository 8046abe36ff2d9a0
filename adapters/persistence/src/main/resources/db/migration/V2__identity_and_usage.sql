-- The administrator's key, as a SHA-256 hash (one row).
create table admin_credential (
    id         smallint    primary key check (id = 1),
    key_hash   char(64)    not null,
    updated_at timestamptz not null default now()
);

-- Account API keys, as SHA-256 hashes; the prefix is the part safe to show.
create table api_key (
    key_id     uuid        primary key,
    key_hash   char(64)    not null unique,
    prefix     varchar(16) not null,
    account_id uuid        not null,
    created_at timestamptz not null
);
create index api_key_account on api_key (account_id);

-- Usage read model, written by the usage projection from UsageCharged events; one row per
-- charged request, so replaying the events writes nothing twice.
create table usage_record (
    account_id           uuid         not null,
    request_id           varchar(128) not null,
    model                varchar(200) not null,
    provider             varchar(100) not null,
    input_tokens         bigint       not null,
    output_tokens        bigint       not null,
    usage_estimated      boolean      not null,
    input_price_per_1k   bigint       not null,
    output_price_per_1k  bigint       not null,
    cost_micros          bigint       not null,
    charged_micros       bigint       not null,
    uncollected_micros   bigint       not null,
    balance_after_micros bigint       not null,
    charged_at           timestamptz  not null,
    primary key (account_id, request_id)
);
create index usage_record_account_time on usage_record (account_id, charged_at desc);
