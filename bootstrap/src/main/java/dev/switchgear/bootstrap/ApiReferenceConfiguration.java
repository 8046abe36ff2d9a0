package dev.switchgear.bootstrap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reference (ADR 0019): springdoc builds the OpenAPI 3.1 document from the REST controllers;
 * {@link ApiReferenceRules} adds what holds for every route by rule (security, error responses).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", havingValue = "true", matchIfMissing = true)
class ApiReferenceConfiguration {

    @Bean
    OpenAPI switchgearApi() {
        return new OpenAPI()
                .info(new Info().title("Switchgear API").version("v1")
                        .description("An OpenAI- and Anthropic-compatible LLM routing gateway: completions, "
                                + "accounts, credits, keys, catalog and routing. Errors come in OpenAI's shape "
                                + "`{\"error\":{\"message\",\"type\",\"param\",\"code\"}}`, on `/v1/messages` in "
                                + "Anthropic's `{\"type\":\"error\",\"error\":{\"type\",\"message\"}}`.")
                        .license(new License().name("Proprietary")))
                .components(new Components());
    }

    @Bean
    OpenApiCustomizer switchgearApiRules() {
        return new ApiReferenceRules();
    }
}
