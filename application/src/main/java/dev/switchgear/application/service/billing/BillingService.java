package dev.switchgear.application.service.billing;

import dev.switchgear.application.port.in.billing.BuyCreditsUseCase;
import dev.switchgear.application.port.in.billing.CreditPackage;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.billing.PaymentEvent;
import dev.switchgear.application.port.out.billing.PaymentEvents;
import dev.switchgear.application.port.out.billing.PaymentGateway;
import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.RecordPaymentFailure;
import dev.switchgear.domain.credit.api.RecordPurchase;
import dev.switchgear.domain.credit.api.RecordRefund;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Credit purchases through the payment gateway, and its webhook: a completed checkout credits the
 * account once (per session and per event), a refund claws the credits back in proportion, a failed
 * payment is recorded. Everything goes through the CreditAccount aggregate via the ledger (one writer
 * per account), so duplicate and concurrent deliveries of an event land once, and the order of a
 * payment and its refund does not change the final balance.
 */
public class BillingService implements BuyCreditsUseCase {

    private static final Logger LOG = Logger.getLogger(BillingService.class.getName());
    /** The requirements' packages: $10 = 10,000 credits, $50 = 55,000 (+10 %), $100 = 120,000 (+20 %). */
    public static final List<CreditPackage> PACKAGES = List.of(
            new CreditPackage("starter-10", 1_000, MicroCredits.ofCredits(java.math.BigDecimal.valueOf(10_000)), 0),
            new CreditPackage("growth-50", 5_000, MicroCredits.ofCredits(java.math.BigDecimal.valueOf(55_000)), 10),
            new CreditPackage("scale-100", 10_000, MicroCredits.ofCredits(java.math.BigDecimal.valueOf(120_000)), 20));
    /** A custom amount: whole dollars from 5 to 10,000, 1,000 credits per dollar, no bonus. */
    public static final long MIN_CUSTOM_DOLLARS = 5;
    public static final long MAX_CUSTOM_DOLLARS = 10_000;

    private final PaymentGateway gateway;
    private final PaymentEvents events;
    private final AccountStandings accounts;
    private final AccountChanges changes;
    private final String successUrl;
    private final String cancelUrl;
    private final Clock clock;

    public BillingService(PaymentGateway gateway, PaymentEvents events, AccountStandings accounts, AccountChanges changes, String successUrl,
                          String cancelUrl, Clock clock) {
        this.gateway = gateway;
        this.events = events;
        this.accounts = accounts;
        this.changes = changes;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
        this.clock = clock;
    }

    @Override
    public List<CreditPackage> packages() {
        return PACKAGES;
    }

    @Override
    public CheckoutStarted purchase(Caller caller, Optional<String> packageCode, Optional<Long> customDollars) {
        AccountId account = caller.account();
        if (accounts.summary(account).isEmpty()) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        CreditPackage bought;
        if (packageCode.isPresent() == customDollars.isPresent()) {
            throw new CreditException(CreditError.INVALID_AMOUNT, "give either a package or a custom amount in dollars");
        } else if (packageCode.isPresent()) {
            bought = PACKAGES.stream().filter(p -> p.code().equals(packageCode.get())).findFirst()
                    .orElseThrow(() -> new CreditException(CreditError.INVALID_AMOUNT,
                            "unknown package; the packages are starter-10, growth-50 and scale-100"));
        } else {
            long dollars = customDollars.get();
            if (dollars < MIN_CUSTOM_DOLLARS || dollars > MAX_CUSTOM_DOLLARS) {
                throw new CreditException(CreditError.INVALID_AMOUNT, "a custom amount is " + MIN_CUSTOM_DOLLARS
                        + " to " + MAX_CUSTOM_DOLLARS + " whole dollars");
            }
            bought = new CreditPackage("custom", dollars * 100, MicroCredits.ofCredits(java.math.BigDecimal.valueOf(dollars * 1_000)), 0);
        }
        PaymentGateway.Checkout checkout = gateway.createCheckout(new PaymentGateway.CheckoutRequest(account,
                bought.code(), bought.priceCents(), "usd", bought.credits(),
                bought.credits().toCredits().stripTrailingZeros().toPlainString() + " Switchgear credits", successUrl,
                cancelUrl));
        return new CheckoutStarted(checkout.sessionId(), checkout.url(), bought);
    }

    @Override
    public String handleWebhook(byte[] payload, String signatureHeader) {
        PaymentEvent event = events.verify(payload, signatureHeader);
        if (event.kind() == PaymentEvent.Kind.OTHER) {
            return "ignored";
        }
        if (event.account().isEmpty() || accounts.summary(event.account().get()).isEmpty()) {
            LOG.warning("payment event " + event.eventId() + " names no known account; nothing was done");
            return "ignored";
        }
        AccountId account = event.account().get();
        switch (event.kind()) {
            case CHECKOUT_COMPLETED -> changes.execute(account, new RecordPurchase(account, event.credits(),
                    event.amountCents(), event.currency(), event.packageCode(), event.checkoutReference(),
                    event.paymentReference(), event.eventId(), event.created()));
            case REFUNDED -> changes.execute(account, new RecordRefund(account, event.paymentReference(),
                    event.chargeReference(), event.amountRefundedCents(), event.amountCents(), event.eventId(),
                    event.created()));
            case PAYMENT_FAILED -> changes.execute(account, new RecordPaymentFailure(account, event.paymentReference(),
                    event.message(), event.eventId(), event.created()));
            default -> throw new IllegalStateException("unreachable");
        }
        return "processed";
    }
}
