package dev.switchgear.application.port.in.usage;

import dev.switchgear.domain.shared.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose usage a question is about: the named account, or — when none is named — the caller's own
 * account; {@code platformWide} asks for every account together (the administrator only). The
 * administrator's key, which has no account, asks platform-wide when it names no account.
 */
public record AnalyticsScope(Optional<AccountId> account, boolean platformWide) {

    public AnalyticsScope {
        Objects.requireNonNull(account, "account");
        if (platformWide && account.isPresent()) {
            throw new IllegalArgumentException("name an account or ask platform-wide, not both");
        }
    }

    /** The caller's own account (or the platform, for the administrator's key). */
    public static AnalyticsScope own() {
        return new AnalyticsScope(Optional.empty(), false);
    }
}
