package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;
import dev.switchgear.application.port.out.audit.AuditQuery;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The audit log in memory: entries keyed by id (written again, an entry is replaced), newest first. */
public class InMemoryAuditLog implements AuditLog {

    private static final Comparator<AuditEntry> NEWEST_FIRST = Comparator.comparing(AuditEntry::at)
            .thenComparing(AuditEntry::id).reversed();

    private final Map<String, AuditEntry> entries = new ConcurrentHashMap<>();
    private AuditQuery lastQuery;

    /** What the projection does with an event's entry. */
    public void write(AuditEntry entry) {
        entries.put(entry.id(), entry);
    }

    /** The last query the log was asked, as the service passed it on. */
    public AuditQuery lastQuery() {
        return lastQuery;
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        lastQuery = query;
        return entries.values().stream()
                .filter(e -> query.account().map(a -> a.equals(e.accountId())).orElse(true))
                .filter(e -> query.actor().map(e.actor()::equals).orElse(true))
                .filter(e -> query.actions().isEmpty() || query.actions().contains(e.action()))
                .filter(e -> query.from().map(f -> !e.at().isBefore(f)).orElse(true))
                .filter(e -> query.to().map(e.at()::isBefore).orElse(true))
                .filter(e -> query.after().map(c -> isAfter(e, c)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList();
    }

    /** Listed after the cursor: older, or as old with a smaller id. */
    private static boolean isAfter(AuditEntry e, AuditCursor cursor) {
        int byTime = e.at().compareTo(cursor.at());
        return byTime < 0 || byTime == 0 && e.id().compareTo(cursor.id()) < 0;
    }
}
