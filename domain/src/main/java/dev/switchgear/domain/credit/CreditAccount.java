package dev.switchgear.domain.credit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.ChangeTier;
import dev.switchgear.domain.credit.api.IssueApiKey;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.RevokeApiKey;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditsGranted;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import dev.switchgear.domain.credit.api.LowBalanceThresholdSet;
import dev.switchgear.domain.credit.api.MonthlyCapSet;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.credit.api.RefundCredits;
import dev.switchgear.domain.credit.api.RefundPending;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.credit.api.SetLowBalanceThreshold;
import dev.switchgear.domain.credit.api.SetMonthlyCap;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * A team's account: its tier, prepaid credits, the routing preferences that are the account's own
 * (power level, BYOK preference), its rate-limit overrides and its gateway API keys — an
 * event-sourced aggregate.
 *
 * <p>Low-rate commands (opening, grants, purchases, caps, preferences) are handled here through
 * Axon. Usage charges, which come at request rate, are decided by the same {@link CreditPosition}
 * rules inside the request-path ledger and appended to this aggregate's stream in batches
 * (ADR 0004); this aggregate folds those {@link UsageCharged} events like its own, so its state is
 * always the whole stream's.
 */
public class CreditAccount {

    @AggregateIdentifier
    private AccountId accountId;
    private CreditPosition position;

    protected CreditAccount() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    CreditAccount(OpenAccount command) {
        if (command.name() == null || command.name().isBlank() || command.name().length() > 200) {
            throw new CreditException(CreditError.INVALID_ACCOUNT, "an account needs a name of 1 to 200 characters");
        }
        if (command.tier() == null) {
            throw new CreditException(CreditError.INVALID_ACCOUNT, "an account needs a tier");
        }
        apply(new AccountOpened(command.accountId(), command.name().strip(), command.tier(), command.openedAt()));
    }

    @CommandHandler
    void handle(GrantCredits command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(SetMonthlyCap command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(SetLowBalanceThreshold command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(RecordPurchase command) {
        position.decide(command).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(RecordRefund command) {
        position.decide(command).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(RecordPaymentFailure command) {
        position.decide(command).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(RefundCredits command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(ChoosePowerLevel command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(SetByokPreference command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(AdoptLegacyPreferences command) {
        position.decide(command).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(ChangeTier command) {
        position.decide(command).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(SetRateLimits command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(IssueApiKey command) {
        apply(position.decide(command));
    }

    @CommandHandler
    void handle(RevokeApiKey command) {
        apply(position.decide(command));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        position = CreditPosition.opened(event);
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(UsageCharged event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(MonthlyCapSet event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(LowBalanceThresholdSet event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(LowBalanceReached event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(CreditsPurchased event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(CreditsRefunded event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(RefundPending event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(PowerLevelChosen event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(ByokPreferenceSet event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(TierChanged event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(RateLimitsSet event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        position.apply(event);
    }

    @EventSourcingHandler
    void on(RequestFailed event) {
        position.apply(event);
    }
}
