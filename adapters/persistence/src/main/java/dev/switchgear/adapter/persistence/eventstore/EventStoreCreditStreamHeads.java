package dev.switchgear.adapter.persistence.eventstore;

import dev.switchgear.application.port.out.credit.CreditStreamHeads;
import dev.switchgear.domain.shared.AccountId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The heads of credit accounts' streams, read from Axon's event table: the greatest sequence number
 * of each, which the unique (aggregate, sequence) index answers without reading an event (ADR 0030).
 * Asked in chunks, one query each.
 */
public class EventStoreCreditStreamHeads implements CreditStreamHeads {

    private static final int CHUNK = 500;
    private static final Field<String> AGGREGATE = DSL.field("aggregateidentifier", SQLDataType.VARCHAR);
    private static final Field<Long> SEQUENCE = DSL.field("sequencenumber", SQLDataType.BIGINT);

    private final DSLContext db;

    public EventStoreCreditStreamHeads(DSLContext db) {
        this.db = db;
    }

    @Override
    public Map<AccountId, Long> heads(Collection<AccountId> accounts) {
        Map<AccountId, Long> heads = new HashMap<>();
        List<String> ids = new ArrayList<>(accounts.size());
        accounts.forEach(account -> ids.add(account.value()));
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            db.select(AGGREGATE, DSL.max(SEQUENCE)).from(DSL.table("domainevententry"))
                    .where(AGGREGATE.in(chunk))
                    .groupBy(AGGREGATE)
                    .forEach(row -> heads.put(new AccountId(row.value1()), row.value2()));
        }
        return heads;
    }
}
