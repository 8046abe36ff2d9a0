package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.billing.AccountAlerts;
import dev.switchgear.adapter.billing.LagoMeter;
import dev.switchgear.adapter.billing.StripeCheckout;
import dev.switchgear.adapter.billing.StripeWebhookEvents;
import dev.switchgear.application.port.out.notify.AccountNotifier;
import dev.switchgear.application.service.billing.BillingService;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.api.LowBalanceReached;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Purchases through Stripe Checkout and its webhook, metering to Lago (when its URL is set), and the
 * low-balance alerts (ADR 0011).
 */
@Configuration(proxyBeanMethods = false)
public class BillingConfiguration {

    @Bean
    BillingService billingService(SwitchgearProperties properties, CreditLedger ledger, ObjectMapper json,
                                  Clock clock) {
        SwitchgearProperties.Billing billing = properties.billing();
        return new BillingService(new StripeCheckout(billing.stripeSecretKey(), billing.stripeApiBase()),
                new StripeWebhookEvents(billing.stripeWebhookSecret(), billing.webhookTolerance(), clock, json),
                ledger.standings(), ledger.changes(),
                billing.successUrl(), billing.cancelUrl(), clock);
    }

    @Bean
    @ConditionalOnExpression("!'${switchgear.lago.url:}'.isEmpty()")
    LagoMeter lagoMeter(SwitchgearProperties properties, ObjectMapper json,
                        dev.switchgear.adapter.persistence.readmodel.JooqMeteringLog meteringLog) {
        SwitchgearProperties.Lago lago = properties.lago();
        return new LagoMeter(URI.create(lago.url()), lago.apiKey(), lago.metricCode(), json, meteringLog);
    }

    /** A batch Lago did not take is rolled back and retried (with the processor's backoff), never dropped. */
    @Bean
    ConfigurerModule lagoRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(LagoMeter.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(LowBalanceAlerts.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    AccountNotifier accountNotifier(SwitchgearProperties properties, ObjectMapper json) {
        String url = properties.billing().alertWebhookUrl();
        return new AccountAlerts(url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url)), json);
    }

    @Bean
    LowBalanceAlerts lowBalanceAlerts(AccountNotifier notifier) {
        return new LowBalanceAlerts(notifier);
    }

    /** Announces each LowBalanceReached once (its own tracking processor; replays do not repeat it). */
    @ProcessingGroup(LowBalanceAlerts.PROCESSING_GROUP)
    static class LowBalanceAlerts {

        static final String PROCESSING_GROUP = "alerts";
        private final AccountNotifier notifier;

        LowBalanceAlerts(AccountNotifier notifier) {
            this.notifier = notifier;
        }

        @EventHandler
        @org.axonframework.eventhandling.DisallowReplay
        void on(LowBalanceReached event) {
            notifier.lowBalance(event.accountId(), event.balance(), event.threshold(), event.at());
        }
    }
}
