-- The parts of each charge's usage and their rates (ADR 0023): input read from and written to the
-- provider's prompt cache, reasoning output. Rows written before have none (0); their rates are
-- left null (the input and output rates applied). The raw rows live in usage_row since V9 (ADR 0024);
-- the usage_record view shows the new columns after its old ones.
alter table usage_row add column cached_input_tokens bigint not null default 0;
alter table usage_row add column cache_write_5m_tokens bigint not null default 0;
alter table usage_row add column cache_write_1h_tokens bigint not null default 0;
alter table usage_row add column reasoning_tokens bigint not null default 0;
alter table usage_row add column cached_input_price_per_1k bigint;
alter table usage_row add column cache_write_5m_price_per_1k bigint;
alter table usage_row add column cache_write_1h_price_per_1k bigint;
alter table usage_row add column reasoning_price_per_1k bigint;

create or replace view usage_record as
    select r.account_id, r.request_id, m.name as model, p.name as provider, r.input_tokens, r.output_tokens,
           r.usage_estimated, r.input_price_per_1k, r.output_price_per_1k, r.cost_micros, r.charged_micros,
           r.uncollected_micros, r.balance_after_micros, r.charged_at, r.byok, r.multiplier_bp, r.catalog_version,
           r.routing, r.cached_input_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens, r.reasoning_tokens,
           r.cached_input_price_per_1k, r.cache_write_5m_price_per_1k, r.cache_write_1h_price_per_1k,
           r.reasoning_price_per_1k
    from usage_row r
    join usage_label m on m.id = r.model_id
    join usage_label p on p.id = r.provider_id;
