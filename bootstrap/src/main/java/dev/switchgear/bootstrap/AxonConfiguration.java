package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.persistence.eventstore.RenamedEventUpcaster;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
import dev.switchgear.adapter.persistence.readmodel.AuditMetadata;
import dev.switchgear.adapter.persistence.readmodel.AuditProjection;
import dev.switchgear.adapter.persistence.readmodel.JooqAuditLog;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import dev.switchgear.adapter.persistence.readmodel.ProviderKeyProjection;
import dev.switchgear.domain.credit.CreditAccount;
import dev.switchgear.domain.keyring.ProviderKeyring;
import dev.switchgear.domain.routing.RoutingPolicy;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon without Axon Server: the JDBC event store and token store come from Axon's auto-configuration
 * on our DataSource; this registers the aggregate (the domain has no Spring annotations), the
 * projections, and one Jackson serializer built on the application's ObjectMapper so that stored
 * events use the domain's JSON shapes.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    ConfigurerModule creditAccountAggregate() {
        return configurer -> configurer.configureAggregate(CreditAccount.class);
    }

    @Bean
    ConfigurerModule routingPolicyAggregate() {
        return configurer -> configurer.configureAggregate(RoutingPolicy.class);
    }

    @Bean
    ConfigurerModule providerKeyringAggregate() {
        return configurer -> configurer.configureAggregate(ProviderKeyring.class);
    }

    @Bean
    ProviderKeyProjection providerKeyProjection(DSLContext db) {
        return new ProviderKeyProjection(db);
    }

    @Bean
    @Primary
    Serializer serializer(ObjectMapper objectMapper) {
        return jackson(objectMapper);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper) {
        return jackson(objectMapper);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(ObjectMapper objectMapper) {
        return jackson(objectMapper);
    }

    /** Reads events stored under an older name or shape as today's (see its list of renames). */
    @Bean
    RenamedEventUpcaster renamedEventUpcaster() {
        return new RenamedEventUpcaster();
    }

    @Bean
    UsageProjection usageProjection(DSLContext db, ObjectMapper json) {
        return new UsageProjection(db, json);
    }

    /**
     * Who and from where (ADR 0018): every command dispatched carries the request's origin as
     * metadata; the events it applies inherit it through {@link #auditCorrelationData()}.
     */
    @Bean
    Registration requestOriginOnCommands(CommandBus commandBus) {
        return commandBus.registerDispatchInterceptor(new RequestOrigin());
    }

    /** Copies the origin from a command onto the events it applies. */
    @Bean
    CorrelationDataProvider auditCorrelationData() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.ACTOR_ROLE,
                AuditMetadata.CLIENT_ADDRESS, AuditMetadata.USER_AGENT);
    }

    /** Axon's default correlation and trace ids, which declaring a provider of our own would otherwise drop. */
    @Bean
    CorrelationDataProvider correlationAndTraceIds() {
        return new MessageOriginProvider();
    }

    @Bean
    AuditProjection auditProjection(DSLContext db, ObjectMapper json) {
        return new AuditProjection(new JooqAuditLog(db, json));
    }

    /** An entry that cannot be written is retried (with the processor's backoff), never skipped. */
    @Bean
    ConfigurerModule auditRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(AuditProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }

    private static Serializer jackson(ObjectMapper objectMapper) {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }
}
