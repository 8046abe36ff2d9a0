package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.UsageTable.*;

import dev.switchgear.domain.credit.api.UsageCharged;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep18;
import org.jooq.Record;

/**
 * Projects UsageCharged events into {@code usage_record}. Idempotent: a row is keyed by
 * (account, request id), so a replay or a redelivered batch writes nothing twice. Runs in a pooled
 * streaming processor: the events of one batch are collected and written with one multi-row
 * insert just before the batch commits together with the processor's token.
 */
@ProcessingGroup(UsageProjection.PROCESSING_GROUP)
public class UsageProjection {

    public static final String PROCESSING_GROUP = "usage";
    private static final String PENDING_ROWS = UsageProjection.class.getName() + ".rows";

    private final DSLContext db;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public UsageProjection(DSLContext db, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @EventHandler
    void on(UsageCharged event) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(event));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<UsageCharged> rows = unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            List<UsageCharged> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> write(pending));
            return pending;
        });
        rows.add(event);
    }

    private void write(List<UsageCharged> events) {
        if (events.isEmpty()) {
            return;
        }
        InsertValuesStep18<Record, UUID, String, String, String, Long, Long, Boolean, Long, Long, Long, Long, Long,
                Long, java.time.OffsetDateTime, Boolean, Integer, Long, org.jooq.JSONB> insert = db.insertInto(
                USAGE_RECORD, ACCOUNT_ID, REQUEST_ID, MODEL, PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS, USAGE_ESTIMATED,
                INPUT_PRICE, OUTPUT_PRICE, COST, CHARGED, UNCOLLECTED, BALANCE_AFTER, CHARGED_AT, BYOK, MULTIPLIER,
                CATALOG_VERSION, ROUTING);
        for (UsageCharged event : events) {
            insert = insert.values(UUID.fromString(event.accountId().value()), event.requestId().value(),
                    event.model(), event.provider(), event.inputTokens(), event.outputTokens(),
                    event.usageEstimated(), event.inputPricePer1kTokens(), event.outputPricePer1kTokens(),
                    event.cost().value(), event.charged().value(), event.uncollected().value(),
                    event.balanceAfter().value(), event.chargedAt().atOffset(ZoneOffset.UTC), event.byok(),
                    event.multiplierBasisPoints() == 0 ? 10_000 : event.multiplierBasisPoints(),
                    event.routing() == null ? null : event.routing().catalogVersion(), routing(event));
        }
        insert.onConflictDoNothing().execute();
        writeParts(events);
    }

    /**
     * The usage's parts and their rates (ADR 0023), on the rows of the charges that have parts: set
     * to the event's values, so a replay writes the same again.
     */
    private void writeParts(List<UsageCharged> events) {
        List<org.jooq.Query> parts = new ArrayList<>();
        for (UsageCharged event : events) {
            if (event.usage().hasParts()) {
                parts.add(db.update(USAGE_RECORD)
                        .set(CACHED_INPUT_TOKENS, event.cachedInputTokens())
                        .set(CACHE_WRITE_5M_TOKENS, event.cacheWrite5mTokens())
                        .set(CACHE_WRITE_1H_TOKENS, event.cacheWrite1hTokens())
                        .set(REASONING_TOKENS, event.reasoningTokens())
                        .set(CACHED_INPUT_PRICE, event.cachedInputPricePer1kTokens())
                        .set(CACHE_WRITE_5M_PRICE, event.cacheWrite5mPricePer1kTokens())
                        .set(CACHE_WRITE_1H_PRICE, event.cacheWrite1hPricePer1kTokens())
                        .set(REASONING_PRICE, event.reasoningPricePer1kTokens())
                        .where(ACCOUNT_ID.eq(UUID.fromString(event.accountId().value())))
                        .and(REQUEST_ID.eq(event.requestId().value())));
            }
        }
        if (!parts.isEmpty()) {
            db.batch(parts).execute();
        }
    }

    private org.jooq.JSONB routing(UsageCharged event) {
        if (event.routing() == null) {
            return null;
        }
        try {
            return org.jooq.JSONB.valueOf(json.writeValueAsString(event.routing()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a routing trace could not be written as JSON", e);
        }
    }
}
