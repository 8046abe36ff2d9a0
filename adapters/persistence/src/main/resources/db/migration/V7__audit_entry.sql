-- The audit log (issue #12, ADR 0018): one row per audited event, projected by the `audit` processor.
-- Keyed by the event's identifier, so a replay or a redelivered batch writes each entry once.
-- account_id is null for platform changes (catalog, routing rules, master key). details holds only
-- non-secret values (amounts, levels, labels, masked previews): never a key, ciphertext, fingerprint or hash.
create table audit_entry (
    id             varchar(100) collate "C" primary key,
    occurred_at    timestamptz  not null,
    account_id     uuid,
    actor          varchar(300) collate "C" not null,
    actor_role     varchar(20)  not null,
    action         varchar(60)  not null,
    target         varchar(300),
    details        jsonb        not null,
    client_address varchar(100),
    user_agent     varchar(256)
);

create index audit_entry_account_time on audit_entry (account_id, occurred_at desc, id desc);
create index audit_entry_actor_time on audit_entry (actor, occurred_at desc, id desc);
create index audit_entry_action_time on audit_entry (action, occurred_at desc, id desc);
create index audit_entry_time on audit_entry (occurred_at desc, id desc);
