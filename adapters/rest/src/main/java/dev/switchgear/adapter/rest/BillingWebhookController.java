package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.billing.BuyCreditsUseCase;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook: no API key (Stripe signs each delivery instead), the raw body handed on
 * untouched for the signature check. A delivery that fails it gets 400 and changes nothing.
 */
@RestController
public class BillingWebhookController {

    public static final String PATH = "/api/v1/billing/webhooks/stripe";

    private final BuyCreditsUseCase billing;

    public BillingWebhookController(BuyCreditsUseCase billing) {
        this.billing = billing;
    }

    @PostMapping(PATH)
    Map<String, Object> stripe(@RequestHeader(name = "Stripe-Signature", required = false) String signature,
                               @RequestBody(required = false) byte[] body) {
        return Map.of("received", true, "outcome", billing.handleWebhook(body == null ? new byte[0] : body, signature));
    }
}
