package dev.switchgear.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Starts the gateway: the REST and GraphQL adapters are scanned, everything else is wired here. */
@SpringBootApplication(scanBasePackages = {
        "dev.switchgear.bootstrap", "dev.switchgear.adapter.rest", "dev.switchgear.adapter.graphql"})
@EnableConfigurationProperties(SwitchgearProperties.class)
public class SwitchgearApplication {

    static {
        // Axon's update checker would call AxonIQ's servers from every start; a gateway must not
        // phone home. An operator who wants it can set the property to false explicitly.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(SwitchgearApplication.class, args);
    }
}
