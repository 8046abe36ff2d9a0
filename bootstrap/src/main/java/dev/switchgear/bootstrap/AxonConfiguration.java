package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.persistence.eventstore.RenamedEventUpcaster;
import dev.switchgear.adapter.persistence.readmodel.UsageProjection;
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

    private static Serializer jackson(ObjectMapper objectMapper) {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }
}
