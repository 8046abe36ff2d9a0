package dev.switchgear.adapter.persistence.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.domain.credit.api.RequestFailed;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes requests that failed outright ({@link RequestFailed}) for the usage projection: the rows of
 * {@code usage_failure} and, in the same statement, the counts per hour and day, per account and
 * platform-wide, from the rows actually inserted — a replayed or redelivered failure counts once.
 */
final class UsageFailureRows {

    private final DSLContext db;
    private final ObjectMapper json;

    UsageFailureRows(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    void write(List<RequestFailed> failures) {
        if (failures.isEmpty()) {
            return;
        }
        StringJoiner values = new StringJoiner(", ");
        List<Object> binds = new ArrayList<>(failures.size() * 9);
        for (RequestFailed f : failures) {
            values.add("(?::uuid, ?::timestamptz, ?::varchar, ?::varchar, ?::varchar, ?::boolean, ?::varchar, "
                    + "?::varchar, ?::jsonb)");
            binds.add(UUID.fromString(f.accountId().value()));
            binds.add(f.failedAt().atOffset(ZoneOffset.UTC));
            binds.add(f.requestId().value());
            binds.add(f.requestedModel() == null ? "" : f.requestedModel());
            binds.add(f.powerLevel());
            binds.add(f.byok());
            binds.add(f.apiKeyId());
            binds.add(f.error() == null ? "" : f.error());
            binds.add(attempts(f));
        }
        db.execute(INSERT_HEAD + values + INSERT_TAIL, binds.toArray());
    }

    private String attempts(RequestFailed failure) {
        try {
            return json.writeValueAsString(failure.attempts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a failure's attempts could not be written as JSON", e);
        }
    }

    private static final String HOUR = "date_trunc('hour', failed_at at time zone 'UTC') at time zone 'UTC'";
    private static final String DAY = "date_trunc('day', failed_at at time zone 'UTC') at time zone 'UTC'";
    private static final String ADD = " do update set failed = %1$s.failed + excluded.failed";

    private static final String INSERT_HEAD = "with ins as (insert into usage_failure (account_id, failed_at, "
            + "request_id, requested_model, power_level, byok, api_key_id, error, attempts) values ";

    private static final String INSERT_TAIL = " on conflict do nothing returning account_id, failed_at), "
            + "h as (insert into usage_failed_hourly select account_id, " + HOUR + ", count(*) from ins group by 1, 2 order by 1, 2 "
            + "on conflict (account_id, bucket)" + ADD.formatted("usage_failed_hourly") + "), "
            + "d as (insert into usage_failed_daily select account_id, " + DAY + ", count(*) from ins group by 1, 2 order by 1, 2 "
            + "on conflict (account_id, bucket)" + ADD.formatted("usage_failed_daily") + "), "
            + "ha as (insert into usage_failed_hourly_all select " + HOUR + ", count(*) from ins group by 1 order by 1 "
            + "on conflict (bucket)" + ADD.formatted("usage_failed_hourly_all") + ") "
            + "insert into usage_failed_daily_all select " + DAY + ", count(*) from ins group by 1 order by 1 "
            + "on conflict (bucket)" + ADD.formatted("usage_failed_daily_all");
}
