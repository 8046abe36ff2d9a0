package dev.switchgear.bootstrap;

import dev.switchgear.adapter.billing.LagoMeter;
import dev.switchgear.adapter.persistence.eventstore.AxonRebuildHistory;
import dev.switchgear.adapter.persistence.eventstore.EventStoreAccountDirectory;
import dev.switchgear.adapter.persistence.readmodel.ApiKeyProjection;
import dev.switchgear.adapter.persistence.readmodel.AuditProjection;
import dev.switchgear.adapter.persistence.readmodel.JooqMeteringLog;
import dev.switchgear.adapter.persistence.readmodel.JooqUsageReadModel;
import dev.switchgear.adapter.persistence.readmodel.ProviderKeyProjection;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.adapter.persistence.rebuild.AxonProjections;
import dev.switchgear.adapter.persistence.rebuild.ReadModelTables;
import dev.switchgear.application.port.out.billing.MeteringLog;
import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.service.audit.ProjectionService;
import dev.switchgear.application.service.audit.ReconciliationService;
import dev.switchgear.application.service.credit.BalanceHistoryService;
import dev.switchgear.application.service.credit.CreditLedger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replay for audits (issue #15, ADR 0025): the read models each event processor writes (one
 * {@link ReadModelTables} bean per processor — a new projection joins the rebuild with a bean here),
 * the rebuild over Axon's processors, the reconciliation report, the balance as of an instant, and
 * the meter's log of what Lago took.
 */
@Configuration(proxyBeanMethods = false)
public class ReplayConfiguration {

    /**
     * The usage read model of ADR 0024: the raw rows (partitioned by month), the rollups, the
     * accounts' tiers, and the requests that failed outright with their counts (V14). {@code usage_label}, the dictionary of names, is kept: its ids are stable
     * (a name is added once, never removed), so rebuilt rows point at the same labels.
     */
    @Bean
    ReadModelTables usageTables() {
        return ReadModelTables.of(UsageProjection.PROCESSING_GROUP, ReadModelTables.Table.derived("usage_row"),
                ReadModelTables.Table.derived("usage_hourly"), ReadModelTables.Table.derived("usage_daily"),
                ReadModelTables.Table.derived("usage_hourly_all"), ReadModelTables.Table.derived("usage_daily_all"),
                ReadModelTables.Table.derived("usage_account"), ReadModelTables.Table.derived("usage_failure"),
                ReadModelTables.Table.derived("usage_failed_hourly"), ReadModelTables.Table.derived("usage_failed_daily"),
                ReadModelTables.Table.derived("usage_failed_hourly_all"),
                ReadModelTables.Table.derived("usage_failed_daily_all"));
    }

    @Bean
    ReadModelTables auditTables() {
        return ReadModelTables.of(AuditProjection.PROCESSING_GROUP, ReadModelTables.Table.derived("audit_entry"));
    }

    /** Keys issued before keys were events have no event: their rows are kept, and last-use times carried over. */
    @Bean
    ReadModelTables apiKeyTables() {
        return ReadModelTables.of(ApiKeyProjection.PROCESSING_GROUP,
                new ReadModelTables.Table("api_key", Set.of("last_used_at"), "key_id"));
    }

    @Bean
    ReadModelTables providerKeyTables() {
        return ReadModelTables.of(ProviderKeyProjection.PROCESSING_GROUP, ReadModelTables.Table.derived("provider_key"));
    }

    @Bean
    AxonProjections projections(EventProcessingConfiguration processing, EventStorageEngine storage, TokenStore tokens,
                                PlatformTransactionManager transactions, DSLContext db,
                                List<ReadModelTables> readModels) {
        return new AxonProjections(processing, storage, tokens, new TransactionTemplate(transactions), db, readModels);
    }

    /** Rebuilds are published as events, stamped with the request's origin like commands (ADR 0018). */
    @Bean
    ProjectionService projectionService(AxonProjections projections, EventStore eventStore, Clock clock) {
        return new ProjectionService(projections, new AxonRebuildHistory(DefaultEventGateway.builder()
                .eventBus(eventStore).dispatchInterceptors(new RequestOrigin()).build()), clock);
    }

    @Bean
    JooqMeteringLog meteringLog(DSLContext db) {
        return new JooqMeteringLog(db);
    }

    /** The metered side of the report exists only when the meter runs (LAGO_API_URL set). */
    @Bean
    ReconciliationService reconciliationService(DSLContext db, com.fasterxml.jackson.databind.ObjectMapper json,
                                                CreditAccountJournal journal, CreditLedger ledger,
                                                JooqMeteringLog meteringLog, ObjectProvider<LagoMeter> meter,
                                                AxonProjections projections) {
        Optional<MeteringLog> metering = meter.getIfAvailable() == null ? Optional.empty() : Optional.of(meteringLog);
        return new ReconciliationService(new EventStoreAccountDirectory(db), journal, ledger.standings(),
                new JooqUsageReadModel(db, json), metering, projections);
    }

    @Bean
    BalanceHistoryService balanceHistoryService(CreditAccountJournal journal) {
        return new BalanceHistoryService(journal);
    }
}
