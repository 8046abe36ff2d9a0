package dev.switchgear.adapter.persistence.readmodel;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.switchgear.application.port.out.routing.HealthNotifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The provider-health history read model: every down/up transition as a row of {@code provider_health_event}. */
public class JooqHealthHistory implements HealthNotifier {

    private static final Table<Record> EVENTS = table("provider_health_event");
    private static final Field<String> PROVIDER = field("provider", String.class);
    private static final Field<String> MODEL = field("model", String.class);
    private static final Field<String> FROM_STATE = field("from_state", String.class);
    private static final Field<String> TO_STATE = field("to_state", String.class);
    private static final Field<String> REASON = field("reason", String.class);
    private static final Field<OffsetDateTime> AT = field("at", OffsetDateTime.class);

    private final DSLContext db;

    public JooqHealthHistory(DSLContext db) {
        this.db = db;
    }

    @Override
    public void changed(Transition t) {
        db.insertInto(EVENTS, PROVIDER, MODEL, FROM_STATE, TO_STATE, REASON, AT)
                .values(t.provider(), t.model(), t.from(), t.to(),
                        t.reason() == null ? null : t.reason().substring(0, Math.min(500, t.reason().length())),
                        t.at().atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** The latest transitions, newest first. */
    public List<Transition> latest(int limit) {
        return db.select(PROVIDER, MODEL, FROM_STATE, TO_STATE, REASON, AT).from(EVENTS)
                .orderBy(AT.desc()).limit(limit)
                .fetch(r -> new Transition(r.get(PROVIDER), r.get(MODEL), r.get(FROM_STATE), r.get(TO_STATE),
                        r.get(REASON), r.get(AT).toInstant()));
    }
}
