package dev.switchgear.application.port.out.audit;

import java.util.List;

/**
 * The audit log's read model: entries projected from the events (who, what, when, from where),
 * listed newest first (by time, then id, descending). Reading only; the projection writes it.
 */
public interface AuditLog {

    /** At most {@code query.limit()} entries matching the query, newest first, after its cursor. */
    List<AuditEntry> find(AuditQuery query);
}
