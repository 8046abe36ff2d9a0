package dev.switchgear.application.port.out.billing;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.List;

/**
 * What the usage meter has sent to the billing platform (Lago), one entry per charge, written in the
 * same transaction as the meter's token once the platform took the batch: the reconciliation's
 * record of what was metered (ADR 0025).
 */
public interface MeteringLog {

    /** Records charges the billing platform accepted; a charge recorded before is kept as it was. */
    void recordMetered(List<MeteredCharge> charges);

    /** The account's metered charges, summed. */
    MeteredTotals metered(AccountId accountId);

    /** One charge as it was sent. */
    record MeteredCharge(AccountId accountId, RequestId requestId, long tokens, MicroCredits charged,
                         Instant chargedAt) {
    }

    /** Sums of an account's metered charges. */
    record MeteredTotals(long charges, long tokens, MicroCredits charged) {
    }
}
