package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.Module;
import dev.switchgear.adapter.crypto.MasterKeyset;
import dev.switchgear.adapter.crypto.TinkKeyVault;
import dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountCommands;
import dev.switchgear.adapter.persistence.eventstore.AxonProviderKeyringCommands;
import dev.switchgear.adapter.persistence.eventstore.AxonCreditAccountJournal;
import dev.switchgear.adapter.persistence.eventstore.ChargedRequestIndex;
import dev.switchgear.adapter.persistence.eventstore.DomainJacksonModule;
import dev.switchgear.adapter.persistence.readmodel.JooqAdminCredentialStore;
import dev.switchgear.adapter.persistence.readmodel.JooqKeptAnswers;
import dev.switchgear.adapter.persistence.readmodel.JooqProviderKeyReadModel;
import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.adapter.persistence.readmodel.JooqWrappedDataKeys;
import dev.switchgear.adapter.persistence.eventstore.AxonMasterKeyHistory;
import dev.switchgear.adapter.persistence.readmodel.JooqAuditLog;
import dev.switchgear.application.service.audit.AuditQueryService;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.credit.CreditAccountCommands;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.keyring.EgressGuard;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.application.service.completion.CompletionService;
import dev.switchgear.application.service.completion.RateLimitGate;
import dev.switchgear.application.service.credit.AccountService;
import dev.switchgear.application.service.credit.AccountPreferencesService;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.completion.ModelListing;
import dev.switchgear.application.service.completion.TokenCountService;
import dev.switchgear.application.service.identity.ApiKeyService;
import dev.switchgear.application.service.identity.KnownKeys;
import dev.switchgear.application.service.identity.LastUseRecorder;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.application.service.keyring.ByokProvidersService;
import dev.switchgear.application.service.keyring.ByokStatsService;
import dev.switchgear.application.service.keyring.KeyringErasureService;
import dev.switchgear.application.service.keyring.MasterKeyService;
import dev.switchgear.application.service.keyring.ProviderKeyService;
import dev.switchgear.application.service.keyring.ProviderKeyTestService;
import dev.switchgear.application.service.routing.CurrentCatalog;
import dev.switchgear.application.service.usage.UsageQueryService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The application services and the outgoing adapters they use, wired by hand. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Supplier<UUID> idGenerator() {
        return UUID::randomUUID;
    }

    @Bean
    Module domainJacksonModule() {
        return new DomainJacksonModule();
    }

    @Bean
    JooqKeptAnswers keptAnswers(DSLContext db) {
        return new JooqKeptAnswers(db);
    }

    @Bean
    CreditAccountJournal creditAccountJournal(EventStore eventStore, DSLContext db, JooqKeptAnswers answers,
                                              PlatformTransactionManager transactions) {
        return new AxonCreditAccountJournal(eventStore, new ChargedRequestIndex(db), answers,
                new TransactionTemplate(transactions));
    }

    /** Answers kept past their time are deleted hourly. */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService keptAnswerPurge(JooqKeptAnswers answers, Clock clock) {
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "kept-answer-purge");
                    thread.setDaemon(true);
                    return thread;
                });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                answers.purgeExpired(clock.instant());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ServiceConfiguration.class)
                        .warn("purging expired answers failed: {}", e.getClass().getSimpleName());
            }
        }, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
        return scheduler;
    }

    @Bean
    CreditAccountCommands creditAccountCommands(CommandGateway gateway) {
        return new AxonCreditAccountCommands(gateway);
    }

    @Bean(destroyMethod = "close")
    CreditLedger creditLedger(CreditAccountJournal journal, CreditAccountCommands commands, Clock clock,
                              SwitchgearProperties properties) {
        return new CreditLedger(journal, commands, clock, properties.ledger().maxBatch(), properties.ledger().commitLinger());
    }

    @Bean
    AccountService accountService(CreditLedger ledger, CreditAccountCommands commands, CreditAccountJournal journal,
                                  Clock clock, Supplier<UUID> ids, DSLContext db,
                                  com.fasterxml.jackson.databind.ObjectMapper json) {
        return new AccountService(ledger.standings(), ledger.changes(), commands, journal, clock, ids,
                new JooqUsageReadModel(db, json));
    }

    /** The authenticator, over the key caches and last-use recorder of {@link ApiKeyConfiguration} (ADR 0016). */
    @Bean
    ApiKeyService apiKeyService(DSLContext db, KnownKeys knownKeys, LastUseRecorder lastUse, Clock clock,
                                SwitchgearProperties properties) {
        ApiKeyService service = new ApiKeyService(knownKeys, new JooqAdminCredentialStore(db), lastUse, clock);
        service.initialiseAdminKey(Optional.ofNullable(properties.adminKey())).ifPresent(ServiceConfiguration::showOnce);
        return service;
    }

    @Bean
    CompletionService completionService(CurrentCatalog routing, List<CompletionProvider> providers,
                                        ProviderHealth health, CreditLedger ledger, JooqKeptAnswers answers,
                                        Clock clock, Supplier<UUID> ids, SwitchgearProperties properties,
                                        ByokKeys byokKeys, RateLimitGate rateLimits,
                                        dev.switchgear.application.service.routing.RecentCharges recentCharges) {
        return new CompletionService(routing, providers, health, ledger.admission(),
                recentCharges.remembering(ledger.settlement()), answers,
                clock, ids, new CompletionService.Settings(properties.ledger().waitForDurableCharge(),
                        properties.ledger().chargeTimeout(), properties.byok().feeBasisPoints(),
                        properties.routing().routeDeadline(), properties.ledger().keepAnswersFor(),
                        properties.ledger().maxKeptAnswerBytes()), byokKeys, rateLimits);
    }

    /** Token counts for {@code /v1/messages/count_tokens}: local, free, outside the ledger and the rate limits (ADR 0020). */
    @Bean
    TokenCountService tokenCountService(CurrentCatalog routing, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new TokenCountService(routing, new dev.switchgear.adapter.llm.LocalTokenCounter(json));
    }

    @Bean
    ModelListing modelListing(CurrentCatalog routing, List<CompletionProvider> providers, CreditLedger ledger,
                              ByokKeys byokKeys) {
        return new ModelListing(routing, providers, ledger.standings(), byokKeys);
    }

    @Bean
    AccountPreferencesService accountPreferencesService(CreditLedger ledger, Clock clock) {
        return new AccountPreferencesService(ledger.standings(), ledger.changes(), clock);
    }

    @Bean
    MasterKeyset masterKeyset(SwitchgearProperties properties) {
        SwitchgearProperties.Byok byok = properties.byok();
        if (byok.masterKeyset() != null && !byok.masterKeyset().isBlank()) {
            return MasterKeyset.fromJson(byok.masterKeyset());
        }
        return MasterKeyset.fromFile(Optional.ofNullable(byok.masterKeysetFile())
                .orElse(properties.dataDir().resolve("master-keyset.json")));
    }

    @Bean
    KeyVault keyVault(MasterKeyset master, DSLContext db) {
        return new TinkKeyVault(master, new DataKeysetsOnPostgres(new JooqWrappedDataKeys(db)));
    }

    @Bean
    ProviderKeyReadModel providerKeyReadModel(DSLContext db) {
        return new JooqProviderKeyReadModel(db);
    }

    @Bean
    ByokKeys byokKeys(ProviderKeyReadModel readModel, KeyVault vault) {
        return new ByokKeys(readModel, vault);
    }

    @Bean
    ByokProvidersService byokProvidersService(SwitchgearProperties properties, ProviderKeyVerifier verifier) {
        Set<String> configured = new java.util.TreeSet<>();
        if (properties.providers() != null) {
            properties.providers().forEach((id, provider) -> {
                if (!provider.keyless()) {
                    configured.add(id);
                }
            });
        }
        return new ByokProvidersService(configured, verifier);
    }

    @Bean
    ProviderKeyService providerKeyService(ByokProvidersService providers, KeyVault vault, CommandGateway gateway,
                                          ProviderKeyReadModel readModel, EgressGuard egress, CreditLedger ledger,
                                          ByokKeys byokKeys, Clock clock) {
        return new ProviderKeyService(providers, vault, new AxonProviderKeyringCommands(gateway), readModel, egress,
                ledger.standings(), byokKeys, clock);
    }

    @Bean
    ProviderKeyTestService providerKeyTestService(ByokProvidersService providers, KeyVault vault,
                                                  CommandGateway gateway, ProviderKeyReadModel readModel,
                                                  ProviderKeyVerifier verifier, ByokKeys byokKeys, Clock clock) {
        return new ProviderKeyTestService(providers, vault, new AxonProviderKeyringCommands(gateway), readModel,
                verifier, byokKeys, clock);
    }

    @Bean
    ByokStatsService byokStatsService(ProviderKeyReadModel readModel, DSLContext db, Clock clock,
                                      com.fasterxml.jackson.databind.ObjectMapper json) {
        return new ByokStatsService(readModel, new JooqUsageReadModel(db, json), clock);
    }

    @Bean
    KeyringErasureService keyringErasureService(KeyVault vault, CommandGateway gateway, ProviderKeyReadModel readModel,
                                                ByokKeys byokKeys, Clock clock) {
        return new KeyringErasureService(vault, new AxonProviderKeyringCommands(gateway), readModel, byokKeys, clock);
    }

    /** Rotations are published as events, stamped with the request's origin like commands (ADR 0018). */
    @Bean
    MasterKeyService masterKeyService(KeyVault vault, EventStore eventStore, Clock clock) {
        return new MasterKeyService(vault, new AxonMasterKeyHistory(DefaultEventGateway.builder().eventBus(eventStore)
                .dispatchInterceptors(new RequestOrigin()).build()), clock);
    }

    @Bean
    AuditQueryService auditQueryService(DSLContext db, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new AuditQueryService(new JooqAuditLog(db, json));
    }

    @Bean
    UsageQueryService usageQueryService(DSLContext db, SwitchgearProperties properties,
                                        com.fasterxml.jackson.databind.ObjectMapper json) {
        return new UsageQueryService(new JooqUsageReadModel(db, json), properties.usageRowLimit());
    }

    /**
     * The generated admin key goes to standard output once, at the first start, and never to the
     * log or the database (which keeps only its hash).
     */
    private static void showOnce(String adminKey) {
        System.out.println();
        System.out.println("=====================================================================");
        System.out.println(" Switchgear generated an admin key. It is shown only this once:");
        System.out.println();
        System.out.println("   " + adminKey);
        System.out.println();
        System.out.println(" Keep it safe; set SWITCHGEAR_ADMIN_KEY to replace it.");
        System.out.println("=====================================================================");
        System.out.println();
    }
}
