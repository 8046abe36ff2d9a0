package dev.switchgear.application.service.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.port.in.billing.BuyCreditsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.billing.PaymentEvent;
import dev.switchgear.application.port.out.billing.PaymentEventRejected;
import dev.switchgear.application.port.out.billing.PaymentGateway;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.CreditsPurchased;
import dev.switchgear.domain.credit.api.CreditsRefunded;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.credit.api.PaymentFailed;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Buying credits: the checkout asked of the payment gateway, and the verified payment events
 * (purchases, refunds, failures) recorded on the account once, against the in-memory streams.
 */
class BillingServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final MicroCredits FIFTY_FIVE_THOUSAND = MicroCredits.of(55_000_000_000L);

    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, CLOCK, 16);
    private final List<PaymentGateway.CheckoutRequest> checkouts = new ArrayList<>();
    private PaymentEvent next;
    private final BillingService billing = new BillingService(request -> {
        checkouts.add(request);
        return new PaymentGateway.Checkout("cs_" + checkouts.size(), "https://pay.example/cs_" + checkouts.size());
    }, (payload, signature) -> {
        if (!"signed".equals(signature)) {
            throw new PaymentEventRejected("bad signature");
        }
        return next;
    }, ledger.standings(), ledger.changes(), "https://gw/ok", "https://gw/cancel", CLOCK);

    @AfterEach
    void close() {
        ledger.close();
    }

    private AccountId open() {
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "Buyer", Tier.STARTER, CLOCK.instant()));
        return account;
    }

    @Test
    void aPackageOrACustomAmountStartsACheckoutForTheAccount() {
        AccountId account = open();
        BuyCreditsUseCase.CheckoutStarted started = billing.purchase(Caller.of(account), Optional.of("growth-50"),
                Optional.empty());
        assertThat(started.bought().credits()).isEqualTo(FIFTY_FIVE_THOUSAND);
        assertThat(started.url()).isEqualTo("https://pay.example/cs_1");
        assertThat(checkouts.get(0).account()).isEqualTo(account);
        assertThat(checkouts.get(0).amountCents()).isEqualTo(5_000);
        assertThat(checkouts.get(0).successUrl()).isEqualTo("https://gw/ok");
        BuyCreditsUseCase.CheckoutStarted custom = billing.purchase(Caller.of(account), Optional.empty(),
                Optional.of(7L));
        assertThat(custom.bought().priceCents()).isEqualTo(700);
        assertThat(custom.bought().credits()).isEqualTo(MicroCredits.of(7_000_000_000L));
        assertThat(billing.packages()).extracting(p -> p.code()).contains("starter-10", "growth-50", "scale-100");
    }

    @Test
    void aBadPurchaseIsRefusedBeforeAnyCheckout() {
        AccountId account = open();
        Caller buyer = Caller.of(account);
        for (Runnable call : List.<Runnable>of(
                () -> billing.purchase(buyer, Optional.empty(), Optional.empty()),
                () -> billing.purchase(buyer, Optional.of("growth-50"), Optional.of(10L)),
                () -> billing.purchase(buyer, Optional.of("platinum"), Optional.empty()),
                () -> billing.purchase(buyer, Optional.empty(), Optional.of(4L)),
                () -> billing.purchase(buyer, Optional.empty(), Optional.of(10_001L)))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(CreditException.class,
                    e -> assertThat(e.code()).isEqualTo(CreditError.INVALID_AMOUNT));
        }
        assertThatThrownBy(() -> billing.purchase(Caller.of(AccountId.of(UUID.randomUUID())), Optional.of("growth-50"),
                Optional.empty())).isInstanceOfSatisfying(CreditException.class,
                e -> assertThat(e.code()).isEqualTo(CreditError.ACCOUNT_NOT_FOUND));
        assertThat(checkouts).isEmpty();
    }

    @Test
    void aCompletedCheckoutCreditsTheAccountOnceAndARefundClawsBackInProportion() {
        AccountId account = open();
        next = event(PaymentEvent.Kind.CHECKOUT_COMPLETED, "evt_1", account, 0);
        assertThat(billing.handleWebhook(new byte[0], "signed")).isEqualTo("processed");
        assertThat(billing.handleWebhook(new byte[0], "signed")).isEqualTo("processed");
        assertThat(journal.payloads(account)).filteredOn(CreditsPurchased.class::isInstance).hasSize(1);
        assertThat(ledger.standings().summary(account).orElseThrow().balance()).isEqualTo(FIFTY_FIVE_THOUSAND);

        next = event(PaymentEvent.Kind.REFUNDED, "evt_2", account, 2_500);
        billing.handleWebhook(new byte[0], "signed");
        assertThat(journal.payloads(account)).filteredOn(CreditsRefunded.class::isInstance).hasSize(1);
        assertThat(ledger.standings().summary(account).orElseThrow().balance())
                .isEqualTo(MicroCredits.of(27_500_000_000L));
    }

    @Test
    void aFailedPaymentIsRecordedAndCreditsNothing() {
        AccountId account = open();
        next = event(PaymentEvent.Kind.PAYMENT_FAILED, "evt_f", account, 0);
        billing.handleWebhook(new byte[0], "signed");
        assertThat(journal.payloads(account)).filteredOn(PaymentFailed.class::isInstance).hasSize(1);
        assertThat(ledger.standings().summary(account).orElseThrow().balance()).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void eventsForNoKnownAccountOrOfNoInterestAreIgnoredAndForgedOnesRefused() {
        AccountId account = open();
        next = event(PaymentEvent.Kind.OTHER, "evt_o", account, 0);
        assertThat(billing.handleWebhook(new byte[0], "signed")).isEqualTo("ignored");
        next = event(PaymentEvent.Kind.CHECKOUT_COMPLETED, "evt_x", AccountId.of(UUID.randomUUID()), 0);
        assertThat(billing.handleWebhook(new byte[0], "signed")).isEqualTo("ignored");
        next = new PaymentEvent(PaymentEvent.Kind.CHECKOUT_COMPLETED, "evt_n", Optional.empty(), "cs", "pay", "ch",
                5_000, 0, "usd", FIFTY_FIVE_THOUSAND, "growth-50", null, CLOCK.instant());
        assertThat(billing.handleWebhook(new byte[0], "signed")).isEqualTo("ignored");
        assertThatThrownBy(() -> billing.handleWebhook(new byte[0], "forged")).isInstanceOf(PaymentEventRejected.class);
        assertThat(journal.payloads(account)).hasSize(1);
    }

    private PaymentEvent event(PaymentEvent.Kind kind, String id, AccountId account, long refundedCents) {
        return new PaymentEvent(kind, id, Optional.of(account), "cs_1", "pay_1", "ch_1", 5_000, refundedCents, "usd",
                FIFTY_FIVE_THOUSAND, "growth-50", kind == PaymentEvent.Kind.PAYMENT_FAILED ? "card declined" : null,
                CLOCK.instant());
    }
}
