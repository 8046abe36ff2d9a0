package dev.switchgear.adapter.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The GraphQL adapter's own beans: the Long scalar, the caller in the GraphQL context, the 401 answer and error mapping. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer longScalar() {
        return wiring -> wiring.scalar(LongScalar.LONG);
    }

    @Bean
    GraphQlAuthentication graphQlAuthentication() {
        return new GraphQlAuthentication();
    }

    @Bean
    GraphQlAuthenticationEntryPoint graphQlAuthenticationEntryPoint(ObjectMapper json) {
        return new GraphQlAuthenticationEntryPoint(json);
    }

    @Bean
    GraphQlErrors graphQlErrors() {
        return new GraphQlErrors();
    }
}
