-- Usage on the caller's own provider key (BYOK) is recorded, not charged at the model's price.
alter table usage_record add column byok boolean not null default false;

-- Each keyring's data keyset, only ever wrapped by the master keyset (Tink, AES256_GCM). Deleting a
-- row is crypto-shredding: the ciphertexts in the event store can never be opened again. This table
-- is deliberately not derived from events.
create table keyring_data_key (
    account_id    uuid        primary key,
    wrapped       bytea       not null,
    master_key_id bigint      not null,
    updated_at    timestamptz not null default now()
);

-- Keyring read model, written in the command's transaction by the keyring projection. Only active
-- keys keep their ciphertext; removed, replaced and erased keys keep their history without it.
create table provider_key (
    key_id          varchar(80)  primary key,
    account_id      uuid         not null,
    provider        varchar(40)  not null,
    label           varchar(64)  not null,
    ciphertext      bytea,
    fingerprint     varchar(40)  not null,
    masked_preview  varchar(40)  not null,
    base_url        varchar(2048),
    added_at        timestamptz  not null,
    state           varchar(16)  not null check (state in ('active', 'removed', 'replaced', 'erased')),
    ended_at        timestamptz,
    last_status     varchar(16),
    last_latency_ms bigint,
    last_detail     varchar(500),
    last_tested_at  timestamptz
);
create index provider_key_account on provider_key (account_id, state);
