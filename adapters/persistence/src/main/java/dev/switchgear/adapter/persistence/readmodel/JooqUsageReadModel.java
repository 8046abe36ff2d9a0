package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.UsageTable.*;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.MicroCredits;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads {@code usage_record}. */
public class JooqUsageReadModel implements UsageReadModel {

    private final DSLContext db;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public JooqUsageReadModel(DSLContext db, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public List<UsageRecord> find(AccountId accountId, Instant from, Instant to, int limit) {
        return db.select(REQUEST_ID, MODEL, PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS, USAGE_ESTIMATED, COST, CHARGED,
                        CHARGED_AT, BYOK, MULTIPLIER, ROUTING, CACHED_INPUT_TOKENS, CACHE_WRITE_5M_TOKENS,
                        CACHE_WRITE_1H_TOKENS, REASONING_TOKENS)
                .from(USAGE_RECORD)
                .where(range(accountId, from, to))
                .orderBy(CHARGED_AT.desc(), REQUEST_ID.desc())
                .limit(limit)
                .fetch(this::toRecord);
    }

    @Override
    public UsageTotals totals(AccountId accountId, Instant from, Instant to) {
        return totals(range(accountId, from, to));
    }

    @Override
    public UsageTotals totals(AccountId accountId, Instant from, Instant to, boolean byok) {
        return totals(range(accountId, from, to).and(BYOK.eq(byok)));
    }

    private UsageTotals totals(Condition where) {
        Record totals = db.select(count(), sum(INPUT_TOKENS), sum(OUTPUT_TOKENS), sum(COST), sum(CHARGED))
                .from(USAGE_RECORD)
                .where(where)
                .fetchOne();
        return new UsageTotals(totals.get(0, Long.class), asLong(totals.get(1, BigDecimal.class)),
                asLong(totals.get(2, BigDecimal.class)), MicroCredits.of(asLong(totals.get(3, BigDecimal.class))),
                MicroCredits.of(asLong(totals.get(4, BigDecimal.class))));
    }

    private static Condition range(AccountId accountId, Instant from, Instant to) {
        return ACCOUNT_ID.eq(UUID.fromString(accountId.value()))
                .and(CHARGED_AT.ge(from.atOffset(ZoneOffset.UTC)))
                .and(CHARGED_AT.lt(to.atOffset(ZoneOffset.UTC)));
    }

    private static long asLong(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }

    @Override
    public java.util.Optional<UsageRecord> byRequest(java.util.Optional<AccountId> accountId,
                                                     dev.switchgear.domain.shared.RequestId requestId) {
        Condition where = REQUEST_ID.eq(requestId.value());
        if (accountId.isPresent()) {
            where = where.and(ACCOUNT_ID.eq(UUID.fromString(accountId.get().value())));
        }
        return db.select(REQUEST_ID, MODEL, PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS, USAGE_ESTIMATED, COST, CHARGED,
                        CHARGED_AT, BYOK, MULTIPLIER, ROUTING, CACHED_INPUT_TOKENS, CACHE_WRITE_5M_TOKENS,
                        CACHE_WRITE_1H_TOKENS, REASONING_TOKENS)
                .from(USAGE_RECORD).where(where).orderBy(CHARGED_AT.desc()).limit(1)
                .fetchOptional(this::toRecord);
    }

    private dev.switchgear.domain.routing.api.RoutingTrace trace(org.jooq.JSONB routing) {
        if (routing == null) {
            return null;
        }
        try {
            return json.readValue(routing.data(), dev.switchgear.domain.routing.api.RoutingTrace.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored routing trace could not be read", e);
        }
    }

    private UsageRecord toRecord(Record r) {
        return new UsageRecord(new RequestId(r.get(REQUEST_ID)), r.get(MODEL), r.get(PROVIDER), r.get(INPUT_TOKENS),
                r.get(OUTPUT_TOKENS), r.get(USAGE_ESTIMATED), MicroCredits.of(r.get(COST)),
                MicroCredits.of(r.get(CHARGED)), r.get(CHARGED_AT).toInstant(), r.get(BYOK), r.get(MULTIPLIER),
                trace(r.get(ROUTING)), r.get(CACHED_INPUT_TOKENS), r.get(CACHE_WRITE_5M_TOKENS),
                r.get(CACHE_WRITE_1H_TOKENS), r.get(REASONING_TOKENS));
    }
}
