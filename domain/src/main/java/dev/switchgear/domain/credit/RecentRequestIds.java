package dev.switchgear.domain.credit;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The ids of the requests an account charged last, at most {@link #CAPACITY} of them, the oldest
 * forgotten first. A position keeps these instead of every id it ever charged, which grew by about
 * 180 bytes a charge for as long as the account was held in memory (the quiet soak of issue #17);
 * the rest of an account's charged ids are in the event store's index of charged requests, which
 * the ledger asks (ADR 0032). Replayed from the same events, two positions remember the same ids.
 */
final class RecentRequestIds {

    /** How many ids are remembered: a retry that follows its request closely is refused without a store read. */
    static final int CAPACITY = 16;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentRequestIds() {
    }

    RecentRequestIds(RecentRequestIds other) {
        ids.addAll(other.ids);
    }

    boolean contains(String requestId) {
        return ids.contains(requestId);
    }

    void add(String requestId) {
        if (ids.add(requestId) && ids.size() > CAPACITY) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
