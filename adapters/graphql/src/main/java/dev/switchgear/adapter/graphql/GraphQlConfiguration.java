package dev.switchgear.adapter.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.execution.instrumentation.Instrumentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL adapter's own beans: the Long scalar, authentication, error mapping and the query
 * limits ({@code switchgear.graphql.max-depth}, {@code max-complexity}, {@code max-aliases},
 * {@code max-fields}); introspection is switched with {@code switchgear.graphql.introspection}.
 */
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

    @Bean
    FilterRegistrationBean<GraphQlBodyFilter> graphQlBodyFilter(@Value("${spring.graphql.path:/graphql}") String path,
                                                                ObjectMapper json) {
        FilterRegistrationBean<GraphQlBodyFilter> registration = new FilterRegistrationBean<>(
                new GraphQlBodyFilter(path, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    Instrumentation graphQlQueryLimits(@Value("${switchgear.graphql.max-aliases:20}") int maxAliases,
                                       @Value("${switchgear.graphql.max-fields:500}") int maxFields) {
        return new QueryLimits(maxAliases, maxFields);
    }

    /** Every field of {@code Query} needs a caller (ADR 0024). */
    @Bean
    Instrumentation graphQlFieldAuthorization() {
        return new FieldAuthorization();
    }

    @Bean
    Instrumentation graphQlMaxDepth(@Value("${switchgear.graphql.max-depth:8}") int maxDepth) {
        return new QueryLimits.Depth(maxDepth);
    }

    @Bean
    Instrumentation graphQlMaxComplexity(@Value("${switchgear.graphql.max-complexity:200}") int maxComplexity) {
        return new QueryLimits.Complexity(maxComplexity);
    }
}
