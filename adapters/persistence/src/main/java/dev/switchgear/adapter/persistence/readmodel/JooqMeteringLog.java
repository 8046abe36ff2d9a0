package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The meter's log in {@code metered_charge} (V10, ADR 0025). Written through the caller's
 * transaction (the {@code lago} processor's, which also stores its token), so a row exists exactly
 * when the batch that sent it was committed as done.
 */
public class JooqMeteringLog implements MeteringLog {

    static final Table<Record> METERED_CHARGE = DSL.table("metered_charge");
    static final Field<UUID> ACCOUNT_ID = DSL.field("account_id", SQLDataType.UUID);
    static final Field<String> REQUEST_ID = DSL.field("request_id", SQLDataType.VARCHAR);
    static final Field<Long> TOKENS = DSL.field("tokens", SQLDataType.BIGINT);
    static final Field<Long> CHARGED = DSL.field("charged_micros", SQLDataType.BIGINT);
    static final Field<java.time.OffsetDateTime> CHARGED_AT = DSL.field("charged_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final DSLContext db;

    public JooqMeteringLog(DSLContext db) {
        this.db = db;
    }

    @Override
    public void recordMetered(List<MeteredCharge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        InsertValuesStep5<Record, UUID, String, Long, Long, java.time.OffsetDateTime> insert = db.insertInto(
                METERED_CHARGE, ACCOUNT_ID, REQUEST_ID, TOKENS, CHARGED, CHARGED_AT);
        for (MeteredCharge charge : charges) {
            insert = insert.values(UUID.fromString(charge.accountId().value()), charge.requestId().value(),
                    charge.tokens(), charge.charged().value(), charge.chargedAt().atOffset(ZoneOffset.UTC));
        }
        insert.onConflictDoNothing().execute();
    }

    @Override
    public MeteredTotals metered(AccountId accountId) {
        Record3<Integer, BigDecimal, BigDecimal> sums = db.select(DSL.count(), DSL.sum(TOKENS), DSL.sum(CHARGED))
                .from(METERED_CHARGE).where(ACCOUNT_ID.eq(UUID.fromString(accountId.value()))).fetchOne();
        return new MeteredTotals(sums.value1(), sums.value2() == null ? 0 : sums.value2().longValueExact(),
                MicroCredits.of(sums.value3() == null ? 0 : sums.value3().longValueExact()));
    }
}
