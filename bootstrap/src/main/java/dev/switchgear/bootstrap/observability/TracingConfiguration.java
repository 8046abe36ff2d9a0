package dev.switchgear.bootstrap.observability;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.service.identity.ApiKeyService;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Traces (ADR 0028): Micrometer Tracing over OpenTelemetry (Spring Boot's auto-configuration), the
 * gateway's own spans ({@link GatewaySpans}), and the OTLP/HTTP exporter — made only when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (the OpenTelemetry variable: the collector's base URL,
 * {@code /v1/traces} appended). Without it nothing is sampled, so nothing is recorded or leaves the
 * process.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    /** The gateway's own spans: made only when they can be exported. */
    @Bean
    GatewaySpans gatewaySpans(ObjectProvider<Tracer> tracer,
                              @Value("${otel.exporter.otlp.endpoint:}") String endpoint) {
        return new GatewaySpans(endpoint.isBlank() ? Tracer.NOOP : tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    /**
     * Spring Boot's sampler, except that with no endpoint nothing is sampled: spans that could not be
     * exported are not recorded at all (Spring's own HTTP server observation included).
     */
    @Bean
    Sampler switchgearSampler(@Value("${otel.exporter.otlp.endpoint:}") String endpoint,
                        @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return endpoint.isBlank() ? Sampler.alwaysOff() : Sampler.parentBased(Sampler.traceIdRatioBased(probability));
    }

    /** Spring Boot's OpenTelemetry SDK sends every span to each {@link SpanExporter} bean. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${otel.exporter.otlp.endpoint:}'.isBlank()")
    SpanExporter otlpSpanExporter(@Value("${otel.exporter.otlp.endpoint}") String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
    }

    /** What the security chain calls: the key check, as a span. */
    @Bean
    @Primary
    AuthenticateUseCase tracedAuthentication(ApiKeyService keys, GatewaySpans spans) {
        return new TracedAuthentication(keys, spans);
    }
}
