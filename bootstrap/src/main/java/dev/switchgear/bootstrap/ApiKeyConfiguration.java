package dev.switchgear.bootstrap;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchgear.adapter.persistence.readmodel.ApiKeyProjection;
import dev.switchgear.adapter.persistence.readmodel.JooqApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.identity.AccountKeysService;
import dev.switchgear.application.service.identity.KnownKeys;
import dev.switchgear.application.service.identity.LastUseRecorder;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.config.ConfigurerModule;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gateway API keys as events of the account (ADR 0016): the read model's projection in a
 * subscribing processor (the command's own transaction), the store, the bounded lookup caches, the
 * batched last-use writes and the service behind {@code /api/v1/keys}. {@code ApiKeyService} (the
 * authenticator) is wired in {@link ServiceConfiguration} over the same caches and recorder.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysProperties.class)
public class ApiKeyConfiguration {

    @Bean
    ApiKeyProjection apiKeyProjection(DSLContext db) {
        return new ApiKeyProjection(db);
    }

    @Bean
    ConfigurerModule apiKeyProcessor() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(ApiKeyProjection.PROCESSING_GROUP));
    }

    @Bean
    JooqApiKeyStore apiKeyStore(DSLContext db) {
        return new JooqApiKeyStore(db);
    }

    @Bean
    KnownKeys knownKeys(JooqApiKeyStore store, KeysProperties properties) {
        return new KnownKeys(store,
                new CaffeineKeyLookupCache<StoredApiKey>(properties.cacheTtl(), properties.cacheSize(),
                        Ticker.systemTicker()),
                new CaffeineKeyLookupCache<Boolean>(properties.cacheTtl(), properties.cacheSize(),
                        Ticker.systemTicker()));
    }

    @Bean
    LastUseRecorder lastUseRecorder(JooqApiKeyStore store) {
        return new LastUseRecorder(store);
    }

    @Bean(destroyMethod = "close")
    LastUseFlusher lastUseFlusher(LastUseRecorder recorder, KeysProperties properties) {
        return new LastUseFlusher(recorder, properties.lastUsedFlush());
    }

    @Bean
    AccountKeysService accountKeysService(JooqApiKeyStore store, KnownKeys known, LastUseRecorder lastUse,
                                          CreditLedger ledger, Clock clock, Supplier<UUID> ids) {
        return new AccountKeysService(store, known, lastUse, ledger.standings(), ledger.changes(), clock, ids);
    }
}
