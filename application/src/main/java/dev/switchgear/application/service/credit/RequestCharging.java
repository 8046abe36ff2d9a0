package dev.switchgear.application.service.credit;

import dev.switchgear.application.port.in.credit.AccountStanding;
import dev.switchgear.application.port.in.credit.RequestAdmission;
import dev.switchgear.application.port.in.credit.UsageSettlement;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.ChargeUsage;
import dev.switchgear.domain.credit.api.RecordRequestFailure;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Clock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a completion is charged: admission holds a request's worst case on its account, settlement
 * decides the charge at the actual usage by the account's own rules ({@code CreditPosition}) and
 * queues its event for the group-commit writer. Each phase takes the account's lock once.
 */
public final class RequestCharging implements RequestAdmission, UsageSettlement {

    private static final Logger LOG = Logger.getLogger(RequestCharging.class.getName());

    private final AccountBooks books;
    private final ChargeWriter writer;
    private final Clock clock;

    RequestCharging(AccountBooks books, ChargeWriter writer, Clock clock) {
        this.books = books;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * An id the caller chose may have been charged at any time, and the account's position remembers
     * only its last few: once admitted (the hold marks the id in progress), the store's index of
     * charged ids is asked, outside the account's lock; a charged id gives its hold back and is
     * refused. No charge of the id escapes both: one in progress is held or settling (marked until
     * it is durable), one durable is in the index.
     */
    @Override
    public <P> Admitted<P> admit(AccountId account, RequestId requestId,
                                 Function<AccountStanding, Reservation<P>> plan) {
        Admitted<P> admitted = admitUnderLock(account, requestId, plan);
        boolean charged;
        try {
            charged = books.chargedBefore(account, requestId);
        } catch (RuntimeException e) {
            release(admitted.hold());
            throw e;
        }
        if (charged) {
            release(admitted.hold());
            throw new CreditException(CreditError.REQUEST_ALREADY_CHARGED,
                    "request id " + requestId + " has already been charged");
        }
        return admitted;
    }

    @Override
    public <P> Admitted<P> admitNewId(AccountId account, RequestId requestId,
                                      Function<AccountStanding, Reservation<P>> plan) {
        return admitUnderLock(account, requestId, plan);
    }

    private <P> Admitted<P> admitUnderLock(AccountId account, RequestId requestId,
                                           Function<AccountStanding, Reservation<P>> plan) {
        return books.withBook(account, book -> {
            if (book.holds.containsKey(requestId.value()) || book.settling.contains(requestId.value())) {
                throw new CreditException(CreditError.REQUEST_IN_PROGRESS, "a request with id " + requestId
                        + " is still being answered; retry once it has finished");
            }
            Reservation<P> reservation = plan.apply(AccountBooks.standingOf(book));
            MicroCredits estimate = reservation.estimate();
            book.position.admit(requestId, estimate, book.reserved, reservation.onOwnKeysOnly(), clock.instant());
            book.holds.put(requestId.value(), estimate);
            book.reserved = book.reserved.plus(estimate);
            return new Admitted<>(new Hold(account, requestId, estimate), reservation.plan());
        });
    }

    @Override
    public void release(Hold hold) {
        books.withBook(hold.accountId(), book -> {
            MicroCredits held = book.holds.remove(hold.requestId().value());
            if (held != null) {
                book.reserved = book.reserved.minus(held);
            }
            return null;
        });
    }

    @Override
    public void fail(Hold hold, Failure failure) {
        books.withBook(hold.accountId(), book -> {
            MicroCredits held = book.holds.remove(hold.requestId().value());
            if (held == null) {
                return null;
            }
            book.reserved = book.reserved.minus(held);
            var event = book.position.decide(new RecordRequestFailure(hold.accountId(), hold.requestId(),
                    failure.requestedModel(), failure.powerLevel(), failure.byok(), failure.apiKeyId(),
                    failure.attempts(), failure.error(), clock.instant()));
            book.position.apply(event);
            writer.enqueue(book, event, event.failedAt(), null, null, null).whenComplete((stored, e) -> {
                if (e != null) {
                    LOG.log(Level.WARNING, "the failure of request " + hold.requestId() + " could not be recorded", e);
                }
            });
            return null;
        });
    }

    /** The answer to keep with {@code event}, or null when none is to be kept. */
    static KeptAnswer kept(UsageCharged event, AnswerToKeep keep) {
        if (keep == null) {
            return null;
        }
        return new KeptAnswer(event.accountId(), event.requestId(), keep.requestHash(), keep.stream(), keep.parts(),
                event.model(), event.provider(), event.inputTokens(), event.outputTokens(), event.usageEstimated(),
                event.charged(), event.chargedAt(), event.chargedAt().plus(keep.keepFor()));
    }

    /**
     * Decides the charge, applies it to the position at once (so the next admission sees it) and
     * queues its event; a low-balance alert it raises goes into the stream right behind it, and the
     * settlement is durable when both are.
     */
    @Override
    public Settlement settle(Hold hold, Charge charge) {
        return books.withBook(hold.accountId(), book -> {
            MicroCredits held = book.holds.remove(hold.requestId().value());
            if (held == null) {
                throw new IllegalStateException("no hold for request " + hold.requestId());
            }
            book.reserved = book.reserved.minus(held);
            ChargeUsage command = new ChargeUsage(hold.accountId(), hold.requestId(), charge.model(), charge.provider(),
                    charge.usage(), charge.usageEstimated(), charge.price(), held, clock.instant(), charge.byok(),
                    charge.multiplierBasisPoints(), charge.routing(), charge.apiKeyId());
            UsageCharged event = book.position.decide(command, book.reserved);
            book.position.apply(event);
            KeptAnswer answer = kept(event, charge.keep());
            var written = writer.enqueue(book, event, event.chargedAt(), answer, command, charge.keep());
            // until the charge is durable the request stays marked: a retry is told to wait, not that no
            // answer was kept, and the id is in neither the store's index yet nor, perhaps, the position's
            // recent ids; the settlement completes only once the mark is gone
            book.settling.add(hold.requestId().value());
            var durable = written.whenComplete((e, failure) -> book.settling.remove(hold.requestId().value()));
            var alert = book.position.alertAfter(event);
            if (alert.isPresent()) {
                book.position.apply(alert.get());
                // the charge counts as stored once what it raised is stored too (they may land in two batches)
                var alerted = writer.enqueue(book, alert.get(), alert.get().at(), null, null, null);
                durable = durable.thenCombine(alerted, (charged, raised) -> charged);
            }
            return new Settlement(event, durable.thenApply(stored -> (UsageCharged) stored));
        });
    }
}
