package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An event of the request path waiting for the group-commit writer, at its place in the account's
 * stream. A charge keeps the command it was decided from (and the answer to keep), so that after a
 * conflict with another node's write it can be decided again on the rebased position
 * ({@link ChargeRebase}); an alert raised by a charge has neither and is raised again, or not.
 */
record QueuedEvent(AccountBooks.Book book, long epoch, long sequence, CreditAccountEvent event, Instant timestamp,
                   KeptAnswer answer, ChargeUsage command, UsageSettlement.AnswerToKeep keep,
                   CompletableFuture<CreditAccountEvent> future) {

    boolean isCharge() {
        return command != null;
    }
}
