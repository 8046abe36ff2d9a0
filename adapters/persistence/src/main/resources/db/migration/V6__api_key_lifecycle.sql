-- Gateway API keys become events of the account (issue #12, ADR 0016): api_key is now their read
-- model, written by the subscribing ApiKeyProjection in the command's own transaction. A key has an
-- optional name and expiry; a revoked key keeps its row (revoked_at); last_used_at is written in
-- batches, not per request. Rows issued before this migration have no event: they keep working, and
-- revoking one records its issue and revocation then. Key ids are the domain's (1 to 64 characters).
alter table api_key alter column key_id type varchar(64) using key_id::text;
alter table api_key add column name varchar(100);
alter table api_key add column expires_at timestamptz;
alter table api_key add column revoked_at timestamptz;
alter table api_key add column last_used_at timestamptz;
create index api_key_account_created on api_key (account_id, created_at desc);
drop index api_key_account;
