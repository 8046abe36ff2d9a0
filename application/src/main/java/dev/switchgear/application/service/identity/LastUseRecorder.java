package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.out.identity.ApiKeyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each key was last used, kept in memory and written in batches (ADR 0016): an authentication
 * costs a map update, never a database write; {@link #flush} writes everything recorded since the
 * last one in one statement (bootstrap calls it every few seconds and at shutdown). A crash loses
 * at most one interval's times; a failed flush keeps them for the next.
 */
public final class LastUseRecorder {

    private final ApiKeyStore store;
    private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

    public LastUseRecorder(ApiKeyStore store) {
        this.store = store;
    }

    void record(String keyId, Instant at) {
        Instant before = pending.get(keyId);
        if (before == null || before.isBefore(at)) {
            pending.merge(keyId, at, LastUseRecorder::later);
        }
    }

    /** A use of the key recorded here and not written yet. */
    Optional<Instant> unwritten(String keyId) {
        return Optional.ofNullable(pending.get(keyId));
    }

    /** Writes the recorded times in one statement; returns how many keys it wrote. */
    public synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        try {
            store.recordLastUse(batch);
        } catch (RuntimeException e) {
            batch.forEach((keyId, at) -> pending.merge(keyId, at, LastUseRecorder::later));
            throw e;
        }
        return batch.size();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
