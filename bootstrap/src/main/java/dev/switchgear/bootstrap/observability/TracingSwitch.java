package dev.switchgear.bootstrap.observability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Tracing only when traces can leave the process (ADR 0028, issue #13): without
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (property {@code otel.exporter.otlp.endpoint}) Spring Boot's
 * tracing is not configured at all, so no request pays for spans that nothing would record (the
 * sampler said no, but every observation still made, scoped and ended one). An explicit
 * {@code management.tracing.enabled} wins: this source is the last one asked, and it answers only
 * while the endpoint is blank, read when the question is asked (so a test's or a profile's endpoint
 * set after start-up counts).
 */
public final class TracingSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "management.tracing.enabled";
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new OffWithoutEndpoint(environment));
    }

    /**
     * Holds the environment in a field of its own: a property source whose source is an environment
     * is taken by Spring Boot's binder for a nest of sources to walk (itself included, without end).
     */
    private static final class OffWithoutEndpoint extends PropertySource<Object> {

        private final ConfigurableEnvironment environment;

        OffWithoutEndpoint(ConfigurableEnvironment environment) {
            super("switchgearTracingOffWithoutEndpoint", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!ENABLED.equals(name)) {
                return null;
            }
            return environment.getProperty(ENDPOINT, "").isBlank() ? "false" : null;
        }
    }
}
