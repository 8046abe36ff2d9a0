package dev.switchgear.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Tracing is configured only when an OTLP endpoint is set, and an explicit setting always wins. */
class TracingSwitchTest {

    private final Map<String, Object> settings = new HashMap<>();
    private final StandardEnvironment environment = new StandardEnvironment();

    TracingSwitchTest() {
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void offWithoutAnEndpoint() {
        assertThat(environment.getProperty(TracingSwitch.ENABLED)).isEqualTo("false");
        settings.put(TracingSwitch.ENDPOINT, "  ");
        assertThat(environment.getProperty(TracingSwitch.ENABLED)).isEqualTo("false");
    }

    @Test
    void leftToSpringBootsDefaultWithAnEndpointEvenOneSetAfterStartUp() {
        settings.put(TracingSwitch.ENDPOINT, "http://127.0.0.1:4318");
        assertThat(environment.getProperty(TracingSwitch.ENABLED)).isNull();
        assertThat(environment.getProperty(TracingSwitch.ENABLED, Boolean.class, true)).isTrue();
    }

    @Test
    void anExplicitSettingWins() {
        settings.put(TracingSwitch.ENABLED, "true");
        assertThat(environment.getProperty(TracingSwitch.ENABLED)).isEqualTo("true");
        settings.put(TracingSwitch.ENDPOINT, "http://127.0.0.1:4318");
        settings.put(TracingSwitch.ENABLED, "false");
        assertThat(environment.getProperty(TracingSwitch.ENABLED)).isEqualTo("false");
    }

    @Test
    void answersNothingElse() {
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isNull();
    }
}
