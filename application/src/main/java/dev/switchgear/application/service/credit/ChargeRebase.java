package dev.switchgear.application.service.credit;

import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * After another node wrote to an account's stream (ADR 0030): the account's position is reloaded
 * from the store and the charges this node had not stored yet are decided again on it, in their
 * order, with the holds still in flight — a charge the balance no longer covers is charged what it
 * covers (the rest recorded as uncollected, as on one node), and a request the other node already
 * charged is not charged again. Each charge keeps its future, so its caller learns the final charge. A
 * failed request's record ({@code RequestFailed}: no money) is appended again as it was.
 */
final class ChargeRebase {

    private ChargeRebase() {
    }

    /**
     * Rebases {@code book}; call under its lock with every event of it not yet stored (in any order).
     * Returns the events to append instead, at fresh sequence numbers after the store's head.
     */
    static List<QueuedEvent> rebase(AccountBooks books, AccountBooks.Book book, List<QueuedEvent> unstored) {
        List<QueuedEvent> mine = new ArrayList<>(unstored);
        mine.sort(Comparator.comparingLong(QueuedEvent::sequence));
        books.rebaseOnStore(book);
        List<QueuedEvent> again = new ArrayList<>(mine.size());
        for (int i = 0; i < mine.size(); i++) {
            QueuedEvent queued = mine.get(i);
            if (queued.event() instanceof RequestFailed failed) {
                // a record that decides nothing (a request that failed outright): appended again as it is
                book.position.apply(failed);
                again.add(new QueuedEvent(book, book.epoch, ++book.lastSequence, failed, queued.timestamp(), null, null,
                        null, queued.future()));
                continue;
            }
            if (!queued.isCharge()) {
                // an alert whose charge was dropped or raised no alert on the rebased position
                queued.future().complete(null);
                continue;
            }
            QueuedEvent oldAlert = i + 1 < mine.size() && mine.get(i + 1).event() instanceof LowBalanceReached
                    ? mine.get(++i) : null;
            if (book.position.chargedRecently(queued.command().requestId().value())
                    || books.chargedBefore(book.accountId(), queued.command().requestId())) {
                queued.future().completeExceptionally(new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                        "request id " + queued.command().requestId() + " was charged by another node"));
                if (oldAlert != null) {
                    oldAlert.future().complete(null);
                }
                continue;
            }
            UsageCharged charge = book.position.decide(queued.command(), book.reserved);
            book.position.apply(charge);
            again.add(new QueuedEvent(book, book.epoch, ++book.lastSequence, charge, charge.chargedAt(),
                    RequestCharging.kept(charge, queued.keep()), queued.command(), queued.keep(), queued.future()));
            Optional<LowBalanceReached> alert = book.position.alertAfter(charge);
            if (alert.isPresent()) {
                book.position.apply(alert.get());
                again.add(new QueuedEvent(book, book.epoch, ++book.lastSequence, alert.get(), alert.get().at(), null,
                        null, null, oldAlert != null ? oldAlert.future() : new CompletableFuture<>()));
            } else if (oldAlert != null) {
                oldAlert.future().complete(null);
            }
        }
        book.lastWrite = again.isEmpty() ? AccountBooks.NOTHING_PENDING : again.get(again.size() - 1).future();
        book.standing = AccountBooks.standingOf(book);
        return again;
    }
}
