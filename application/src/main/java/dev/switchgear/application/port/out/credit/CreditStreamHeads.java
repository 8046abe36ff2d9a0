package dev.switchgear.application.port.out.credit;

import dev.switchgear.domain.shared.AccountId;
import java.util.Collection;
import java.util.Map;

/**
 * The heads of credit accounts' streams in the store: the sequence number of each one's last event.
 * Cheap (one indexed lookup per account, no event read), so a node can poll it to notice what
 * another node wrote to the accounts it holds in memory (ADR 0030).
 */
public interface CreditStreamHeads {

    /** The last sequence number of each of {@code accounts}' streams; an account without one is left out. */
    Map<AccountId, Long> heads(Collection<AccountId> accounts);
}
