package dev.switchgear.adapter.persistence.readmodel;

/**
 * The usage projection's one statement for a batch of charges (ADR 0024): the raw rows inserted
 * {@code on conflict do nothing}, and from the rows actually inserted, the hourly and daily rollups
 * per account and platform-wide, each written in key order (two segments never deadlock).
 */
final class UsageRowSql {

    private static final String ROLLUP_SUMS = "count(*), sum(input_tokens), sum(output_tokens), sum(cost_micros), "
            + "sum(charged_micros), count(*) filter (where usage_estimated), count(*) filter (where failed_attempts > 0)";
    private static final String ROLLUP_ADD = " do update set requests = %1$s.requests + excluded.requests, "
            + "input_tokens = %1$s.input_tokens + excluded.input_tokens, "
            + "output_tokens = %1$s.output_tokens + excluded.output_tokens, "
            + "cost_micros = %1$s.cost_micros + excluded.cost_micros, "
            + "charged_micros = %1$s.charged_micros + excluded.charged_micros, "
            + "estimated_requests = %1$s.estimated_requests + excluded.estimated_requests, "
            + "failed_requests = %1$s.failed_requests + excluded.failed_requests";
    private static final String HOUR = "date_trunc('hour', charged_at at time zone 'UTC') at time zone 'UTC'";
    private static final String DAY = "date_trunc('day', charged_at at time zone 'UTC') at time zone 'UTC'";

    static final String INSERT_HEAD = "with input (account_id, request_id, charged_at, model, provider, level, "
            + "tier, input_tokens, output_tokens, usage_estimated, byok, failed_attempts, input_price, output_price, "
            + "cost, charged, uncollected, balance_after, multiplier, catalog_version, routing, cached_input, cache_write_5m, "
            + "cache_write_1h, reasoning, cached_input_price, cache_write_5m_price, cache_write_1h_price, reasoning_price, "
            + "api_key_id) "
            + "as (values ";

    static final String INSERT_TAIL = "), ins as (insert into usage_row (account_id, request_id, charged_at, "
            + "model_id, provider_id, level_id, tier_id, input_tokens, output_tokens, usage_estimated, byok, "
            + "failed_attempts, input_price_per_1k, output_price_per_1k, cost_micros, charged_micros, "
            + "uncollected_micros, balance_after_micros, multiplier_bp, catalog_version, routing, cached_input_tokens, "
            + "cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, cached_input_price_per_1k, "
            + "cache_write_5m_price_per_1k, cache_write_1h_price_per_1k, reasoning_price_per_1k, api_key_id) "
            + "select i.account_id, i.request_id, i.charged_at, m.id, p.id, coalesce(l.id, 0), "
            + "coalesce(t.id, a.tier_id, 0), i.input_tokens, i.output_tokens, i.usage_estimated, i.byok, "
            + "i.failed_attempts, i.input_price, i.output_price, i.cost, i.charged, i.uncollected, i.balance_after, "
            + "i.multiplier, i.catalog_version, i.routing, i.cached_input, i.cache_write_5m, i.cache_write_1h, i.reasoning, "
            + "i.cached_input_price, i.cache_write_5m_price, i.cache_write_1h_price, i.reasoning_price, i.api_key_id from input i "
            + "join usage_label m on m.kind = 'm' and m.name = i.model "
            + "join usage_label p on p.kind = 'p' and p.name = i.provider "
            + "left join usage_label l on l.kind = 'l' and l.name = i.level "
            + "left join usage_label t on t.kind = 't' and t.name = i.tier "
            + "left join usage_account a on a.account_id = i.account_id "
            + "on conflict do nothing returning account_id, charged_at, provider_id, model_id, level_id, tier_id, byok, "
            + "input_tokens, output_tokens, cost_micros, charged_micros, usage_estimated, failed_attempts), "
            + "h as (insert into usage_hourly select " + HOUR + ", account_id, provider_id, model_id, level_id, "
            + "tier_id, byok, " + ROLLUP_SUMS + " from ins group by 1, 2, 3, 4, 5, 6, 7 order by 2, 1, 3, 4, 5, 6, 7 "
            + "on conflict (account_id, bucket, provider_id, model_id, level_id, tier_id, byok)"
            + ROLLUP_ADD.formatted("usage_hourly") + "), "
            + "d as (insert into usage_daily select " + DAY + ", account_id, provider_id, model_id, level_id, "
            + "tier_id, byok, " + ROLLUP_SUMS + " from ins group by 1, 2, 3, 4, 5, 6, 7 order by 2, 1, 3, 4, 5, 6, 7 "
            + "on conflict (account_id, bucket, provider_id, model_id, level_id, tier_id, byok)"
            + ROLLUP_ADD.formatted("usage_daily") + "), "
            + "ha as (insert into usage_hourly_all select " + HOUR + ", provider_id, model_id, level_id, tier_id, "
            + "byok, " + ROLLUP_SUMS + " from ins group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6 "
            + "on conflict (bucket, provider_id, model_id, level_id, tier_id, byok)"
            + ROLLUP_ADD.formatted("usage_hourly_all") + ") "
            + "insert into usage_daily_all select " + DAY + ", provider_id, model_id, level_id, tier_id, byok, "
            + ROLLUP_SUMS + " from ins group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6 "
            + "on conflict (bucket, provider_id, model_id, level_id, tier_id, byok)"
            + ROLLUP_ADD.formatted("usage_daily_all");

    private UsageRowSql() {
    }
}
