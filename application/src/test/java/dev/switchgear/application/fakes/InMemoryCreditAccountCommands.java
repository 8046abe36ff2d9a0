package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.CreditPosition;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditAccountCommand;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.credit.api.RefundCredits;
import dev.switchgear.domain.credit.api.SetLowBalanceThreshold;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.OpenAccount;
import java.util.List;

/**
 * Dispatches the low-rate commands the way the aggregate does: rebuild the position from the
 * stream, decide with the domain's rules, append at the next sequence number.
 */
public class InMemoryCreditAccountCommands implements CreditAccountCommands {

    private final InMemoryCreditAccountJournal journal;

    public InMemoryCreditAccountCommands(InMemoryCreditAccountJournal journal) {
        this.journal = journal;
    }

    @Override
    public void send(CreditAccountCommand command) {
        synchronized (journal) {
            if (command instanceof OpenAccount open) {
                if (!journal.read(open.accountId(), 0).isEmpty()) {
                    throw new CreditException(CreditError.ACCOUNT_ALREADY_OPEN, "account exists");
                }
                journal.append(List.of(new CreditAccountJournal.Entry(open.accountId(), 0,
                        new AccountOpened(open.accountId(), open.name(), open.tier(), open.openedAt()), open.openedAt())));
            } else if (command instanceof GrantCredits grant) {
                append(grant.accountId(), position -> List.of(position.decide(grant)), grant.grantedAt());
            } else if (command instanceof SetMonthlyCap cap) {
                append(cap.accountId(), position -> List.of(position.decide(cap)), cap.at());
            } else if (command instanceof SetLowBalanceThreshold threshold) {
                append(threshold.accountId(), position -> List.of(position.decide(threshold)), threshold.at());
            } else if (command instanceof RefundCredits refund) {
                append(refund.accountId(), position -> List.of(position.decide(refund)), refund.at());
            } else if (command instanceof RecordPurchase purchase) {
                append(purchase.accountId(), position -> position.decide(purchase), purchase.at());
            } else if (command instanceof RecordRefund refund) {
                append(refund.accountId(), position -> position.decide(refund), refund.at());
            } else if (command instanceof RecordPaymentFailure failure) {
                append(failure.accountId(), position -> position.decide(failure), failure.at());
            } else if (command instanceof ChoosePowerLevel level) {
                append(level.accountId(), position -> List.of(position.decide(level)), level.at());
            } else if (command instanceof SetByokPreference preference) {
                append(preference.accountId(), position -> List.of(position.decide(preference)), preference.at());
            } else if (command instanceof dev.switchgear.domain.credit.api.IssueApiKey issue) {
                append(issue.accountId(), position -> List.of(position.decide(issue)), issue.at());
            } else if (command instanceof dev.switchgear.domain.credit.api.RevokeApiKey revoke) {
                append(revoke.accountId(), position -> List.of(position.decide(revoke)), revoke.at());
            } else if (command instanceof dev.switchgear.domain.credit.api.SetRateLimits limits) {
                append(limits.accountId(), position -> List.of(position.decide(limits)), limits.at());
            } else if (command instanceof dev.switchgear.domain.credit.api.ChangeTier change) {
                append(change.accountId(), position -> position.decide(change).<List<CreditAccountEvent>>map(List::of)
                        .orElse(List.of()), change.at());
            } else if (command instanceof AdoptLegacyPreferences legacy) {
                append(legacy.accountId(), position -> position.decide(legacy), java.time.Instant.EPOCH);
            } else {
                throw new IllegalArgumentException("unknown command " + command);
            }
        }
    }

    /** Decides on the account's replayed position, as the aggregate would, and appends what it decided. */
    private void append(dev.switchgear.domain.shared.AccountId account,
                        java.util.function.Function<CreditPosition, List<CreditAccountEvent>> decide, java.time.Instant at) {
        List<CreditAccountEvent> history = journal.payloads(account);
        CreditPosition position = CreditPosition.replay(history);
        List<CreditAccountJournal.Entry> entries = new java.util.ArrayList<>();
        long sequence = history.size();
        for (CreditAccountEvent event : decide.apply(position)) {
            entries.add(new CreditAccountJournal.Entry(account, sequence++, event, at));
        }
        if (!entries.isEmpty()) {
            journal.append(entries);
        }
    }
}
