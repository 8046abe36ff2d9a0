package dev.switchgear.application.port.out.credit;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.Optional;

/**
 * The answers kept with their charges ({@link KeptAnswer}); they are written by the journal in the
 * charge's own transaction ({@link CreditAccountJournal.Entry#answer()}), read here.
 */
public interface KeptAnswers {

    /** The account's kept answer to the request, unless it expired before {@code now}. */
    Optional<KeptAnswer> find(AccountId accountId, RequestId requestId, Instant now);

    /** Deletes every answer that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
