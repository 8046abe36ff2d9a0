-- The parts of each charge's usage and their rates (ADR 0023): input read from and written to the
-- provider's prompt cache, reasoning output. Rows written before have none (0); their rates are
-- left null (the input and output rates applied).
alter table usage_record add column cached_input_tokens bigint not null default 0;
alter table usage_record add column cache_write_5m_tokens bigint not null default 0;
alter table usage_record add column cache_write_1h_tokens bigint not null default 0;
alter table usage_record add column reasoning_tokens bigint not null default 0;
alter table usage_record add column cached_input_price_per_1k bigint;
alter table usage_record add column cache_write_5m_price_per_1k bigint;
alter table usage_record add column cache_write_1h_price_per_1k bigint;
alter table usage_record add column reasoning_price_per_1k bigint;
