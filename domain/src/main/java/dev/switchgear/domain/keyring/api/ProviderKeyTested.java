package dev.switchgear.domain.keyring.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A stored key was tested live against its provider. {@code detail} never holds key material. */
@Revision("1")
public record ProviderKeyTested(AccountId accountId, ProviderKeyId keyId, String provider, KeyTestStatus status,
                                long latencyMillis, String detail, Instant testedAt) implements ProviderKeyringEvent {
}
