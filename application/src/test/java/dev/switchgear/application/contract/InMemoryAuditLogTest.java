package dev.switchgear.application.contract;

import dev.switchgear.application.fakes.InMemoryAuditLog;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Override
    protected AuditLog log() {
        return log;
    }

    @Override
    protected void write(AuditEntry entry) {
        log.write(entry);
    }
}
