package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues a gateway API key to an account. The key itself is never part of a command or event:
 * only its SHA-256 hash (what authentication looks up), the few characters shown to tell keys
 * apart, an optional name and an optional expiry.
 */
public record IssueApiKey(@TargetAggregateIdentifier AccountId accountId, String keyId, String name, String prefix,
                          String keyHash, Instant expiresAt, Instant at) implements CreditAccountCommand {

    @Override
    public String toString() {
        return "IssueApiKey[accountId=" + accountId + ", keyId=" + keyId + ", name=" + name + ", prefix=" + prefix
                + ", expiresAt=" + expiresAt + ", at=" + at + "]";
    }
}
