package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.UsageTable.*;

import dev.switchgear.domain.credit.api.UsageCharged;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;

/**
 * Projects UsageCharged events into {@code usage_record}. Idempotent: a row is keyed by
 * (account, request id), so a replay or a redelivered batch writes nothing twice. Runs in a pooled
 * streaming processor whose batches commit with the processor's token.
 */
@ProcessingGroup(UsageProjection.PROCESSING_GROUP)
public class UsageProjection {

    public static final String PROCESSING_GROUP = "usage";

    private final DSLContext db;

    public UsageProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(UsageCharged event) {
        db.insertInto(USAGE_RECORD)
                .set(ACCOUNT_ID, UUID.fromString(event.accountId().value()))
                .set(REQUEST_ID, event.requestId().value())
                .set(MODEL, event.model())
                .set(PROVIDER, event.provider())
                .set(INPUT_TOKENS, event.inputTokens())
                .set(OUTPUT_TOKENS, event.outputTokens())
                .set(USAGE_ESTIMATED, event.usageEstimated())
                .set(INPUT_PRICE, event.inputPricePer1kTokens())
                .set(OUTPUT_PRICE, event.outputPricePer1kTokens())
                .set(COST, event.cost().value())
                .set(CHARGED, event.charged().value())
                .set(UNCOLLECTED, event.uncollected().value())
                .set(BALANCE_AFTER, event.balanceAfter().value())
                .set(CHARGED_AT, event.chargedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }
}
