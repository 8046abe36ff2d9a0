package dev.switchgear.application.port.out.audit;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit entries to list, newest first: of one account (empty: all, platform changes included),
 * by one actor, of some actions (empty: all), from {@code from} (inclusive) to {@code to} (exclusive),
 * after a cursor, at most {@code limit} (1 to {@link #MAX_LIMIT}, or one more: the service asks for one
 * entry beyond a page to know whether another follows).
 */
public record AuditQuery(Optional<AccountId> account, Optional<String> actor, Set<AuditAction> actions,
                         Optional<Instant> from, Optional<Instant> to, Optional<AuditCursor> after, int limit) {

    /** The most entries one page may hold. */
    public static final int MAX_LIMIT = 200;

    public AuditQuery {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(actor, "actor");
        actions = actions == null || actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT + 1) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("`from` must be before `to`");
        }
    }

    /** The same query for one account. */
    public AuditQuery forAccount(AccountId accountId) {
        return new AuditQuery(Optional.of(accountId), actor, actions, from, to, after, limit);
    }

    /** The same query with another limit. */
    public AuditQuery withLimit(int newLimit) {
        return new AuditQuery(account, actor, actions, from, to, after, newLimit);
    }
}
