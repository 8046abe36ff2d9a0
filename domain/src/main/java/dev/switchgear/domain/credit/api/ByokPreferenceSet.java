package dev.switchgear.domain.credit.api;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An account set whether its requests use its own provider keys. Part of the account's own stream;
 * before ADR 0012 it was written to the platform's routing-policy stream as
 * {@code routing.api.ByokPreferenceSet}, which an upcaster reads as this and the routing policy
 * hands over to the account once.
 */
@Revision("1")
public record ByokPreferenceSet(AccountId accountId, boolean preferByok, Instant at) implements CreditAccountEvent {
}
