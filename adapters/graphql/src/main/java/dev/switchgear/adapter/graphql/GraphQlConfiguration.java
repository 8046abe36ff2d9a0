package dev.switchgear.adapter.graphql;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The GraphQL adapter's own beans: the Long scalar, authentication and error mapping. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer longScalar() {
        return wiring -> wiring.scalar(LongScalar.LONG);
    }

    @Bean
    GraphQlAuthentication graphQlAuthentication(AuthenticateUseCase authenticate) {
        return new GraphQlAuthentication(authenticate);
    }

    @Bean
    GraphQlErrors graphQlErrors() {
        return new GraphQlErrors();
    }
}
