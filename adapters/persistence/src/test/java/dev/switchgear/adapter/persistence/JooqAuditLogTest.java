package dev.switchgear.adapter.persistence;

import dev.switchgear.adapter.persistence.readmodel.JooqAuditLog;
import dev.switchgear.application.contract.AuditLogContract;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;
import java.util.List;

/** The audit log contract against {@code audit_entry} on real PostgreSQL. */
class JooqAuditLogTest extends AuditLogContract {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;
    private final JooqAuditLog log = new JooqAuditLog(pg.db, pg.json);

    @Override
    protected AuditLog log() {
        return log;
    }

    @Override
    protected void write(AuditEntry entry) {
        log.write(List.of(entry));
    }
}
