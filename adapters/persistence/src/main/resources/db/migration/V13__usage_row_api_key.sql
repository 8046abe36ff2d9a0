-- Issue #15: the usage breakdown by API key. Each charge records the id of the gateway API key that
-- made the request (as GET /api/v1/keys shows it; never the key or its hash). Null for a signed-in
-- user's or the administrator's request and for every charge projected before this column existed.
-- No index: the breakdown reads one account's raw rows of the range through the partitions'
-- primary key (account_id, charged_at, request_id), pruned by charged_at (ADR 0024).
alter table usage_row add column api_key_id varchar(64);
