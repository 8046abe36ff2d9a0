package dev.switchgear.application.port.in.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * A user (or service account) whose token the identity provider signed and the gateway verified:
 * its {@code subject}, a name to show, the {@code subscription_tier} the token states (empty when it
 * states none) and whether it holds the administrator role. Holds no token.
 */
public record VerifiedIdentity(String subject, String displayName, Optional<String> tierClaim, boolean admin) {

    public VerifiedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tierClaim, "tierClaim");
        displayName = displayName == null ? "" : displayName;
    }
}
