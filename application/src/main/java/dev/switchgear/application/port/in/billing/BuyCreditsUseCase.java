package dev.switchgear.application.port.in.billing;

import dev.switchgear.application.port.in.shared.Caller;
import java.util.List;
import java.util.Optional;

/** Buying credits: the packages, a checkout for one of them (or a custom amount), and the payment webhook. */
public interface BuyCreditsUseCase {

    List<CreditPackage> packages();

    /** Starts a checkout for a package, or for {@code customDollars} whole dollars; returns where to pay. */
    CheckoutStarted purchase(Caller caller, Optional<String> packageCode, Optional<Long> customDollars);

    /** Handles one webhook delivery; refuses an unverifiable one with {@code PaymentEventRejected}. */
    String handleWebhook(byte[] payload, String signatureHeader);

    record CheckoutStarted(String sessionId, String url, CreditPackage bought) {
    }
}
