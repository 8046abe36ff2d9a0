package dev.switchgear.adapter.persistence.readmodel;

import static dev.switchgear.adapter.persistence.readmodel.AuditTable.*;
import static org.jooq.impl.DSL.row;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchgear.application.port.out.audit.AuditAction;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.shared.AccountId;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Table {@code audit_entry}: written by {@link AuditProjection} (an upsert by event id, so a replay
 * rewrites each entry in place), read newest first with keyset paging over (time, id).
 */
public class JooqAuditLog implements AuditLog {

    private final DSLContext db;
    private final ObjectMapper json;
    private final ObjectReader detailsReader;

    public JooqAuditLog(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.detailsReader = json.readerFor(Map.class).with(DeserializationFeature.USE_LONG_FOR_INTS);
    }

    /** Writes entries (one statement); an entry already there is replaced by the new one. */
    public void write(Collection<AuditEntry> entries) {
        Map<String, AuditEntry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.put(e.id(), e));
        if (unique.isEmpty()) {
            return;
        }
        InsertValuesStep10<Record, String, OffsetDateTime, UUID, String, String, String, String, JSONB, String, String>
                insert = db.insertInto(AUDIT_ENTRY, ID, OCCURRED_AT, ACCOUNT_ID, ACTOR, ACTOR_ROLE, ACTION, TARGET,
                DETAILS, CLIENT_ADDRESS, USER_AGENT);
        for (AuditEntry e : unique.values()) {
            insert = insert.values(e.id(), e.at().atOffset(ZoneOffset.UTC),
                    e.accountId() == null ? null : UUID.fromString(e.accountId().value()), e.actor(), e.actorRole(),
                    e.action().code(), e.target(), details(e.details()), e.clientAddress(), e.userAgent());
        }
        insert.onConflict(ID).doUpdate()
                .set(OCCURRED_AT, DSL.excluded(OCCURRED_AT))
                .set(ACCOUNT_ID, DSL.excluded(ACCOUNT_ID))
                .set(ACTOR, DSL.excluded(ACTOR))
                .set(ACTOR_ROLE, DSL.excluded(ACTOR_ROLE))
                .set(ACTION, DSL.excluded(ACTION))
                .set(TARGET, DSL.excluded(TARGET))
                .set(DETAILS, DSL.excluded(DETAILS))
                .set(CLIENT_ADDRESS, DSL.excluded(CLIENT_ADDRESS))
                .set(USER_AGENT, DSL.excluded(USER_AGENT))
                .execute();
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        List<Condition> where = new ArrayList<>();
        query.account().ifPresent(a -> where.add(ACCOUNT_ID.eq(UUID.fromString(a.value()))));
        query.actor().ifPresent(a -> where.add(ACTOR.eq(a)));
        if (!query.actions().isEmpty()) {
            where.add(ACTION.in(query.actions().stream().map(AuditAction::code).toList()));
        }
        query.from().ifPresent(f -> where.add(OCCURRED_AT.ge(f.atOffset(ZoneOffset.UTC))));
        query.to().ifPresent(t -> where.add(OCCURRED_AT.lt(t.atOffset(ZoneOffset.UTC))));
        query.after().ifPresent(c -> where.add(row(OCCURRED_AT, ID).lt(c.at().atOffset(ZoneOffset.UTC), c.id())));
        return db.select(ID, OCCURRED_AT, ACCOUNT_ID, ACTOR, ACTOR_ROLE, ACTION, TARGET, DETAILS, CLIENT_ADDRESS,
                        USER_AGENT)
                .from(AUDIT_ENTRY)
                .where(where)
                .orderBy(OCCURRED_AT.desc(), ID.desc())
                .limit(query.limit())
                .fetch(this::toEntry);
    }

    private AuditEntry toEntry(Record r) {
        UUID account = r.get(ACCOUNT_ID);
        AuditAction action = AuditAction.fromCode(r.get(ACTION)).orElseThrow(() ->
                new IllegalStateException("an audit entry names an unknown action"));
        return new AuditEntry(r.get(ID), r.get(OCCURRED_AT).toInstant(), account == null ? null : AccountId.of(account),
                r.get(ACTOR), r.get(ACTOR_ROLE), action, r.get(TARGET), readDetails(r.get(DETAILS)),
                r.get(CLIENT_ADDRESS), r.get(USER_AGENT));
    }

    private JSONB details(Map<String, Object> details) {
        try {
            return JSONB.valueOf(json.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry's details could not be written as JSON", e);
        }
    }

    private Map<String, Object> readDetails(JSONB details) {
        try {
            return detailsReader.readValue(details.data());
        } catch (IOException e) {
            throw new IllegalStateException("an audit entry's stored details could not be read", e);
        }
    }
}
