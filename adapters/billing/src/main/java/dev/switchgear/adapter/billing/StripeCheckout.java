package dev.switchgear.adapter.billing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.switchgear.application.port.out.billing.PaymentGateway;
import dev.switchgear.application.port.out.billing.PaymentGatewayUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe Checkout through stripe-java: one payment-mode session per purchase, the account, the
 * credits and the package carried as metadata on the session and on its payment intent (so the
 * charge and its refunds carry them too). The API base is configurable, so tests reach a local
 * stand-in that speaks Stripe's format.
 */
public final class StripeCheckout implements PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StripeCheckout.class);

    private final StripeClient stripe;
    private final boolean configured;

    public StripeCheckout(String secretKey, String apiBase) {
        this.configured = secretKey != null && !secretKey.isBlank();
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(configured ? secretKey : "unset")
                .setConnectTimeout(5_000).setReadTimeout(20_000).setMaxNetworkRetries(2);
        if (apiBase != null && !apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        this.stripe = builder.build();
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
        if (!configured) {
            throw new PaymentGatewayUnavailable("credit purchases are not configured on this gateway (no Stripe key)");
        }
        String account = request.account().value();
        String credits = Long.toString(request.credits().value());
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setClientReferenceId(account)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.currency())
                                .setUnitAmount(request.amountCents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description()).build())
                                .build())
                        .build())
                .putMetadata(StripeWebhookEvents.ACCOUNT, account)
                .putMetadata(StripeWebhookEvents.CREDITS, credits)
                .putMetadata(StripeWebhookEvents.PACKAGE, request.packageCode())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(StripeWebhookEvents.ACCOUNT, account)
                        .putMetadata(StripeWebhookEvents.CREDITS, credits)
                        .putMetadata(StripeWebhookEvents.PACKAGE, request.packageCode())
                        .build())
                .build();
        try {
            Session session = stripe.v1().checkout().sessions().create(params);
            return new Checkout(session.getId(), session.getUrl());
        } catch (StripeException e) {
            LOG.warn("Stripe refused or could not create a checkout session: {} (status {})",
                    e.getClass().getSimpleName(), e.getStatusCode());
            throw new PaymentGatewayUnavailable("the payment provider could not start the checkout; try again later");
        }
    }
}
